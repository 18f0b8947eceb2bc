import { describe, expect, it } from 'vitest';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { ingestInvoices } from '../../shared/use-cases/intake/ingest-invoices';
import { aTenant } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { RecordingLogger } from '../support/recording-ports';

/**
 * The intake reads a page's dossiers, then claims its new numbers all at once (by transactions
 * of 100 on DynamoDB Local and AWS; on dynalite the claims read, then one conditional put per
 * free number). Another file may claim one of them, or create the dossier, in between: the row
 * must still be rejected or kept exactly as the one-by-one path decides. Runs on dynalite and, with
 * RECOUVREMENT_STORE=dynamodb-local, on DynamoDB Local (a cancelled transaction, then its fallback).
 */
class ClaimSlippedIn extends DynamoDossierRepository {
  /** Runs once, right after the next batch read of dossiers (the page's first read): another file's write lands there. */
  afterPageRead: (() => Promise<unknown>) | undefined;

  override async getDossiers(tenantId: string, dossierIds: string[]) {
    const read = await super.getDossiers(tenantId, dossierIds);
    const hook = this.afterPageRead;
    this.afterPageRead = undefined;
    await hook?.();
    return read;
  }
}

const HEADER =
  'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;issue_date;due_date';
const row = (number: string, debtor: string) =>
  `${number};${debtor};professional;SARL ${debtor};compta@${debtor.toLowerCase()}.example;;1 rue A;75001;Paris;FR;100;2026-02-01;2026-03-01`;
const RECEIVED = '2026-03-10T08:00:00.000Z';

let repository: ClaimSlippedIn;
const dynamo = useDynalite((started) => {
  repository = new ClaimSlippedIn(started.client, started.tableName, 4, {
    transactions: started.store === 'dynamodb-local',
  });
});

async function ingest(tenantId: string, rows: string[]) {
  await repository.putTenant(aTenant(tenantId));
  const deps = { repository, tenants: repository, logger: new RecordingLogger() };
  const body = `${HEADER}\n${rows.join('\n')}\n`;
  return ingestInvoices(deps, { tenantId, key: `${tenantId}/f.csv`, body, receivedAt: RECEIVED });
}

describe(`invoice claims racing another file (${process.env.RECOUVREMENT_STORE ?? 'dynalite'})`, () => {
  it('rejects the number another debtor claimed after it was read free, and keeps the rest', async () => {
    // 150 numbers: two transactions of claims where the store has them; F-120 is in the second.
    const numbers = Array.from({ length: 150 }, (_, i) => `F-${i}`);
    repository.afterPageRead = () => repository.claimInvoiceNumber('race-1', 'F-120', 'DOS-OTHER');

    const report = await ingest(
      'race-1',
      numbers.map((number) => row(number, 'D1')),
    );

    expect(dynamo().store).toBeDefined();
    expect(report.accepted).toBe(149);
    expect(report.rejected).toEqual([
      {
        row: 122,
        invoiceNumber: 'F-120',
        field: 'invoice_number',
        reason: 'already imported for another debtor',
      },
    ]);
    const dossier = await repository.getDossier('race-1', 'DOS-D1');
    expect(dossier?.invoices).toHaveLength(149);
    expect(dossier?.invoices.some((invoice) => invoice.number === 'F-120')).toBe(false);
    expect(await repository.findInvoiceClaim('race-1', 'F-120')).toBe('DOS-OTHER');
    expect(await repository.findInvoiceClaim('race-1', 'F-121')).toBe('DOS-D1');
  });

  it("keeps a number its own debtor's dossier claimed meanwhile (the same file retried at once)", async () => {
    repository.afterPageRead = () => repository.claimInvoiceNumber('race-2', 'F-2', 'DOS-D1');

    const report = await ingest('race-2', [row('F-1', 'D1'), row('F-2', 'D1'), row('F-3', 'D1')]);

    expect(report.accepted).toBe(3);
    expect(report.rejected).toEqual([]);
    const dossier = await repository.getDossier('race-2', 'DOS-D1');
    expect(dossier?.invoices.map((invoice) => invoice.number).sort()).toEqual(['F-1', 'F-2', 'F-3']);
  });
});

describe(`dossiers written in batches racing another file (${process.env.RECOUVREMENT_STORE ?? 'dynalite'})`, () => {
  it("merges another file's invoices for the same new debtor, stored between the read and the batch", async () => {
    // The other file creates DOS-D7 after this one read it absent: this file's create must fail
    // (a cancelled transaction where the store batches dossiers) and be planned again on it.
    repository.afterPageRead = () => ingest('race-3', [row('G-1', 'D7')]);

    const report = await ingest('race-3', [row('F-1', 'D7'), row('F-2', 'D7'), row('F-3', 'D8')]);

    expect(report.accepted).toBe(3);
    const merged = await repository.getDossier('race-3', 'DOS-D7');
    expect(merged?.invoices.map((invoice) => invoice.number).sort()).toEqual(['F-1', 'F-2', 'G-1']);
    expect(merged?.version).toBe(2);
    const other = await repository.getDossier('race-3', 'DOS-D8');
    expect(other?.invoices.map((invoice) => invoice.number)).toEqual(['F-3']);
  });
});
