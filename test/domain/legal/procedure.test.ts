import { describe, expect, it } from 'vitest';
import { checkPaymentTerms } from '../../../shared/domain/legal/payment-terms';
import { type ProcedureInput, recommendProcedure } from '../../../shared/domain/legal/procedure';
import { DEFAULT_RATES } from '../../../shared/domain/legal/rates';

const base: ProcedureInput = {
  asOf: '2026-03-31',
  nature: 'commercial',
  debtorType: 'professional',
  debtor: { country: 'FR', postalCode: '69003', city: 'Lyon' },
  claimableCents: 1_000_000,
  prescribed: false,
};
const recommend = (over: Partial<ProcedureInput>) => recommendProcedure({ ...base, ...over }, DEFAULT_RATES);

describe('recommendProcedure — worked examples (docs/legal.md §5)', () => {
  it.each([
    // petites créances: ≤ 5,000 EUR principal and interest (CPCE L125-1, R125-1)
    ['5,000.00 EUR exactly → petites créances', { claimableCents: 500_000 }, 'petites-creances'],
    ['5,000.01 EUR → injonction de payer', { claimableCents: 500_001 }, 'injonction-de-payer'],
    [
      'before 2022 the ceiling was 4,000 EUR',
      { claimableCents: 450_000, asOf: '2021-06-30' },
      'injonction-de-payer',
    ],
    ['disputed → none', { disputed: true }, 'none'],
    ['all time-barred → none', { prescribed: true }, 'none'],
    ['below the creditor threshold → none', { claimableCents: 20_000, minimumCents: 50_000 }, 'none'],
    ['already a judgment → none (enforce it)', { nature: 'judgment' as const }, 'none'],
    ['debtor in Germany → European order', { debtor: { country: 'DE' } }, 'european-order'],
    ['debtor in Denmark → none (Reg. 1896/2006 art. 2(3))', { debtor: { country: 'DK' } }, 'none'],
    ['debtor in Switzerland → none', { debtor: { country: 'CH' } }, 'none'],
  ] as const)('%s', (_case, over, expected) => {
    const recommendation = recommend(over);
    expect(recommendation.recommended).toBe(expected);
    expect(recommendation.reasons.every((r) => r.article.length > 0)).toBe(true);
  });

  it.each([
    ['commercial', 'professional', 'tribunal-de-commerce'],
    ['commercial', 'non-professional-legal-person', 'tribunal-judiciaire'],
    ['consumer', 'consumer', 'tribunal-judiciaire'],
    ['civil', 'consumer', 'tribunal-judiciaire'],
    ['consumer-credit', 'consumer', 'juge-des-contentieux-de-la-protection'],
    ['residential-rent', 'consumer', 'juge-des-contentieux-de-la-protection'],
  ] as const)('court: %s claim on a %s debtor → %s', (nature, debtorType, court) => {
    expect(recommend({ nature, debtorType }).court).toBe(court);
  });

  it("territorial competence: the debtor's domicile (CPC 1406)", () => {
    expect(recommend({}).territorial).toEqual({
      country: 'FR',
      postalCode: '69003',
      city: 'Lyon',
      article: "CPC 1406 (court of the debtor's domicile, mandatory)",
    });
  });
});

describe('checkPaymentTerms — L441-10 I caps', () => {
  // Invoice of 15 Jan 2025: 60 days → 16 Mar; end of month + 45 days → 17 Mar;
  // + 45 days then end of month → 31 Mar. Only terms beyond the most generous are flagged.
  it.each([
    ['2025-03-16', true],
    ['2025-03-31', true],
    ['2025-04-01', false],
  ])('due %s → compliant %s', (dueDate, compliant) => {
    const check = checkPaymentTerms({ issueDate: '2025-01-15', dueDate, betweenProfessionals: true });
    expect(check).toMatchObject({ applicable: true, compliant, latestAgreedDueDate: '2025-03-31' });
  });

  it('without agreed terms: 30 days after performance', () => {
    const check = checkPaymentTerms({
      issueDate: '2025-01-15',
      dueDate: '2025-02-28',
      performanceDate: '2025-01-10',
      agreedTerms: false,
      betweenProfessionals: true,
    });
    expect(check.findings.map((f) => [f.code, f.limit])).toEqual([['exceeds-default-term', '2025-02-09']]);
  });

  it('does not apply to consumers', () => {
    expect(
      checkPaymentTerms({ issueDate: '2025-01-15', dueDate: '2025-12-31', betweenProfessionals: false }),
    ).toMatchObject({
      applicable: false,
      compliant: true,
    });
  });
});
