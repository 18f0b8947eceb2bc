import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_INVOICES_PER_DOSSIER } from '../../shared/domain/dossier';
import { LIMIT_REASON, STORAGE_REASON } from '../../shared/use-cases/intake/dossier-capacity';
import { ingestInvoices } from '../../shared/use-cases/intake/ingest-invoices';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * Past what one dossier holds, intake refuses the debtor's extra rows with a reason and stores
 * everything else: the file never fails because one debtor has too many invoices.
 */
let deps: TestPipeline;
let tenantCounter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

const RECEIVED = '2026-03-10T08:00:00.000Z';
const HEADER =
  'invoice_number,debtor_ref,debtor_type,debtor_name,debtor_email,debtor_phone,address_line1,postal_code,city,country,amount,issue_date,due_date';

async function newTenant(): Promise<string> {
  const tenantId = `tenant-capacity-${++tenantCounter}`;
  await deps.repository.putTenant(aTenant(tenantId));
  return tenantId;
}

function row(number: string, debtorRef: string): string {
  return `${number},${debtorRef},professional,Grossiste Dupont SAS,compta@dupont.example,,8 quai de Saône,69009,Lyon,FR,120.50,2026-02-01,2026-03-03`;
}

describe('intake: a debtor past what one dossier holds', () => {
  it(`accepts up to ${MAX_INVOICES_PER_DOSSIER} invoices per debtor and refuses the next rows, not the file`, async () => {
    const tenantId = await newTenant();
    // The debtor already holds all but two of its invoices (stored earlier, by other files).
    const held = Array.from({ length: MAX_INVOICES_PER_DOSSIER - 2 }, (_, i) =>
      anInvoice({ number: `OLD-${i}` }),
    );
    await deps.repository.createDossier(
      aDossier({ tenantId, dossierId: 'DOS-FULL', debtor: aDebtor({ ref: 'FULL' }), invoices: held }),
    );
    const csv = [
      HEADER,
      row('NEW-1', 'FULL'),
      row('NEW-2', 'FULL'),
      row('NEW-3', 'FULL'),
      row('OTHER-1', 'SMALL'),
      row('NEW-4', 'FULL'),
    ].join('\n');

    const report = await ingestInvoices(deps, {
      tenantId,
      key: `${tenantId}/more.csv`,
      body: csv,
      receivedAt: RECEIVED,
    });

    expect(report.accepted).toBe(3);
    expect(report.rejected).toEqual([
      { row: 4, invoiceNumber: 'NEW-3', field: 'invoice_number', reason: LIMIT_REASON },
      { row: 6, invoiceNumber: 'NEW-4', field: 'invoice_number', reason: LIMIT_REASON },
    ]);
    expect(LIMIT_REASON).toMatch(/10,000 invoices, the limit per debtor/);
    const full = await deps.repository.getDossier(tenantId, 'DOS-FULL');
    expect(full?.invoices).toHaveLength(MAX_INVOICES_PER_DOSSIER);
    expect(full?.invoices.slice(-2).map((inv) => inv.number)).toEqual(['NEW-1', 'NEW-2']);
    expect(await deps.repository.getDossier(tenantId, 'DOS-SMALL')).toBeDefined();
  }, 60_000);

  it('refuses the rows whose invoice numbers would overflow the stored dossier, and keeps the others', async () => {
    const tenantId = await newTenant();
    // 64 random characters per number: barely compressible, so the item fills before the count limit.
    const numbers = Array.from({ length: 7_000 }, () => randomBytes(48).toString('base64url'));
    const csv = [HEADER, ...numbers.map((number) => row(number, 'LONGNUMBERS'))].join('\n');

    const report = await ingestInvoices(deps, {
      tenantId,
      key: `${tenantId}/long.csv`,
      body: csv,
      receivedAt: RECEIVED,
    });

    const stored = await deps.repository.getDossier(tenantId, 'DOS-LONGNUMBERS');
    expect(report.rejected.length).toBeGreaterThan(0);
    expect(report.accepted + report.rejected.length).toBe(7_000);
    expect(new Set(report.rejected.map((r) => r.reason))).toEqual(new Set([STORAGE_REASON]));
    // The rows kept are the first ones of the file, every one of them stored.
    expect(stored?.invoices.map((inv) => inv.number)).toEqual(numbers.slice(0, report.accepted));
    expect(report.rejected[0]).toMatchObject({
      row: report.accepted + 2,
      invoiceNumber: numbers[report.accepted],
    });
  }, 120_000);
});
