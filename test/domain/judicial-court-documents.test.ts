import { describe, expect, it } from 'vitest';
import {
  type InjonctionRequest,
  missingRequestMentions,
  REQUEST_FORM,
} from '../../shared/domain/judicial/injonction-request';

/** The content rules of the injonction de payer request (docs/legal.md §10, "The court file"). */
const complete = (): InjonctionRequest => ({
  form: REQUEST_FORM,
  date: '2026-04-20',
  place: 'Lyon',
  reference: 'DOS-1-JUD-20260420',
  court: {
    kind: 'tribunal-de-commerce',
    country: 'FR',
    postalCode: '69003',
    city: 'Lyon',
    article: 'CPC 1406',
  },
  creditor: {
    name: 'Atelier Martin SAS',
    kind: 'company',
    siren: '552100554',
    address: { line1: '3 place Bellecour', postalCode: '69002', city: 'Lyon', country: 'FR' },
  },
  debtor: {
    name: 'Menuiserie Dupont SARL',
    kind: 'company',
    address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
  },
  claim: {
    currency: 'EUR',
    interestKind: 'late-penalties',
    lines: [
      {
        invoice: 'F-1',
        issueDate: '2026-02-01',
        dueDate: '2026-03-03',
        amountCents: 100_000,
        paidCents: 0,
        principalDueCents: 100_000,
        interestCents: 1_500,
        interest: [
          {
            from: '2026-03-04',
            to: '2026-04-20',
            days: 48,
            ratePercent: 12.15,
            cents: 1_500,
            basis: 'ECB main refinancing rate of the half-year + 10 points',
            article: 'C.com. L441-10 II',
          },
        ],
        indemnityCents: 4_000,
        totalDueCents: 105_500,
      },
    ],
    totals: {
      principalDueCents: 100_000,
      interestCents: 1_500,
      indemnityCents: 4_000,
      totalDueCents: 105_500,
    },
    computedThrough: '2026-04-20',
    saufAParfaire: false,
    indemnity: { perInvoiceCents: 4_000, article: 'C.com. L441-10 II, D441-5' },
  },
  legalBasis: [{ text: 'contract', article: 'C.civ. 1103' }],
  exhibits: [{ number: 1, title: 'Facture n° F-1 du 01/02/2026' }],
});

const ids = (request: InjonctionRequest, text?: string) =>
  missingRequestMentions(request, text).map((m) => m.id);

describe('injonction de payer request: content rules', () => {
  it('accepts a complete request', () => {
    expect(missingRequestMentions(complete())).toEqual([]);
  });

  it('names each missing mention with its article', () => {
    const noExhibits = { ...complete(), exhibits: [] };
    expect(missingRequestMentions(noExhibits)).toEqual([
      {
        id: 'exhibits',
        label: 'the list of exhibits (bordereau de pièces), the invoices among them',
        article: 'CPC 57; CPC 1407 al. 2',
      },
    ]);
    const request = complete();
    expect(ids({ ...request, court: { ...request.court, postalCode: null, city: null } })).toEqual(['court']);
    expect(ids({ ...request, creditor: { ...request.creditor, siren: undefined } })).toEqual([
      'creditor-siren',
    ]);
    expect(ids({ ...request, debtor: { ...request.debtor, siren: '12' } })).toEqual(['debtor-siren']);
    expect(ids({ ...request, legalBasis: [] })).toEqual(['legal-basis']);
    const line = request.claim.lines[0]!;
    expect(ids({ ...request, claim: { ...request.claim, lines: [{ ...line, interest: [] }] } })).toEqual([
      'interest',
    ]);
    expect(
      ids({ ...request, claim: { ...request.claim, totals: { ...request.claim.totals, totalDueCents: 1 } } }),
    ).toEqual(['total']);
    const { indemnity: _, ...withoutIndemnity } = request.claim;
    expect(ids({ ...request, claim: withoutIndemnity })).toEqual(['indemnity']);
  });

  it('checks the rendered text shows the parties, the invoices and the exhibits', () => {
    const text =
      'Atelier Martin SAS SIREN 552100554 — F-1 — Facture n° F-1 du 01/02/2026 (the debtor left out by a template)';
    expect(ids(complete(), text)).toEqual(['debtor']);
  });
});
