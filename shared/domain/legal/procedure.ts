import type { LocalDate } from '../calendar';
import type { ClaimNature, DebtorType } from '../parties';
import { type RateTable, smallClaimsThresholdCents } from './rates';

/**
 * Which procedure to recommend for a claim, and which court (docs/legal.md §4). A recommendation,
 * not a decision: a disputed claim, a debtor abroad outside the EU, or a claim already held
 * under a judgment go to a human.
 */

export type ProcedureKind = 'injonction-de-payer' | 'petites-creances' | 'european-order' | 'none';
export type Court = 'tribunal-de-commerce' | 'tribunal-judiciaire' | 'juge-des-contentieux-de-la-protection';

export interface Reason {
  text: string;
  article: string;
}

export interface ProcedureInput {
  asOf: LocalDate;
  nature: ClaimNature;
  debtorType: DebtorType;
  debtor: { country: string; postalCode?: string; city?: string };
  /** Principal and interest still claimable (time-barred invoices excluded), without the indemnity. */
  claimableCents: number;
  disputed?: boolean;
  /** Every unpaid invoice is time-barred. */
  prescribed: boolean;
  /** The creditor's own floor below which court action is not worth it. */
  minimumCents?: number;
}

export interface ProcedureRecommendation {
  recommended: ProcedureKind;
  court: Court | null;
  /** Territorial competence: the debtor's domicile (mandatory for an injonction de payer, CPC 1406). */
  territorial: { country: string; postalCode: string | null; city: string | null; article: string } | null;
  reasons: Reason[];
}

/** EU member states bound by Reg. 1896/2006 — all but Denmark (recital 32, art. 2(3)); France is home. */
const EUROPEAN_ORDER_STATES = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'EE',
  'FI',
  'DE',
  'GR',
  'EL',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);

/** Subject-matter competence for an injonction de payer (CPC 1405–1406; COJ L213-4-4 for the protection judge). */
export function competentCourt(
  nature: ClaimNature,
  debtorType: DebtorType,
): { court: Court; reason: Reason } {
  if (nature === 'consumer-credit' || nature === 'residential-rent') {
    return {
      court: 'juge-des-contentieux-de-la-protection',
      reason: {
        text: 'consumer credit and residential leases go to the juge des contentieux de la protection',
        article: 'COJ L213-4-4; CPC 1406',
      },
    };
  }
  if (nature === 'commercial' && debtorType === 'professional') {
    return {
      court: 'tribunal-de-commerce',
      reason: {
        text: 'commercial claim between professionals: president of the tribunal de commerce (tribunal des activités économiques where the 2025–2028 experiment runs); tribunal judiciaire if the debtor is neither a merchant nor a company',
        article: 'C.com. L721-3; CPC 1406; loi 2023-1059 art. 26',
      },
    };
  }
  return {
    court: 'tribunal-judiciaire',
    reason: {
      text: 'civil claim or non-merchant debtor: tribunal judiciaire',
      article: 'COJ L211-3; CPC 1406',
    },
  };
}

export function recommendProcedure(input: ProcedureInput, table: RateTable): ProcedureRecommendation {
  const none = (reason: Reason): ProcedureRecommendation => ({
    recommended: 'none',
    court: null,
    territorial: null,
    reasons: [reason],
  });
  if (input.disputed) {
    return none({
      text: 'the debtor disputes the claim: a human decides (ordinary action on the merits, or negotiation)',
      article: 'CPC 1405, 1416',
    });
  }
  if (input.prescribed || input.claimableCents <= 0) {
    return none({
      text: 'nothing claimable: every unpaid invoice is time-barred or paid',
      article: 'C.civ. 2219',
    });
  }
  if (input.nature === 'judgment') {
    return none({
      text: 'the claim already rests on an enforceable title: instruct a commissaire de justice to enforce it',
      article: 'CPCE L111-2, L111-4',
    });
  }
  if (input.minimumCents !== undefined && input.claimableCents < input.minimumCents) {
    return none({
      text: `below the creditor's threshold for court action (${input.minimumCents} cents)`,
      article: 'creditor policy',
    });
  }
  const country = input.debtor.country.toUpperCase();
  if (country !== 'FR') {
    if (EUROPEAN_ORDER_STATES.has(country)) {
      return {
        recommended: 'european-order',
        court: null,
        territorial: null,
        reasons: [
          {
            text: `debtor domiciled in another EU state (${country}): European order for payment, form A`,
            article: 'Reg. (EC) 1896/2006 art. 2–3, 7; CPC 1424-1 ff.',
          },
          {
            text: "the competent court follows Reg. (EU) 1215/2012 (in principle the debtor's domicile)",
            article: 'Reg. 1896/2006 art. 6',
          },
        ],
      };
    }
    return none({
      text: `debtor outside the EU order-for-payment area (${country}${country === 'DK' ? ': Denmark is excluded' : ''}): consult a lawyer`,
      article: 'Reg. (EC) 1896/2006 art. 2(3)',
    });
  }
  const { court, reason } = competentCourt(input.nature, input.debtorType);
  const territorial = {
    country,
    postalCode: input.debtor.postalCode ?? null,
    city: input.debtor.city ?? null,
    article: "CPC 1406 (court of the debtor's domicile, mandatory)",
  };
  const threshold = smallClaimsThresholdCents(input.asOf, table);
  if (input.claimableCents <= threshold) {
    return {
      recommended: 'petites-creances',
      court,
      territorial,
      reasons: [
        {
          text: `principal and interest ${input.claimableCents} cents ≤ ${threshold}: simplified small-claims procedure run by a commissaire de justice (costs on the creditor; the debtor's agreement gives an enforceable title)`,
          article: 'CPCE L125-1, R125-1',
        },
        {
          text: `if the debtor refuses or stays silent for a month: injonction de payer — ${reason.text}`,
          article: reason.article,
        },
      ],
    };
  }
  return {
    recommended: 'injonction-de-payer',
    court,
    territorial,
    reasons: [
      {
        text: 'contractual claim of a determined amount: injonction de payer (request with itemised calculation and exhibits)',
        article: 'CPC 1405, 1407',
      },
      reason,
    ],
  };
}
