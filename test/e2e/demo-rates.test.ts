import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../infra/local/demo/run-demo';
import { extractPdfText, flatText } from '../support/pdf-text';
import { RATES_2026_H2 } from '../support/rates';

/**
 * The embedded pipeline across a half-year whose rates are not in the packaged table (2026-H2,
 * as on 2026-11-30): every step succeeds, the B2B formal notices claim penalties to 30/06/2026
 * and say so; with the operators' overrides (`<data>/rates.json`) they compute to the day.
 */
const ROOT = join(import.meta.dirname, '..', '..');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'recouvrement-demo-rates-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function demo(name: string, dataDir: string) {
  const outDir = join(work, name);
  const result = await runDemo({
    invoicesFile: join(ROOT, 'samples', 'invoices.csv'),
    tenantFile: join(ROOT, 'samples', 'tenant.json'),
    outDir,
    start: '2026-09-01',
    days: 10,
    seed: 42,
    dataDir,
  });
  const letters = join(outDir, 'letters');
  const notices = (await readdir(letters)).filter((file) => file.includes('formal-notice'));
  const texts = await Promise.all(
    notices.map(async (file) => flatText(await extractPdfText(await readFile(join(letters, file))))),
  );
  return { result, texts };
}

const STOPPED = 'intérêts arrêtés au 30/06/2026, sauf à parfaire';

describe('demo while the current half-year has no rate', () => {
  it('runs every step, and the B2B notices state the day interest was computed to', async () => {
    const { result, texts } = await demo('packaged', join(work, 'no-data'));

    expect(result.launches.failed).toBe(0);
    expect(result.rates).toMatchObject({ covered: false, knownThrough: '2026-06-30', missing: ['2026-H2'] });
    const b2b = texts.filter((text) => text.includes('Pénalités'));
    expect(b2b.length).toBeGreaterThan(3);
    for (const text of b2b) expect(text).toContain(STOPPED);
  });

  it('reads the overrides of its data folder: the notices then compute to the day, nothing more said', async () => {
    const data = join(work, 'data');
    await mkdir(data, { recursive: true });
    await writeFile(join(data, 'rates.json'), JSON.stringify({ entries: [RATES_2026_H2] }));
    const { result, texts } = await demo('overridden', data);

    expect(result.launches.failed).toBe(0);
    expect(result.rates).toMatchObject({ covered: true, missing: [] });
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) expect(text).not.toContain('sauf à parfaire');
  });
});
