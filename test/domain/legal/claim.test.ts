import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ClaimIo, run } from '../../../infra/local/commands/claim';
import { ValidationError } from '../../../shared/domain/errors';
import { parseClaimInput } from '../../../shared/domain/legal/claim-input';
import { type ClaimStatement, claimStatement } from '../../../shared/domain/legal/claim-statement';

function io(stdin = ''): ClaimIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    readStdin: async () => stdin,
    out: () => out,
    err: () => err,
  };
}

const example = (name: string) => JSON.parse(readFileSync(`examples/${name}`, 'utf8'));

describe('claim statement — the worked examples of docs/legal.md', () => {
  it('B2B: penalties across the half-year, floor on a low contract rate, partial payment, 40 EUR per invoice', () => {
    const statement = claimStatement(parseClaimInput(example('claim-b2b.json')));
    expect(
      statement.invoices.map((i) => [
        i.number,
        i.principalDueCents,
        i.interestCents,
        i.indemnityCents,
        i.prescriptionDate,
      ]),
    ).toEqual([
      ['F-2025-0107', 305_493, 15_050, 4000, '2030-11-03'],
      ['F-2025-0231', 1_250_000, 46_060, 4000, '2030-10-15'],
    ]);
    expect(statement.totals).toEqual({
      principalDueCents: 1_555_493,
      interestCents: 61_110,
      indemnityCents: 8000,
      totalDueCents: 1_624_603,
    });
    expect(statement.procedure).toMatchObject({
      recommended: 'injonction-de-payer',
      court: 'tribunal-de-commerce',
    });
  });

  it('consumer: the 2-year period excludes one invoice; legal interest from the notice; petites créances', () => {
    const statement = claimStatement(parseClaimInput(example('claim-consumer.json')));
    expect(
      statement.invoices.map((i) => [
        i.number,
        i.prescribed,
        i.prescriptionDate,
        i.interestCents,
        i.indemnityCents,
      ]),
    ).toEqual([
      ['C-2024-118', true, '2026-05-06', 4096, 0],
      ['C-2025-042', false, '2027-01-31', 2126, 0],
    ]);
    expect(statement.totals.totalDueCents).toBe(98_126);
    expect(statement.prescribedTotals.totalDueCents).toBe(189_096);
    expect(statement.procedure).toMatchObject({
      recommended: 'petites-creances',
      court: 'tribunal-judiciaire',
    });
  });

  it('an unallocated payment goes to the oldest invoice first (C.civ. 1342-10) and acknowledges it', () => {
    const statement = claimStatement(
      parseClaimInput({
        asOf: '2025-06-30',
        creditor: { type: 'professional' },
        debtor: { type: 'professional' },
        invoices: [
          { number: 'B', amountCents: 10_000, issueDate: '2025-02-01', dueDate: '2025-03-01' },
          { number: 'A', amountCents: 10_000, issueDate: '2025-01-01', dueDate: '2025-02-01' },
        ],
        payments: [{ date: '2025-02-01', amountCents: 15_000 }],
      }),
    );
    const [a, b] = statement.invoices as [ClaimStatement['invoices'][0], ClaimStatement['invoices'][0]];
    expect([a.number, a.principalDueCents, a.indemnityCents]).toEqual(['A', 0, 0]);
    expect([b.number, b.principalDueCents]).toEqual(['B', 5_000]);
    // Paid before B fell due: nothing to interrupt yet, the period starts on the due date anyway.
    expect(b.prescription.chain.map((l) => [l.event, l.effect])).toEqual([
      ['period-start', 'starts'],
      ['partial-payment', 'none'],
    ]);
    expect(b.prescriptionDate).toBe('2030-03-01');
    expect(statement.nature).toBe('commercial'); // default nature between professionals
  });

  it.each([
    [{ asOf: '2026-13-01' }, 'asOf'],
    [
      { invoices: [{ number: 'X', amountCents: 10.5, issueDate: '2025-01-01', dueDate: '2025-02-01' }] },
      'invoices.0.amountCents',
    ],
    [{ payments: [{ date: '2025-03-01', amountCents: 100, invoice: 'NOPE' }] }, 'payments.0.invoice'],
    [{ events: [{ type: 'reminder', date: '2025-03-01' }] }, 'events.0.type'],
  ])('rejects bad input naming the field (%o → %s)', (patch, field) => {
    const input = { ...example('claim-b2b.json'), ...patch };
    expect(() => parseClaimInput(input)).toThrow(ValidationError);
    try {
      parseClaimInput(input);
    } catch (error) {
      expect((error as ValidationError).field).toBe(field);
    }
  });
});

describe('recouvrement claim (CLI)', () => {
  it('prints the statement of an example file, exit 0', async () => {
    const console = io();
    expect(await run(['examples/claim.json'], console)).toBe(0);
    const statement = JSON.parse(console.out()) as ClaimStatement;
    expect(statement.totals.totalDueCents).toBe(1_624_603);
    expect(console.err()).toBe('');
  });

  it('reads stdin with "-"', async () => {
    const console = io(readFileSync('examples/claim-consumer.json', 'utf8'));
    expect(await run(['-', '--compact'], console)).toBe(0);
    expect(JSON.parse(console.out()).procedure.recommended).toBe('petites-creances');
  });

  it('invalid input: exit 2, the field named on stderr', async () => {
    const bad = example('claim-b2b.json');
    bad.invoices[1].dueDate = '15/10/2025';
    const console = io(JSON.stringify(bad));
    expect(await run(['-'], console)).toBe(2);
    expect(console.err()).toContain('invoices.1.dueDate');
    expect(console.out()).toBe('');
  });

  it('not JSON, or no file: exit 2', async () => {
    const notJson = io('{ nope');
    expect(await run(['-'], notJson)).toBe(2);
    expect(notJson.err()).toContain('input: not valid JSON');
    const noFile = io();
    expect(await run(['examples/does-not-exist.json'], noFile)).toBe(2);
    expect(await run([], io())).toBe(2);
  });

  it('asOf after the last known rate: exit 0, interest computed to 30 June, the half-years to add listed', async () => {
    const late = { ...example('claim-b2b.json'), asOf: '2027-02-15' };
    const console = io(JSON.stringify(late));
    expect(await run(['-', '--data', 'test/no-such-data-folder'], console)).toBe(0);
    const statement = JSON.parse(console.out()) as ClaimStatement;
    expect(statement.interestComputedThrough).toBe('2026-06-30');
    expect(statement.missingRatePeriods).toEqual(['2026-H2', '2027-H1']);
    expect(statement.warnings.join(' ')).toContain('sauf à parfaire');
    expect(statement.totals.principalDueCents).toBeGreaterThan(0);
    expect(statement.totals.indemnityCents).toBe(2 * 4000);
  });

  it('all rates known: interestComputedThrough is asOf and nothing is missing', async () => {
    const console = io(JSON.stringify(example('claim-b2b.json')));
    expect(await run(['-'], console)).toBe(0);
    const statement = JSON.parse(console.out()) as ClaimStatement;
    expect(statement.interestComputedThrough).toBe(statement.asOf);
    expect(statement.missingRatePeriods).toEqual([]);
  });
});
