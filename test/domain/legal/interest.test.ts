import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/calendar';
import { LegalDataMissingError } from '../../../shared/domain/errors';
import { type ClaimInput, parseClaimInput } from '../../../shared/domain/legal/claim-input';
import { claimStatement } from '../../../shared/domain/legal/claim-statement';
import { InvoiceInterestAccount, interestTerms } from '../../../shared/domain/legal/interest';
import { DEFAULT_RATES, halfYearOf, legalRatePpm } from '../../../shared/domain/legal/rates';

type Parties = {
  creditor?: 'professional' | 'individual';
  debtor?: 'professional' | 'consumer' | 'non-professional-legal-person';
  nature?: ClaimInput['nature'];
};

/** One-invoice claim, through the same input parser the CLI uses. */
function claim(
  invoice: { amountCents: number; dueDate: string; contractRatePercent?: number },
  asOf: string,
  more: Parties & {
    payments?: { date: string; amountCents: number }[];
    events?: { type: string; date: string }[];
  } = {},
) {
  return claimStatement(
    parseClaimInput({
      asOf,
      creditor: { type: more.creditor ?? 'professional' },
      debtor: { type: more.debtor ?? 'professional', country: 'FR', postalCode: '75011' },
      ...(more.nature ? { nature: more.nature } : {}),
      invoices: [{ number: 'F1', currency: 'EUR', issueDate: addDays(invoice.dueDate, -30), ...invoice }],
      payments: more.payments ?? [],
      events: more.events ?? [],
    }),
  ).invoices[0]!;
}

describe('interest and fees — worked examples (docs/legal.md §2)', () => {
  it('B2B default rate across a half-year change: ECB + 10 points, 13.15 % then 12.15 %', () => {
    // 10,000.00 EUR due 31 May 2025: 30 days at 13.15 % (ECB 3.15 % on 1 Jan 2025)
    // = 108.08 EUR, then 31 days at 12.15 % (ECB 2.15 % on 1 Jul 2025) = 103.19 EUR.
    const inv = claim({ amountCents: 1_000_000, dueDate: '2025-05-31' }, '2025-07-31');
    expect(inv.interest.segments.map((s) => [s.from, s.to, s.days, s.ratePercent, s.interestCents])).toEqual([
      ['2025-06-01', '2025-06-30', 30, 13.15, 10808],
      ['2025-07-01', '2025-07-31', 31, 12.15, 10319],
    ]);
    expect(inv.interestCents).toBe(21127);
    expect(inv.indemnityCents).toBe(4000);
    expect(inv.totalDueCents).toBe(1_000_000 + 21127 + 4000);
  });

  it.each([
    // contract rate, half-year, applied rate: never below 3× the legal rate "other cases"
    [5, '2025-10-31', 8.28], // 3 × 2.76
    [5, '2026-02-28', 7.86], // 3 × 2.62
    [15, '2025-10-31', 15],
  ])(
    'contract rate %s %% in the half-year of %s → %s %% (C.com. L441-10 II floor)',
    (contract, asOf, applied) => {
      const inv = claim(
        { amountCents: 365_000, dueDate: addDays(asOf, -10), contractRatePercent: contract },
        asOf,
      );
      expect(inv.interest.segments.at(-1)?.ratePercent).toBe(applied);
      // 3,650.00 EUR for 10 days at r % = r EUR exactly.
      expect(inv.interestCents).toBe(Math.round(applied * 100));
    },
  );

  it('a partial payment goes to interest first (C.civ. 1343-1)', () => {
    // 1,000.00 due 31 Jan 2025; 30 days at 13.15 % = 10.81 EUR; 500.00 paid on 2 Mar 2025.
    const inv = claim({ amountCents: 100_000, dueDate: '2025-01-31' }, '2025-03-02', {
      payments: [{ date: '2025-03-02', amountCents: 50_000 }],
    });
    expect(inv.payments).toEqual([
      {
        date: '2025-03-02',
        toInterestCents: 1081,
        toPrincipalCents: 48_919,
        toIndemnityCents: 0,
        leftoverCents: 0,
      },
    ]);
    expect(inv.principalDueCents).toBe(51_081);
    expect(inv.interestCents).toBe(0);
  });

  it.each([
    ['professional', 'professional', 4000],
    ['professional', 'consumer', 0],
    ['professional', 'non-professional-legal-person', 0],
    ['individual', 'professional', 0],
  ] as const)('40 EUR indemnity: creditor %s, debtor %s → %i cents', (creditor, debtor, indemnity) => {
    const inv = claim({ amountCents: 10_000, dueDate: '2025-03-31' }, '2025-04-30', { creditor, debtor });
    expect(inv.indemnityCents).toBe(indemnity);
  });

  it('no indemnity when paid on the due date; still due when paid late', () => {
    const onTime = claim({ amountCents: 10_000, dueDate: '2025-03-31' }, '2025-04-30', {
      payments: [{ date: '2025-03-31', amountCents: 10_000 }],
    });
    expect(onTime).toMatchObject({ indemnityCents: 0, interestCents: 0, totalDueCents: 0 });
    const late = claim({ amountCents: 10_000, dueDate: '2025-03-31' }, '2025-04-30', {
      payments: [{ date: '2025-04-10', amountCents: 10_000 }],
    });
    expect(late.indemnityCents).toBe(4000);
    expect(late.principalDueCents).toBeGreaterThan(0); // the payment paid the penalties first
  });

  it('other debtors: legal-rate interest only from the formal notice (C.civ. 1231-6)', () => {
    const noNotice = claim({ amountCents: 185_000, dueDate: '2025-03-05' }, '2025-12-31', {
      debtor: 'consumer',
    });
    expect(noNotice.interestCents).toBe(0);
    // Notice 1 Sep 2025: 121 days at 2.76 % ("other cases": the creditor is a professional) = 16.93 EUR.
    const withNotice = claim({ amountCents: 185_000, dueDate: '2025-03-05' }, '2025-12-31', {
      debtor: 'consumer',
      events: [{ type: 'formal-notice', date: '2025-09-01' }],
    });
    expect(withNotice.interest.segments).toMatchObject([
      { from: '2025-09-02', days: 121, ratePercent: 2.76, interestCents: 1693 },
    ]);
  });

  it('an individual creditor gets the higher legal rate (CMF L313-2)', () => {
    const inv = claim({ amountCents: 365_000, dueDate: '2025-08-01' }, '2025-09-10', {
      creditor: 'individual',
      debtor: 'consumer',
      events: [{ type: 'formal-notice', date: '2025-08-31' }],
    });
    expect(inv.interest.segments).toMatchObject([{ days: 10, ratePercent: 6.65, interestCents: 665 }]);
  });

  it('judgment: legal rate, +5 points two months after it is enforceable (CMF L313-3)', () => {
    // 1,000.00 EUR judgment enforceable 15 Jan 2025: 59 days at 3.71 % = 6.00, 31 days at 8.71 % = 7.40.
    const inv = claim({ amountCents: 100_000, dueDate: '2025-01-15' }, '2025-04-15', { nature: 'judgment' });
    expect(inv.interest.segments.map((s) => [s.from, s.to, s.ratePercent])).toEqual([
      ['2025-01-16', '2025-03-15', 3.71],
      ['2025-03-16', '2025-04-15', 8.71],
    ]);
    expect(inv.interestCents).toBe(1339);
  });

  it('a missing rate stops interest the day before its half-year, never a zero rate nor a failure', () => {
    // 1,000.00 EUR due 15 Jun 2026 between professionals: 15 days at 12.15 % = 4.99 EUR to 30 June;
    // 2026-H2 is not in the table: nothing after, the indemnity is still owed.
    const full = claimStatement(
      parseClaimInput({
        asOf: '2026-08-01',
        creditor: { type: 'professional' },
        debtor: { type: 'professional' },
        invoices: [{ number: 'F1', amountCents: 100_000, issueDate: '2026-05-15', dueDate: '2026-06-15' }],
      }),
    );
    expect(full.interestComputedThrough).toBe('2026-06-30');
    expect(full.missingRatePeriods).toEqual(['2026-H2']);
    expect(full.invoices[0]).toMatchObject({
      interestCents: 499,
      indemnityCents: 4000,
      totalDueCents: 104_499,
    });
    expect(full.invoices[0]!.interest.segments.at(-1)).toMatchObject({ to: '2026-06-30' });
    expect(full.warnings.join(' ')).toMatch(
      /interest computed to 2026-06-30, sauf à parfaire: no rate for 2026-H2/,
    );
    // The lookup itself still refuses to guess.
    expect(() => legalRatePpm('2026-08-01', 'other', DEFAULT_RATES)).toThrow(/2026-H2/);
    expect(() => legalRatePpm('2019-12-31', 'other', DEFAULT_RATES)).toThrow(LegalDataMissingError);
  });

  it('the data file covers 2020-H1 to 2026-H1 for every rate', () => {
    for (let year = 2020; year <= 2026; year++) {
      for (const day of [`${year}-01-01`, `${year}-07-01`]) {
        if (halfYearOf(day) === '2026-H2') continue;
        expect(legalRatePpm(day, 'individual', DEFAULT_RATES)).toBeGreaterThan(0);
        expect(legalRatePpm(day, 'other', DEFAULT_RATES)).toBeGreaterThan(0);
      }
    }
  });
});

describe('interest — properties', () => {
  const dueDay = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2020-01-01', n));
  const parties = fc.record({
    creditorType: fc.constantFrom('professional' as const, 'individual' as const),
    debtorType: fc.constantFrom(
      'professional' as const,
      'consumer' as const,
      'non-professional-legal-person' as const,
    ),
    nature: fc.constantFrom(
      'commercial' as const,
      'civil' as const,
      'consumer' as const,
      'judgment' as const,
    ),
  });
  const LAST_KNOWN = '2026-06-30';

  it('interest is never negative and never decreases as time passes', () => {
    fc.assert(
      fc.property(
        parties,
        fc.integer({ min: 1, max: 1_000_000_000 }),
        dueDay,
        fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (p, principal, dueDate, noticeOffset, contractRate, a, b) => {
          const terms = interestTerms({
            ...p,
            dueDate,
            ...(contractRate !== undefined ? { contractRatePercent: contractRate } : {}),
            ...(noticeOffset !== undefined ? { formalNoticeDate: addDays(dueDate, noticeOffset - 30) } : {}),
          });
          const accrued = (asOf: string) => {
            const account = new InvoiceInterestAccount(principal, dueDate, terms, DEFAULT_RATES, 0);
            account.settle(asOf < LAST_KNOWN ? asOf : LAST_KNOWN);
            return account.interestAccruedCents;
          };
          const early = accrued(addDays(dueDate, Math.min(a, b)));
          const late = accrued(addDays(dueDate, Math.max(a, b)));
          expect(early).toBeGreaterThanOrEqual(0);
          expect(late).toBeGreaterThanOrEqual(early);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a consumer or a non-professional legal person never owes the recovery indemnity', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('consumer' as const, 'non-professional-legal-person' as const),
        fc.constantFrom('professional' as const, 'individual' as const),
        fc.integer({ min: 1, max: 10_000_000 }),
        dueDay,
        fc.array(
          fc.record({
            offset: fc.integer({ min: -30, max: 300 }),
            amountCents: fc.integer({ min: 1, max: 5_000_000 }),
          }),
          {
            maxLength: 4,
          },
        ),
        (debtor, creditor, amountCents, dueDate, raw) => {
          const asOf = addDays(dueDate, 365);
          const inv = claim({ amountCents, dueDate }, asOf, {
            debtor,
            creditor,
            payments: raw.map((r) => ({ date: addDays(dueDate, r.offset), amountCents: r.amountCents })),
            events: [{ type: 'formal-notice', date: addDays(dueDate, 20) }],
          });
          expect(inv.indemnityCents).toBe(0);
          expect(inv.interestCents).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
