import { describe, expect, it } from 'vitest';
import { parseEuros } from '../../../shared/use-cases/intake/french-formats';
import { validateInvoiceRow } from '../../../shared/use-cases/intake/invoice-row';
import { HEADER, row, useIntake } from './intake-harness';

const intake = useIntake();
const TODAY = '2026-03-10';

/** The row's values by column, as the CSV reader hands them over. */
function values(overrides: Record<string, string>): Record<string, string> {
  const cells = row(overrides).split(';');
  return Object.fromEntries(HEADER.split(';').map((column, index) => [column, cells[index]!]));
}

function problems(overrides: Record<string, string>) {
  const checked = validateInvoiceRow(values(overrides), TODAY);
  return checked.ok ? [] : checked.problems;
}

function accepted(overrides: Record<string, string>) {
  const checked = validateInvoiceRow(values(overrides), TODAY);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.row;
}

describe('amounts as French spreadsheets write them', () => {
  it.each([
    ['1234,56', 123_456],
    ['1 234,56', 123_456],
    ['1\u00a0234,56', 123_456], // no-break space, Excel's thousands separator
    ['1\u202f234,56', 123_456], // narrow no-break space
    ['1.234,56', 123_456],
    ['1234,56 €', 123_456],
    ['1\u00a0234,56\u00a0€', 123_456],
    ['1 234,56 EUR', 123_456],
    ['1 234 567,8', 123_456_780],
    ['1234.56', 123_456],
    ['1,234.56', 123_456],
    ['99', 9_900],
    ['0,29', 29],
  ])('%s → %i cents', (text, cents) => {
    expect(parseEuros(text)).toEqual({ ok: true, value: cents });
  });

  it.each([
    ['12,345', 'more than two decimals'],
    ['12.500', 'ambiguous amount'],
    ['-5', 'not a positive amount'],
    ['0,00', 'not a positive amount'],
    ['1 000 000 000,01', 'above the limit'],
    ['12 abc', 'not an amount'],
  ])('refuses %s: %s', (text, reason) => {
    const parsed = parseEuros(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('caps amounts at 10^11 cents and rejects JSON amounts with more than two decimals, as in CSV', async () => {
    const tenantId = await intake.newTenant();
    const base = JSON.parse(JSON.stringify(values({})));
    const report = await intake.ingest(
      tenantId,
      'amounts.json',
      JSON.stringify([
        { ...base, invoice_number: 'J-1', amount: 12.345 },
        { ...base, invoice_number: 'J-2', amount: 0.29 },
        { ...base, invoice_number: 'J-3', amount: undefined, amount_cents: 100_000_000_001 },
        { ...base, invoice_number: 'J-4', amount: undefined, amount_cents: 100_000_000_000 },
        { ...base, invoice_number: 'J-5', amount: 1e21 },
      ]),
    );
    expect(report.accepted).toBe(2);
    expect(report.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
      [1, 'amount', 'more than two decimals'],
      [3, 'amount_cents', expect.stringMatching(/above the limit/)],
      [5, 'amount', expect.stringMatching(/above the limit/)],
    ]);
  });
});

describe('dates', () => {
  it('reads DD/MM/YYYY and ISO, and says what it expects without quoting the value', () => {
    expect(accepted({ issue_date: '31/01/2026', due_date: '2/3/2026' })).toMatchObject({
      issue_date: '2026-01-31',
      due_date: '2026-03-02',
    });
    expect(problems({ due_date: '31/02/2026' })).toEqual([
      { field: 'due_date', reason: 'not a date (expected YYYY-MM-DD or DD/MM/YYYY)' },
    ]);
  });

  it('rejects due dates before 1990 or more than ten years after the file', () => {
    expect(problems({ issue_date: '1989-12-01', due_date: '1989-12-31' }).map((p) => p.reason)).toEqual([
      'outside 1990-01-01 … 2036-03-10',
      'outside 1990-01-01 … 2036-03-10',
    ]);
    expect(problems({ due_date: '2036-03-11' })).toEqual([
      { field: 'due_date', reason: 'outside 1990-01-01 … 2036-03-10' },
    ]);
    expect(accepted({ due_date: '2036-03-10' }).due_date).toBe('2036-03-10');
  });
});

describe('phone numbers as typed, stored E.164', () => {
  it.each([
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['+33 6 12 34 56 78', 'FR', '+33612345678'],
    ['0033 6 12 34 56 78', 'FR', '+33612345678'],
    ['06.12.34.56.78', 'FR', '+33612345678'],
    ['0612345678', '', '+33612345678'], // no country: France
    ['0470 12 34 56', 'BE', '+32470123456'], // read in the row's country
  ])('%s (%s) → %s', (typed, country, e164) => {
    expect(accepted({ debtor_phone: typed, country }).debtor_phone).toBe(e164);
  });

  it('rejects an invalid number naming debtor_phone', () => {
    expect(problems({ debtor_phone: '06 12 34' })).toEqual([
      { field: 'debtor_phone', reason: 'not a valid phone number for FR' },
    ]);
  });

  describe('outside the served countries (Europe, French overseas), the international form only', () => {
    it.each([
      ['+1 212 555 0123', 'FR', '+12125550123'],
      ['001 212 555 0123', 'FR', '+12125550123'], // 00 is the exit code in every served country
      ['+212 6 12 34 56 78', 'MA', '+212612345678'],
      ['+86 138 0013 8000', 'CN', '+8613800138000'],
      ['+1 2345 6789 0123 45', 'FR', '+123456789012345'], // 15 digits, E.164's longest
      ['+44 7400 123456', 'US', '+447400123456'], // a served code is still checked, from any row
      ['0033 6 12 34 56 78', 'US', '+33612345678'],
    ])('%s (%s) → %s', (typed, country, e164) => {
      expect(accepted({ debtor_phone: typed, country }).debtor_phone).toBe(e164);
    });

    it('asks for the international form of a national number, naming debtor_phone', () => {
      expect(problems({ debtor_phone: '0612345678', country: 'MA' })).toEqual([
        {
          field: 'debtor_phone',
          reason: 'national form not read for MA: write it in international form (+…)',
        },
      ]);
    });

    it.each([
      ['+1 234 56'], // 7 digits
      ['+1 2345 6789 0123 456'], // 16 digits
      ['+0 123 456 789'], // no country code starts with 0
      ['+1 212 555 0123 poste 4'],
    ])('rejects %s without quoting it', (typed) => {
      expect(problems({ debtor_phone: typed })).toEqual([
        { field: 'debtor_phone', reason: 'not a valid international number (+ then 8 to 15 digits)' },
      ]);
    });

    it('still checks a served calling code against its plan', () => {
      expect(problems({ debtor_phone: '+41 79 123', country: 'US' })).toEqual([
        { field: 'debtor_phone', reason: 'not a valid phone number for an international number (+…)' },
      ]);
    });
  });
});

describe('postal codes', () => {
  it('gives a French code its leading zero back (Excel drops it), and only a French one', () => {
    expect(accepted({ postal_code: '1000', city: 'Bourg-en-Bresse' }).postal_code).toBe('01000');
    expect(accepted({ postal_code: '1000', city: 'Bruxelles', country: 'BE' }).postal_code).toBe('1000');
    expect(problems({ postal_code: '750' })).toEqual([
      { field: 'postal_code', reason: 'not a French postal code (5 digits)' },
    ]);
  });
});

describe('names and addresses a letter can print', () => {
  it('refuses a line break or a control character in a name or an address line', () => {
    for (const [field, value] of [
      ['debtor_name', 'Alpha SAS\nService contentieux'],
      ['debtor_name', 'Alpha\rSAS'],
      ['address_line1', '1 rue A\u000bBâtiment B'],
      ['city', 'Paris\u0085'],
    ] as const) {
      expect(problems({ [field]: value }), `${field} ${JSON.stringify(value)}`).toEqual([
        { field, reason: 'contains a line break or a control character (one line expected)' },
      ]);
    }
  });

  it('folds tabs and runs of spaces into one space', () => {
    expect(accepted({ debtor_name: 'Alpha\t  SAS' }).debtor_name).toBe('Alpha SAS');
  });

  it('refuses a character the letters cannot print, naming it by code point only', () => {
    expect(problems({ debtor_name: 'Alpha 株式会社' })).toEqual([
      { field: 'debtor_name', reason: 'holds a character the letters cannot print (U+682A)' },
    ]);
    expect(accepted({ debtor_name: 'Łukasz Żółć — Ørsted' }).debtor_name).toBe('Łukasz Żółć — Ørsted');
  });

  it('bounds the name (100) and each address line (38, NF Z10-011), postal code and town included', () => {
    expect(accepted({ debtor_name: 'N'.repeat(100), address_line1: 'A'.repeat(38) })).toBeTruthy();
    expect(problems({ debtor_name: 'N'.repeat(101) })).toEqual([
      { field: 'debtor_name', reason: '101 characters, at most 100 fit on a letter' },
    ]);
    expect(problems({ address_line1: 'A'.repeat(39) })).toEqual([
      { field: 'address_line1', reason: '39 characters, at most 38 fit on a letter' },
    ]);
    expect(problems({ city: 'C'.repeat(33) })).toEqual([
      { field: 'city', reason: 'postal code and town take 39 characters, at most 38 fit on a line' },
    ]);
  });

  it('reports every problem of a row in one reject, and the file keeps its good rows', async () => {
    const tenantId = await intake.newTenant();
    const csv = [
      HEADER,
      // A cell typed with Alt+Enter: Excel quotes it and keeps the line break inside.
      row({ invoice_number: 'R-1', debtor_type: 'company', debtor_name: '"Alpha\r\nSAS"', amount: '-5' }),
      row({
        invoice_number: 'R-2',
        debtor_ref: 'D-2',
        postal_code: '6000',
        city: 'Nice',
        debtor_phone: '06 12 34 56 78',
      }),
      row({ invoice_number: 'R-3', debtor_ref: 'D-3', debtor_name: 'Gamma\tSAS', due_date: '2026-13-01' }),
    ].join('\r\n');
    const report = await intake.ingest(tenantId, 'mixed.csv', csv);
    expect(report.rows).toBe(3);
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([
      {
        row: 2,
        invoiceNumber: 'R-1',
        field: 'debtor_type, debtor_name, amount',
        reason: expect.stringMatching(
          /^debtor_type: expected one of: .*; debtor_name: contains a line break.*; amount: not a positive amount$/,
        ),
      },
      // Lines 2–3 hold R-1; R-3 is on line 5 of the file.
      {
        row: 5,
        invoiceNumber: 'R-3',
        field: 'due_date',
        reason: 'not a date (expected YYYY-MM-DD or DD/MM/YYYY)',
      },
    ]);
    const dossier = await intake.deps().repository.getDossier(tenantId, 'DOS-D-2');
    expect(dossier?.debtor).toMatchObject({
      phone: '+33612345678',
      address: { postalCode: '06000', city: 'Nice' },
    });
  });
});
