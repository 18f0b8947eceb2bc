import { describe, expect, it } from 'vitest';
import { ingestInvoices } from '../../shared/use-cases/intake/ingest-invoices';
import { aTenant } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

let deps: TestPipeline;
let tenantCounter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

/** A tenant of its own for each test, with a professional creditor profile. */
async function newTenant(overrides: Parameters<typeof aTenant>[1] = {}): Promise<string> {
  const tenantId = `tenant-intake-${++tenantCounter}`;
  await deps.repository.putTenant(aTenant(tenantId, overrides));
  return tenantId;
}

const RECEIVED = '2026-03-10T08:00:00.000Z';
const HEADER =
  'invoice_number,debtor_ref,debtor_type,debtor_name,debtor_email,debtor_phone,address_line1,postal_code,city,country,amount,issue_date,due_date';

function ingest(tenantId: string, key: string, body: string, receivedAt = RECEIVED) {
  return ingestInvoices(deps, { tenantId, key: `${tenantId}/${key}`, body, receivedAt });
}

describe('ingestInvoices: CSV', () => {
  it('groups the invoices of one debtor into one dossier, qualified and scheduled', async () => {
    const tenantId = await newTenant();
    const csv = [
      HEADER,
      'F-001,CLI-1,professional,Menuiserie Dupont SARL,compta@dupont.example,+33612345678,12 rue des Lilas,69003,Lyon,FR,1234.56,2026-02-01,2026-03-03',
      'F-002,CLI-2,professional,Garage Martin,contact@martin.example,,5 avenue Foch,75016,Paris,fr,99,2026-03-01,2026-04-30',
      'F-003,CLI-1,professional,Menuiserie Dupont SARL,compta@dupont.example,+33612345678,12 rue des Lilas,69003,Lyon,FR,500.5,2026-02-15,2026-03-17',
    ].join('\n');
    const report = await ingest(tenantId, 'march.csv', csv);
    expect(report).toEqual({
      tenantId,
      rows: 3,
      accepted: 3,
      alreadyImported: 0,
      rejected: [],
      dossiers: 2,
      encoding: 'utf-8',
    });

    const dupont = await deps.repository.getDossier(tenantId, 'DOS-CLI-1');
    expect(dupont).toMatchObject({
      status: 'open',
      scenarioId: 'fr-b2b-default',
      levelIndex: -1,
      creditorType: 'professional',
      // F-001 is due since 3 March: the first action is due today.
      nextActionOn: '2026-03-10',
      prescriptionDate: '2031-03-03',
      nextPrescriptionCheckOn: '2030-12-03',
      version: 1,
    });
    expect(dupont?.invoices).toEqual([
      {
        number: 'F-001',
        amountCents: 123_456,
        paidCents: 0,
        currency: 'EUR',
        issueDate: '2026-02-01',
        dueDate: '2026-03-03',
        nature: 'commercial',
        prescriptionDate: '2031-03-03',
      },
      expect.objectContaining({ number: 'F-003', amountCents: 50_050, prescriptionDate: '2031-03-17' }),
    ]);
    expect(dupont?.debtor).toEqual({
      ref: 'CLI-1',
      type: 'professional',
      name: 'Menuiserie Dupont SARL',
      email: 'compta@dupont.example',
      phone: '+33612345678',
      address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
      language: 'fr',
      optOuts: [],
    });

    const martin = await deps.repository.getDossier(tenantId, 'DOS-CLI-2');
    // Not due yet: the courtesy reminder, 3 days before 30 April.
    expect(martin?.nextActionOn).toBe('2026-04-27');
    expect(martin?.debtor).not.toHaveProperty('phone');
    expect(martin?.debtor.address.country).toBe('FR');

    const timeline = await deps.repository.listTimeline(tenantId, 'DOS-CLI-1');
    expect(timeline.map((e) => [e.type, e.invoiceNumbers, e.amountCents])).toEqual([
      ['invoice-added', ['F-001'], 123_456],
      ['invoice-added', ['F-003'], 50_050],
    ]);
    expect((await deps.repository.listDossiers(tenantId)).length).toBe(2);
  });

  it('reads a semicolon CSV with French amounts and DD/MM/YYYY dates, consumers on the B2C ladder', async () => {
    const tenantId = await newTenant();
    const csv = [
      // A spreadsheet export: byte order mark, capitalised headers, CRLF.
      '\uFEFFInvoice_Number;Debtor_Ref;debtor_type;debtor_name;debtor_email;address_line1;postal_code;city;amount;issue_date;due_date;performance_date',
      'FA-10;P-7;consumer;Jeanne Petit;jeanne@example.fr;8 rue Haute;33000;Bordeaux;1 234,56;15/01/2026;14/02/2026;10/01/2026',
      'FA-11;P-8;professional;SCI Les Tilleuls;;2 allée Verte;44000;Nantes;12 000,00 €;01/03/2026;31/03/2026;',
    ].join('\r\n');
    const report = await ingest(tenantId, 'export.csv', csv);
    expect(report.rejected).toEqual([]);
    expect(report.accepted).toBe(2);

    const jeanne = await deps.repository.getDossier(tenantId, 'DOS-P-7');
    expect(jeanne?.scenarioId).toBe('fr-b2c-default');
    expect(jeanne?.invoices[0]).toMatchObject({
      amountCents: 123_456,
      issueDate: '2026-01-15',
      dueDate: '2026-02-14',
      performanceDate: '2026-01-10',
      nature: 'consumer',
      // Consumer: 2 years from performance (C.conso L218-2).
      prescriptionDate: '2028-01-10',
    });
    const sci = await deps.repository.getDossier(tenantId, 'DOS-P-8');
    expect(sci?.invoices[0]).toMatchObject({
      amountCents: 1_200_000,
      dueDate: '2026-03-31',
      nature: 'commercial',
    });
    expect(sci?.debtor).not.toHaveProperty('email');
  });

  it('rejects a bad row with its line number and field, and stores its good neighbours', async () => {
    const tenantId = await newTenant();
    const csv = [
      HEADER,
      'G-1,D-1,professional,Alpha SAS,a@alpha.example,,1 rue A,75001,Paris,FR,100,2026-02-01,2026-03-01',
      'G-2,D-2,professional,Beta SAS,b@beta.example,,1 rue B,75002,Paris,FR,100,2026-02-01,31/02/2026',
      'G-3,D-3,professional,Gamma SAS,not-an-email,,1 rue C,75003,Paris,FR,200,2026-02-01,2026-03-01',
      'G-4,D-4,company,Delta SAS,d@delta.example,0612345678,1 rue D,75004,Paris,FR,-5,2026-02-01,2026-01-01',
      'G-5,D-5,professional,Epsilon SAS,e@eps.example,,1 rue E,75005,Paris,FR,300,2026-02-01,2026-03-01',
    ].join('\n');
    const report = await ingest(tenantId, 'mixed.csv', csv);
    expect(report.rows).toBe(5);
    expect(report.accepted).toBe(2);
    // One reject per row, its fields together; 0612345678 is a valid number, stored E.164.
    const byRow = report.rejected.map((r) => `${r.row}:${r.invoiceNumber}:${r.field}`);
    expect(byRow).toEqual(['3:G-2:due_date', '4:G-3:debtor_email', '5:G-4:debtor_type, amount, due_date']);
    // The reason says what is expected, never quotes the value.
    expect(report.rejected.find((r) => r.row === 3)?.reason).toBe(
      'not a date (expected YYYY-MM-DD or DD/MM/YYYY)',
    );
    expect(report.rejected.map((r) => r.row)).toEqual(
      [...report.rejected.map((r) => r.row)].sort((a, b) => a - b),
    );

    expect((await deps.repository.listDossiers(tenantId)).map((d) => d.dossierId).sort()).toEqual([
      'DOS-D-1',
      'DOS-D-5',
    ]);
  });

  it('rejects a due date before the issue date and a row without any amount', async () => {
    const tenantId = await newTenant();
    const csv = [
      HEADER,
      'H-1,E-1,professional,Alpha,,,1 rue A,75001,Paris,FR,100,2026-03-01,2026-02-01',
      'H-2,E-2,professional,Beta,,,1 rue B,75002,Paris,FR,,2026-02-01,2026-03-01',
    ].join('\n');
    const report = await ingest(tenantId, 'bad.csv', csv);
    expect(report.accepted).toBe(0);
    expect(report.rejected.map((r) => [r.row, r.field])).toEqual([
      [2, 'due_date'],
      [3, 'amount'],
    ]);
  });

  it('keeps the first of two rows with the same invoice number in one file', async () => {
    const tenantId = await newTenant();
    const csv = [
      HEADER,
      'K-1,C-1,professional,Alpha,,,1 rue A,75001,Paris,FR,100,2026-02-01,2026-03-01',
      'K-1,C-1,professional,Alpha,,,1 rue A,75001,Paris,FR,999,2026-02-01,2026-03-01',
    ].join('\n');
    const report = await ingest(tenantId, 'dup.csv', csv);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([
      { row: 3, invoiceNumber: 'K-1', field: 'invoice_number', reason: 'duplicate in this file' },
    ]);
    const dossier = await deps.repository.getDossier(tenantId, 'DOS-C-1');
    expect(dossier?.invoices.map((i) => i.amountCents)).toEqual([10_000]);
  });

  it('deduplicates across imports: a second file adds only the new invoices, to the same dossier', async () => {
    const tenantId = await newTenant();
    const first = [
      HEADER,
      'M-1,C-9,professional,Alpha,a@alpha.example,,1 rue A,75001,Paris,FR,100,2026-02-01,2026-03-01',
    ];
    expect((await ingest(tenantId, 'one.csv', first.join('\n'))).accepted).toBe(1);

    const second = [
      ...first,
      'M-2,C-9,professional,Alpha,a@alpha.example,,1 rue A,75001,Paris,FR,250,2026-02-10,2026-03-12',
      'M-1,C-10,professional,Other,,,1 rue O,75010,Paris,FR,100,2026-02-01,2026-03-01',
    ];
    const report = await ingest(tenantId, 'two.csv', second.join('\n'), '2026-03-11T08:00:00.000Z');
    expect(report.accepted).toBe(1);
    // M-1 sent again unchanged is counted, not rejected: re-sent exports and re-deliveries are normal.
    expect(report.alreadyImported).toBe(1);
    expect(report.rejected).toEqual([
      { row: 4, invoiceNumber: 'M-1', field: 'invoice_number', reason: 'duplicate in this file' },
    ]);
    const dossier = await deps.repository.getDossier(tenantId, 'DOS-C-9');
    expect(dossier?.invoices.map((i) => [i.number, i.amountCents])).toEqual([
      ['M-1', 10_000],
      ['M-2', 25_000],
    ]);
    expect(dossier?.version).toBe(2);
    expect(await deps.repository.getDossier(tenantId, 'DOS-C-10')).toBeUndefined();

    // The very same file again: nothing new.
    const again = await ingest(tenantId, 'two.csv', second.join('\n'), '2026-03-11T09:00:00.000Z');
    expect(again.accepted).toBe(0);
    expect((await deps.repository.getDossier(tenantId, 'DOS-C-9'))?.invoices).toHaveLength(2);
    expect(await deps.repository.listTimeline(tenantId, 'DOS-C-9')).toHaveLength(2);
  });

  it('keeps a channel failing while the creditor resends the same contact, and retries it on a new one', async () => {
    // Prepare: a debtor whose e-mail bounced, whose number was wrong and whose letter came back.
    const tenantId = await newTenant();
    const row = (invoice: string, phone: string) =>
      `${invoice},C-20,professional,Beta,b@beta.example,${phone},2 rue B,75002,Paris,FR,100,2026-02-01,2026-03-01`;
    await ingest(tenantId, 'one.csv', [HEADER, row('B-1', '+33611111111')].join('\n'));
    const dossier = await deps.repository.getDossier(tenantId, 'DOS-C-20');
    if (!dossier) throw new Error('no dossier');
    await deps.repository.saveDossier({
      ...dossier,
      debtor: { ...dossier.debtor, failingChannels: ['email', 'sms', 'call', 'letter'] },
      version: dossier.version + 1,
    });

    // Act: a new invoice, same e-mail and address, a new phone number.
    await ingest(
      tenantId,
      'two.csv',
      [HEADER, row('B-2', '+33622222222')].join('\n'),
      '2026-03-11T08:00:00.000Z',
    );

    // Assess: the bounced e-mail and the returned letter stay failing; the new number is tried.
    const updated = await deps.repository.getDossier(tenantId, 'DOS-C-20');
    expect(updated?.invoices).toHaveLength(2);
    expect(updated?.debtor.phone).toBe('+33622222222');
    expect(updated?.debtor.failingChannels).toEqual(['email', 'letter']);
  });

  it('refuses an invoice number another debtor of the tenant already holds', async () => {
    const tenantId = await newTenant();
    await ingest(
      tenantId,
      'a.csv',
      [HEADER, 'N-1,A-1,professional,Alpha,,,1 rue A,75001,Paris,FR,100,2026-02-01,2026-03-01'].join('\n'),
    );
    const report = await ingest(
      tenantId,
      'b.csv',
      [HEADER, 'N-1,B-1,professional,Beta,,,1 rue B,75002,Paris,FR,100,2026-02-01,2026-03-01'].join('\n'),
    );
    expect(report.rejected).toEqual([
      {
        row: 2,
        invoiceNumber: 'N-1',
        field: 'invoice_number',
        reason: 'already imported for another debtor',
      },
    ]);
    expect(await deps.repository.getDossier(tenantId, 'DOS-B-1')).toBeUndefined();
  });

  it('accepts the same invoice number for two tenants', async () => {
    const row = 'Q-1,A-1,professional,Alpha,,,1 rue A,75001,Paris,FR,100,2026-02-01,2026-03-01';
    const [t1, t2] = [await newTenant(), await newTenant()];
    expect((await ingest(t1, 'a.csv', `${HEADER}\n${row}`)).accepted).toBe(1);
    expect((await ingest(t2, 'a.csv', `${HEADER}\n${row}`)).accepted).toBe(1);
  });

  it('logs counts, never the debtors personal data', async () => {
    const tenantId = await newTenant();
    deps.logger.entries.length = 0;
    await ingest(
      tenantId,
      'pii.csv',
      [
        HEADER,
        'P-1,PII-1,consumer,Zoé Secret,zoe.secret@example.fr,+33699999999,7 impasse Cachée,13001,Marseille,FR,10,2026-02-01,2026-03-01',
      ].join('\n'),
    );
    const logs = deps.logger.text();
    expect(logs).toContain('intake file processed');
    for (const secret of ['Zoé Secret', 'zoe.secret@example.fr', '+33699999999', 'impasse Cachée']) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('ingestInvoices: JSON', () => {
  it('reads an array with amounts in cents or euros, and { invoices: [...] }', async () => {
    const tenantId = await newTenant();
    const base = {
      debtor_type: 'professional',
      debtor_name: 'Omega SA',
      debtor_email: 'ap@omega.example',
      address_line1: '1 quai Ouest',
      postal_code: '67000',
      city: 'Strasbourg',
      issue_date: '2026-02-01',
      due_date: '2026-03-01',
    };
    const report = await ingest(
      tenantId,
      'batch.json',
      JSON.stringify([
        { ...base, invoice_number: 'J-1', debtor_ref: 'O-1', amount_cents: 12_345 },
        { ...base, invoice_number: 'J-2', debtor_ref: 'O-1', amount: 0.29 },
        { ...base, invoice_number: 'J-3', debtor_ref: 'O-1', amount: '1 000,10', language: 'en' },
        { ...base, invoice_number: 'J-4', debtor_ref: 'O-2', amount_cents: 12.5 },
        null,
      ]),
    );
    expect(report.rows).toBe(5);
    expect(report.accepted).toBe(3);
    expect(report.rejected.map((r) => [r.row, r.field])).toEqual([
      [4, 'amount_cents'],
      [5, expect.stringMatching(/^invoice_number, debtor_ref, /)],
    ]);
    const dossier = await deps.repository.getDossier(tenantId, 'DOS-O-1');
    expect(dossier?.invoices.map((i) => i.amountCents)).toEqual([12_345, 29, 100_010]);
    expect(dossier?.debtor.language).toBe('en');

    const wrapped = await ingest(
      tenantId,
      'wrapped.JSON',
      JSON.stringify({ invoices: [{ ...base, invoice_number: 'J-9', debtor_ref: 'O-9', amount: 10 }] }),
    );
    expect(wrapped.accepted).toBe(1);
  });

  it('refuses a JSON file that is neither an array nor { invoices }', async () => {
    const tenantId = await newTenant();
    await expect(ingest(tenantId, 'x.json', '{"rows": []}')).rejects.toThrow(/array of invoices/);
  });

  it('qualifies an individual creditor’s claim as civil (5 years), whatever the debtor', async () => {
    const tenantId = await newTenant({ creditorType: 'individual' });
    await ingest(
      tenantId,
      'loan.json',
      JSON.stringify([
        {
          invoice_number: 'L-1',
          debtor_ref: 'FRIEND',
          debtor_type: 'consumer',
          debtor_name: 'Paul',
          address_line1: '1 rue P',
          postal_code: '31000',
          city: 'Toulouse',
          amount: 500,
          issue_date: '2026-01-01',
          due_date: '2026-02-01',
        },
      ]),
    );
    const dossier = await deps.repository.getDossier(tenantId, 'DOS-FRIEND');
    expect(dossier?.creditorType).toBe('individual');
    expect(dossier?.invoices[0]).toMatchObject({ nature: 'civil', prescriptionDate: '2031-02-01' });
  });
});

describe('ingestInvoices: a new ladder for a debtor who paid everything', () => {
  it('reopens the dossier on the scenario of the debtor’s segment, without counting the old ladder', async () => {
    const tenantId = await newTenant();
    const row = (number: string, due: string) =>
      `${number},CLI-9,professional,Menuiserie Dupont SARL,compta@dupont.example,,12 rue des Lilas,69003,Lyon,FR,300,2026-01-01,${due}`;
    await ingest(
      tenantId,
      'jan.csv',
      [HEADER, row('F-100', '2026-02-01')].join('\n'),
      '2026-02-10T08:00:00.000Z',
    );
    const first = (await deps.repository.getDossier(tenantId, 'DOS-CLI-9'))!;
    expect(first).toMatchObject({ segment: 'new-customer', scenarioId: 'fr-b2b-default' });
    // The first ladder went to the call (level 3) before the debtor paid everything: a late payer.
    await deps.repository.saveDossier({
      ...first,
      status: 'paid',
      levelIndex: 3,
      invoices: first.invoices.map((invoice) => ({ ...invoice, paidCents: invoice.amountCents })),
      version: first.version + 1,
    });
    await ingest(
      tenantId,
      'apr.csv',
      [HEADER, row('F-200', '2026-04-30')].join('\n'),
      '2026-04-02T08:00:00.000Z',
    );
    const reopened = (await deps.repository.getDossier(tenantId, 'DOS-CLI-9'))!;
    expect(reopened).toMatchObject({
      status: 'open',
      levelIndex: -1,
      paymentHistory: { settledLadders: 1, lateLadders: 1 },
      segment: 'good-payer-late-once',
      scenarioId: 'fr-b2b-good-payer',
      ladderStartedOn: '2026-04-02',
      // The good-payer ladder keeps the courtesy reminder 3 days before the new due date.
      nextActionOn: '2026-04-27',
    });
  });
});
