import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { HEADER, row, useIntake } from './intake-harness';

const intake = useIntake();

/**
 * The report as French Excel opens it: the BOM says UTF-8, `;` is the list separator, each line
 * a row. Read here with csv-parse set the same way (and the raw bytes checked for the BOM).
 */
function asExcelOpensIt(bytes: Uint8Array | undefined): string[][] {
  if (!bytes) throw new Error('no report');
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  expect(text.endsWith('\r\n')).toBe(true);
  return parse(text, { delimiter: ';', bom: true, relax_column_count: false });
}

describe('the rejects report opens right in French Excel', () => {
  it('has a BOM, ; separators and one line per rejected row, reasons joined in one cell', async () => {
    const tenantId = await intake.newTenant();
    const key = `${tenantId}/factures-mars.csv`;
    const csv = [
      HEADER,
      row({ invoice_number: 'X-1', debtor_type: 'société', amount: '-5', debtor_name: 'Zoé Secrète' }),
      row({ invoice_number: 'X-2', due_date: '31/02/2026', debtor_email: 'zoe.secrete@example.fr' }),
      row({ invoice_number: 'X-3', debtor_ref: 'OK' }),
    ].join('\r\n');

    const outcome = await intake.drop(key, csv);

    expect(outcome).toMatchObject({ kind: 'invoices', rejectsKey: `${key}.rejects.csv` });
    if (outcome.kind !== 'invoices') throw new Error('not invoices');
    // The summary counts rows: two rows rejected, although the first has two reasons.
    expect(outcome.report).toMatchObject({ rows: 3, accepted: 1 });
    expect(outcome.report.rejected).toHaveLength(2);
    const lines = asExcelOpensIt(await intake.read(`${key}.rejects.csv`));
    expect(lines).toEqual([
      ['line', 'invoice_number', 'field', 'reason'],
      [
        '2',
        'X-1',
        'debtor_type, amount',
        expect.stringMatching(/^debtor_type: expected one of: .*; amount: not a positive amount$/),
      ],
      ['3', 'X-2', 'due_date', 'not a date (expected YYYY-MM-DD or DD/MM/YYYY)'],
    ]);
    // No reason quotes a debtor's data.
    const report = lines.flat().join('\n');
    for (const personal of ['Zoé', 'Secrète', 'société', '31/02/2026', '-5', 'zoe.secrete'])
      expect(report).not.toContain(personal);
  });

  it('escapes cells Excel would run as formulas', async () => {
    const tenantId = await intake.newTenant();
    const key = `${tenantId}/injection.csv`;
    const csv = [
      HEADER,
      row({ invoice_number: '"=HYPERLINK(""http://evil.example"";""clic"")"', debtor_type: 'x' }),
      row({ invoice_number: '+1+1', debtor_type: 'x' }),
      row({ invoice_number: '-2+3', debtor_type: 'x' }),
      row({ invoice_number: '@SUM(A1)', debtor_type: 'x' }),
      row({ invoice_number: 'F-OK', debtor_type: 'x' }),
    ].join('\r\n');

    await intake.drop(key, csv);

    const lines = asExcelOpensIt(await intake.read(`${key}.rejects.csv`));
    expect(lines.slice(1).map((line) => line[1])).toEqual([
      `'=HYPERLINK("http://evil.example";"clic")`,
      "'+1+1",
      "'-2+3",
      "'@SUM(A1)",
      'F-OK',
    ]);
  });

  it('writes a whole-file refusal as one line naming what to fix', async () => {
    const key = 'tenant-without-profile/early.csv';
    const outcome = await intake.drop(key, [HEADER, row()].join('\r\n'));
    expect(outcome).toMatchObject({
      kind: 'invoices',
      report: { accepted: 0, refusal: { field: 'tenant' } },
    });
    const lines = asExcelOpensIt(await intake.read(`${key}.rejects.csv`));
    expect(lines.slice(1)).toEqual([['', '', 'tenant', expect.stringMatching(/has no profile/)]]);
  });

  it('writes <key>.error.json for a file it cannot read at all, and stores nothing', async () => {
    const tenantId = await intake.newTenant();
    const key = `${tenantId}/export.csv`;
    const workbook = Uint8Array.from([
      0x50,
      0x4b,
      0x03,
      0x04,
      ...Array.from({ length: 512 }, (_, i) => i % 256),
    ]);

    const outcome = await intake.drop(key, workbook);

    expect(outcome).toEqual({
      kind: 'unreadable',
      key,
      errorKey: `${key}.error.json`,
      reason: expect.stringMatching(/workbook.*save it as CSV/),
    });
    const error = JSON.parse(new TextDecoder().decode(await intake.read(`${key}.error.json`)));
    expect(error).toMatchObject({
      key,
      error: 'unreadable file',
      reason: outcome.kind === 'unreadable' ? outcome.reason : '',
    });
    expect(await intake.read(`${key}.rejects.csv`)).toBeUndefined();
    expect(await intake.deps().repository.listDossiers(tenantId)).toEqual([]);
    // Its own report is never taken for an invoice file.
    expect(await intake.drop(`${key}.error.json`, '{}')).toMatchObject({ kind: 'ignored' });
  });

  it('writes error.json for JSON that does not parse, without quoting it', async () => {
    const tenantId = await intake.newTenant();
    const key = `${tenantId}/batch.json`;
    const outcome = await intake.drop(key, '[{"debtor_name": "Zoé Secrète", ');
    expect(outcome).toMatchObject({ kind: 'unreadable', reason: 'not valid JSON' });
    expect(new TextDecoder().decode(await intake.read(`${key}.error.json`))).not.toContain('Zoé');
  });

  it('a re-delivery of the same file rewrites the same report, without "already imported" lines', async () => {
    const tenantId = await intake.newTenant();
    const key = `${tenantId}/weekly.csv`;
    const csv = [HEADER, row({ invoice_number: 'W-1' }), row({ invoice_number: 'W-2', amount: 'abc' })].join(
      '\r\n',
    );
    await intake.drop(key, csv);
    const first = await intake.read(`${key}.rejects.csv`);

    const again = await intake.drop(key, csv, '2026-03-10T09:00:00.000Z');

    expect(again).toMatchObject({ kind: 'invoices', report: { accepted: 0, alreadyImported: 1 } });
    expect(await intake.read(`${key}.rejects.csv`)).toEqual(first);
    expect(asExcelOpensIt(first).slice(1)).toEqual([
      ['3', 'W-2', 'amount', expect.stringMatching(/^not an amount/)],
    ]);
  });

  it('still rejects an invoice number already imported with another amount', async () => {
    const tenantId = await intake.newTenant();
    await intake.ingest(tenantId, 'one.csv', [HEADER, row({ invoice_number: 'C-1' })].join('\n'));
    const report = await intake.ingest(
      tenantId,
      'two.csv',
      [HEADER, row({ invoice_number: 'C-1', amount: '150' })].join('\n'),
    );
    expect(report.rejected).toEqual([
      { row: 2, invoiceNumber: 'C-1', field: 'invoice_number', reason: 'already imported' },
    ]);
  });
});
