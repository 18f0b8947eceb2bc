import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../infra/local/demo/run-demo';
import { formatEuros } from '../../shared/domain/money';

/** The demo ends by writing out/report.html, at the real current date too (not only in its window). */
const ROOT = join(import.meta.dirname, '..', '..');
let outDir: string | undefined;

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the demo', () => {
  it('writes out/report.html over the simulated period, from 2026-11-30', async () => {
    outDir = await mkdtemp(join(tmpdir(), 'recouvrement-demo-report-'));
    const result = await runDemo({
      invoicesFile: join(ROOT, 'samples', 'invoices.csv'),
      tenantFile: join(ROOT, 'samples', 'tenant.json'),
      outDir,
      start: '2026-11-30',
      days: 5,
      seed: 42,
    });
    const html = await readFile(join(outDir, 'report.html'), 'utf8');
    expect(html).toMatch(/Period 2026-11-30 → 2026-12-0[45] /);
    expect(html.match(/<svg/g)?.length).toBe(3);
    // Every invoice of the file was entrusted on the first day: the report's entrusted total is theirs.
    const principal = result.summary.totals.principalCents;
    expect(principal).toBeGreaterThan(0);
    expect(html).toContain(`data-kpi="entrusted">${formatEuros(principal)}<`);
  });
});
