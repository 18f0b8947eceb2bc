import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../infra/local/demo/run-demo';
import { parisDate } from '../../shared/domain/calendar';
import { extractPdfText, flatText } from '../support/pdf-text';

/**
 * The demo must work on any calendar date, not only in its seeded window (2026-01-05): in a
 * half-year whose rates are not published yet (2026-H2 is null in rates.json) and at the real
 * current date. A missing rate never stops a formal notice: interest is computed to the last
 * covered day and the notice says so (docs/legal.md §12).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function demoFrom(start: string, days: number) {
  const outDir = await mkdtemp(join(tmpdir(), `recouvrement-demo-${start}-`));
  dirs.push(outDir);
  const result = await runDemo({
    invoicesFile: join(ROOT, 'samples', 'invoices.csv'),
    tenantFile: join(ROOT, 'samples', 'tenant.json'),
    outDir,
    start,
    days,
    seed: 42,
  });
  return { result, outDir };
}

async function noticeTexts(outDir: string): Promise<string[]> {
  const files = (await readdir(join(outDir, 'letters'))).filter((f) => f.includes('formal-notice'));
  return Promise.all(
    files.map(async (f) => flatText(await extractPdfText(await readFile(join(outDir, 'letters', f))))),
  );
}

describe('demo outside its seeded window', () => {
  it('runs 120 days from 2026-09-01 (rates of 2026-H2 missing) with no failed step', async () => {
    const { result, outDir } = await demoFrom('2026-09-01', 120);
    expect(result.launches.failed).toBe(0);
    // B2B notices claim late-payment penalties from the due date (C.com. L441-10): they stop at
    // the last covered day. A consumer's legal interest only starts with the notice itself.
    const b2b = (await noticeTexts(outDir)).filter((text) => text.includes('Pénalités'));
    expect(b2b.length).toBeGreaterThan(3);
    for (const text of b2b) expect(text).toMatch(/intérêts arrêtés au 30\/06\/2026, sauf à parfaire/);
  }, 300_000);

  it('runs at the real current date with no failed step', async () => {
    const { result } = await demoFrom(parisDate(new Date().toISOString()), 45);
    expect(result.launches.failed).toBe(0);
    expect(result.launches.started).toBeGreaterThan(0);
  }, 300_000);
});
