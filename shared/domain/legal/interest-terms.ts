import { addMonths, type LocalDate } from '../calendar';
import type { ClaimNature, CreditorType, DebtorType } from '../parties';
import { ecbRefiRatePpm, type LegalRateCategory, legalRatePpm, type RatePpm, type RateTable } from './rates';

/**
 * Which interest a late invoice bears, and at what yearly rate on a given day (docs/legal.md §2):
 * the rules; interest.ts runs the account day by day with them.
 */

/** 10 points over the ECB rate (C.com. L441-10 II), in millionths. */
const ECB_MARGIN_PPM = 100_000;
/** 5 points on the legal rate, 2 months after an enforceable judgment (CMF L313-3). */
const JUDGMENT_MARGIN_PPM = 50_000;
export const JUDGMENT_DELAY_MONTHS = 2;
/** A contract may not set the B2B penalty rate below 3× the legal rate (C.com. L441-10 II). */
const LEGAL_RATE_FLOOR_MULTIPLIER = 3;

export type InterestRegime = 'late-payment-penalties' | 'legal-rate';

export interface InterestTerms {
  regime: InterestRegime;
  /** CMF L313-2: the creditor decides which legal rate applies. */
  category: LegalRateCategory;
  contractRatePercent?: number;
  /** Interest accrues for each day AFTER this one; undefined: no interest runs (yet). */
  startsAfter: LocalDate | undefined;
  /** Day the judgment became enforceable: legal rate after it, +5 points after 2 more months. */
  judgmentDate?: LocalDate;
}

/**
 * Which interest a claim bears. Between professionals, late-payment penalties run from the day
 * after the due date without any reminder (C.com. L441-10 II). Otherwise, legal-rate interest runs
 * only from the formal notice (C.civ. 1231-6, 1344-1); a judgment carries interest from its date
 * (C.civ. 1231-7).
 */
export function interestTerms(claim: {
  creditorType: CreditorType;
  debtorType: DebtorType;
  nature: ClaimNature;
  dueDate: LocalDate;
  contractRatePercent?: number;
  formalNoticeDate?: LocalDate;
  judgmentDate?: LocalDate;
}): InterestTerms {
  const category: LegalRateCategory = claim.creditorType === 'individual' ? 'individual' : 'other';
  if (claim.nature === 'judgment') {
    return { regime: 'legal-rate', category, startsAfter: claim.dueDate, judgmentDate: claim.dueDate };
  }
  const judgment = claim.judgmentDate ? { judgmentDate: claim.judgmentDate } : {};
  if (isB2B(claim)) {
    return {
      regime: 'late-payment-penalties',
      category,
      startsAfter: claim.dueDate,
      ...(claim.contractRatePercent !== undefined ? { contractRatePercent: claim.contractRatePercent } : {}),
      ...judgment,
    };
  }
  // A notice sent before the due date cannot make interest run before the debt is due.
  const notice = claim.formalNoticeDate ?? claim.judgmentDate;
  const startsAfter = notice && notice < claim.dueDate ? claim.dueDate : notice;
  return { regime: 'legal-rate', category, startsAfter, ...judgment };
}

/** L441-10 governs relations between professionals only. */
export function isB2B(claim: {
  creditorType: CreditorType;
  debtorType: DebtorType;
  nature: ClaimNature;
}): boolean {
  return (
    claim.creditorType === 'professional' &&
    claim.debtorType === 'professional' &&
    claim.nature !== 'judgment'
  );
}

export interface DailyRate {
  ppm: RatePpm;
  article: string;
  basis: string;
}

/** The yearly rate that applies to one day of lateness. */
export function rateForDay(terms: InterestTerms, day: LocalDate, table: RateTable): DailyRate {
  if (terms.judgmentDate && day > terms.judgmentDate) {
    const legal = legalRatePpm(day, terms.category, table);
    if (day > addMonths(terms.judgmentDate, JUDGMENT_DELAY_MONTHS)) {
      return {
        ppm: legal + JUDGMENT_MARGIN_PPM,
        article: 'CMF L313-3',
        basis: 'legal rate + 5 points, 2 months after the enforceable judgment',
      };
    }
    return { ppm: legal, article: 'C.civ. 1231-7; CMF L313-2', basis: 'legal rate after the judgment' };
  }
  if (terms.regime === 'late-payment-penalties') {
    if (terms.contractRatePercent !== undefined) {
      const floor = LEGAL_RATE_FLOOR_MULTIPLIER * legalRatePpm(day, 'other', table);
      const contract = Math.round(terms.contractRatePercent * 10_000);
      return contract >= floor
        ? { ppm: contract, article: 'C.com. L441-10 II', basis: 'contract penalty rate' }
        : {
            ppm: floor,
            article: 'C.com. L441-10 II',
            basis: 'contract rate raised to 3× the legal rate (floor)',
          };
    }
    return {
      ppm: ecbRefiRatePpm(day, table) + ECB_MARGIN_PPM,
      article: 'C.com. L441-10 II',
      basis: 'ECB main refinancing rate of the half-year + 10 points',
    };
  }
  return {
    ppm: legalRatePpm(day, terms.category, table),
    article: 'C.civ. 1231-6; CMF L313-2',
    basis: 'legal rate from the formal notice',
  };
}
