import { describe, expect, it } from 'vitest';
import { HEADER, row, useIntake } from './intake-harness';

const intake = useIntake();

describe('a bad record never loses the file', () => {
  it('reports two malformed records with their lines and stores every row around them', async () => {
    const tenantId = await intake.newTenant();
    const csv = [
      HEADER, // line 1
      row({ invoice_number: 'M-1', debtor_ref: 'A' }), // 2
      // 3: an unbalanced quote inside a quoted value
      row({ invoice_number: 'M-2', debtor_ref: 'B', debtor_name: '"Jean "Le Grand" Dupont"' }),
      row({ invoice_number: 'M-3', debtor_ref: 'C' }), // 4
      // 5: a quote opened and never closed: it would swallow every line below
      row({ invoice_number: 'M-4', debtor_ref: 'D', debtor_name: '"Jean Dupont' }),
      row({ invoice_number: 'M-5', debtor_ref: 'E' }), // 6
      '', // 7: an empty line
      row({ invoice_number: 'M-6', debtor_ref: 'F' }), // 8
      ';;;;;;;;;;;;', // 9: the separators Excel leaves below the data
    ].join('\r\n');

    const report = await intake.ingest(tenantId, 'quotes.csv', csv);

    expect(report.accepted).toBe(4);
    expect(report.rejected.map((r) => [r.row, r.field])).toEqual([
      [3, 'line'],
      [5, 'line'],
    ]);
    for (const reject of report.rejected) {
      expect(reject.reason).toMatch(/unbalanced quotes/);
      expect(reject.reason).not.toMatch(/Dupont/);
    }
    const stored = await intake.deps().repository.listDossiers(tenantId);
    expect(stored.flatMap((d) => d.invoices.map((i) => i.number)).sort()).toEqual([
      'M-1',
      'M-3',
      'M-5',
      'M-6',
    ]);
  });

  it('refuses a quote inside an unquoted value rather than guess where the value ends', async () => {
    const tenantId = await intake.newTenant();
    const csv = [HEADER, row({ debtor_name: 'Jean "Le Grand" Dupont' }), row({ invoice_number: 'F-2' })].join(
      '\n',
    );
    const report = await intake.ingest(tenantId, 'unquoted.csv', csv);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([expect.objectContaining({ row: 2, field: 'line' })]);
  });

  it('reads a value quoted the RFC 4180 way, inner quotes doubled', async () => {
    const tenantId = await intake.newTenant();
    const csv = [HEADER, row({ debtor_name: '"Jean ""Le Grand"" Dupont"' })].join('\n');
    expect((await intake.ingest(tenantId, 'ok.csv', csv)).accepted).toBe(1);
    const [dossier] = await intake.deps().repository.listDossiers(tenantId);
    expect(dossier?.debtor.name).toBe('Jean "Le Grand" Dupont');
  });

  it('rejects a row with more values than the header has columns (a separator in a value)', async () => {
    const tenantId = await intake.newTenant();
    const csv = [HEADER, row({ debtor_name: 'Dupont; Fils' }), row({ invoice_number: 'F-2' })].join('\n');
    const report = await intake.ingest(tenantId, 'extra.csv', csv);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([
      expect.objectContaining({
        row: 2,
        field: 'line',
        reason: expect.stringMatching(/14 values where the header has 13/),
      }),
    ]);
  });

  it('refuses a file without the expected header, naming the expected columns', async () => {
    const tenantId = await intake.newTenant();
    const csv = [row(), row({ invoice_number: 'F-2' })].join('\n');
    const report = await intake.ingest(tenantId, 'noheader.csv', csv);
    expect(report).toMatchObject({ accepted: 0, rejected: [], refusal: { line: 1, field: 'header' } });
    expect(report.refusal?.reason).toMatch(
      /missing column\(s\): invoice_number, debtor_ref, .*amount \(or amount_cents\)/,
    );
    expect(report.refusal?.reason).toMatch(/invoice_number;debtor_ref;debtor_type;debtor_name/);
    expect(await intake.deps().repository.listDossiers(tenantId)).toEqual([]);
  });

  it('refuses an empty file', async () => {
    const tenantId = await intake.newTenant();
    expect((await intake.ingest(tenantId, 'empty.csv', '\r\n\r\n')).refusal).toMatchObject({
      field: 'header',
      reason: 'the file has no header line',
    });
  });

  it('refuses invoices for a tenant without a profile, as a whole, before reading a row', async () => {
    const csv = [HEADER, row()].join('\n');
    const report = await intake.ingest('tenant-unknown', 'early.csv', csv);
    expect(report).toMatchObject({
      accepted: 0,
      refusal: {
        field: 'tenant',
        reason: expect.stringMatching(/no profile: drop tenant-unknown\/tenant\.json first/),
      },
    });
    expect(await intake.deps().repository.listDossiers('tenant-unknown')).toEqual([]);
  });
});
