import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, runDemo } from '../../infra/local/demo/run-demo';

/** The demo's e-invoices (samples/e-invoices) and the platform's status feed, at today's real date. */
const ROOT = join(import.meta.dirname, '..', '..');
let outDir: string;
let result: DemoResult;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-einv-demo-'));
  result = await runDemo({
    invoicesFile: join(ROOT, 'samples', 'invoices.csv'),
    tenantFile: join(ROOT, 'samples', 'tenant.json'),
    eInvoicesDir: join(ROOT, 'samples', 'e-invoices'),
    outDir,
    start: '2026-11-30',
    days: 2,
    seed: 42,
  });
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('demo: e-invoices and platform statuses', () => {
  it('imports the Factur-X PDF and the UBL invoice through the intake bucket', () => {
    const eInvoices = result.intake.filter((outcome) => outcome.kind === 'e-invoice');
    expect(
      eInvoices.map((o) => (o.kind === 'e-invoice' ? [o.report.format, o.report.accepted] : [])),
    ).toEqual([
      ['factur-x', 1],
      ['ubl', 1],
    ]);
  });

  it('the status feed moves the refused invoice to disputed and the cashed one to paid', async () => {
    const statuses = result.intake.find((outcome) => outcome.kind === 'invoice-statuses');
    expect(statuses).toMatchObject({ report: { applied: 3, rejected: [] } });
    const outcome = (id: string) => result.summary.dossiers.find((dossier) => dossier.dossierId === id);
    expect(result.timelines['DOS-C951']!.map((e) => e.type)).toContain('dispute-opened');
    expect(result.timelines['DOS-C950']!.map((e) => e.type)).toEqual(
      expect.arrayContaining(['promise-made', 'payment-received', 'dossier-paid']),
    );
    expect(outcome('DOS-C950')).toMatchObject({ outcome: 'paid' });
    // Encaissée without an amount cashes the balance: BT-115 of the Factur-X, 1 440,00 EUR.
    const cashed = result.timelines['DOS-C950']!.find((e) => e.type === 'payment-received');
    expect(cashed?.amountCents).toBe(144_000);
    // The PDF is kept where the court file reads it.
    const kept = await readFile(
      join(outDir, 'buckets', 'documents', 'demo', 'DOS-C950', 'invoices', 'FX-2025-0501.pdf'),
    );
    expect(kept.equals(await readFile(join(ROOT, 'samples', 'e-invoices', 'factur-x-invoice.pdf')))).toBe(
      true,
    );
  });
});
