import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../shared/domain/dossier';
import { filesAutomatically, recommendJudicialPath } from '../../shared/domain/judicial/recommend-path';
import { dossierClaimStatement } from '../../shared/domain/legal/dossier-claim';
import { DEFAULT_RATES } from '../../shared/domain/legal/rates';
import type { Debtor } from '../../shared/domain/parties';
import { aDebtor, aDossier, anInvoice } from '../support/builders';

/**
 * The judicial review's recommendation table (docs/legal.md §10, "Judicial review"). A consumer
 * debtor without a formal notice on the timeline owes no interest yet (C.civ. 1344-1) and no
 * indemnity (C.com. L441-10 is B2B only): the amount is the principal, to the cent.
 */
const DAY = '2026-05-04';

function consumerDossier(amountCents: number, debtor: Partial<Debtor> = {}, extra: Partial<Dossier> = {}) {
  return aDossier({
    status: 'judicial',
    debtor: aDebtor({ type: 'consumer', ...debtor }),
    invoices: [anInvoice({ nature: 'consumer', amountCents })],
    ...extra,
  });
}

function recommend(
  dossier: Dossier,
  options: { disputed?: boolean; writeOffBelowCents?: number; reviewedOn?: string } = {},
) {
  const reviewedOn = options.reviewedOn ?? DAY;
  const statement = dossierClaimStatement(dossier, [], reviewedOn, { rates: DEFAULT_RATES });
  return recommendJudicialPath({
    dossier,
    statement,
    settings:
      options.writeOffBelowCents === undefined ? {} : { writeOffBelowCents: options.writeOffBelowCents },
    rates: DEFAULT_RATES,
    reviewedOn,
    disputed: options.disputed ?? false,
  });
}

describe('recommendJudicialPath', () => {
  it('5,000.00 EUR → petites créances, with the court of the debtor and the itemised amount', () => {
    const r = recommend(consumerDossier(500_000));
    expect(r.path).toBe('petites-creances');
    expect(r.amount).toEqual({
      currency: 'EUR',
      principalCents: 500_000,
      interestCents: 0,
      indemnityCents: 0,
      totalCents: 500_000,
      computedThrough: DAY,
    });
    expect(r.court).toEqual({
      kind: 'tribunal-judiciaire',
      country: 'FR',
      postalCode: '69003',
      city: 'Lyon',
    });
    expect(r.reasons.map((reason) => reason.article)).toContain('CPCE L125-1, R125-1');
    expect(r.reviewedOn).toBe(DAY);
  });

  it('5,000.01 EUR → injonction de payer', () => {
    const r = recommend(consumerDossier(500_001));
    expect(r.path).toBe('injonction-de-payer');
    expect(r.reasons.map((reason) => reason.article)).toContain('CPC 1405, 1407');
    expect(r.court?.kind).toBe('tribunal-judiciaire');
  });

  it('a commercial claim on a professional goes to the tribunal de commerce, interest and indemnity itemised', () => {
    const dossier = aDossier({ status: 'judicial', invoices: [anInvoice({ amountCents: 800_000 })] });
    const r = recommend(dossier);
    expect(r.path).toBe('injonction-de-payer');
    expect(r.court?.kind).toBe('tribunal-de-commerce');
    expect(r.amount.indemnityCents).toBe(4_000);
    expect(r.amount.interestCents).toBeGreaterThan(0);
    expect(r.amount.totalCents).toBe(800_000 + r.amount.interestCents + 4_000);
  });

  it('a debtor in DE → European order for payment, no French court', () => {
    const r = recommend(
      consumerDossier(300_000, {
        address: { line1: 'Hauptstr. 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
      }),
    );
    expect(r.path).toBe('european-order');
    expect(r.court).toBeUndefined();
    expect(r.reasons[0]?.article).toContain('1896/2006');
  });

  it('a disputed claim → lawyer', () => {
    const r = recommend(consumerDossier(300_000), { disputed: true });
    expect(r.path).toBe('lawyer');
    expect(r.court).toBeUndefined();
    expect(r.reasons[0]?.article).toBe('CPC 1405, 1416, 1417');
  });

  it('a prescribed claim → write-off', () => {
    // Consumer: 2 years from delivery (C.conso L218-2); due 2023-01-10, nothing since.
    const dossier = consumerDossier(
      300_000,
      {},
      {
        invoices: [
          anInvoice({
            nature: 'consumer',
            amountCents: 300_000,
            issueDate: '2022-12-10',
            dueDate: '2023-01-10',
            prescriptionDate: '2025-01-10',
          }),
        ],
      },
    );
    const r = recommend(dossier);
    expect(r.path).toBe('write-off');
    expect(r.amount.totalCents).toBe(0);
    expect(r.reasons[0]?.article).toContain('C.civ. 2219');
  });

  it("below the tenant's threshold → write-off; at it, the court path", () => {
    expect(recommend(consumerDossier(49_999), { writeOffBelowCents: 50_000 }).path).toBe('write-off');
    expect(recommend(consumerDossier(50_000), { writeOffBelowCents: 50_000 }).path).toBe('petites-creances');
  });

  it('a debtor in insolvency proceedings → write-off, with the declaration rule', () => {
    const r = recommend(
      consumerDossier(900_000, {
        type: 'professional',
        insolvency: { kind: 'receivership', openedOn: '2026-04-01', publishedOn: '2026-04-10' },
      }),
    );
    expect(r.path).toBe('write-off');
    expect(r.reasons[0]?.article).toContain('L622-21');
    expect(r.reasons[0]?.text).toContain('2 months');
    // Proceedings opened after the review day do not count yet.
    const later = consumerDossier(900_000, { insolvency: { kind: 'liquidation', openedOn: '2026-06-01' } });
    expect(recommend(later).path).toBe('injonction-de-payer');
  });

  it('files automatically only a court path below the tenant amount', () => {
    const small = recommend(consumerDossier(300_000));
    expect(filesAutomatically(small, { autoFileBelowCents: 300_001 })).toBe(true);
    expect(filesAutomatically(small, { autoFileBelowCents: 300_000 })).toBe(false);
    expect(filesAutomatically(small, {})).toBe(false);
    const disputed = recommend(consumerDossier(300_000), { disputed: true });
    expect(filesAutomatically(disputed, { autoFileBelowCents: 10_000_000 })).toBe(false);
  });
});
