import { addDays, addMonths, daysBetween, type LocalDate, minDate } from '../calendar';
import type { ClaimNature, CreditorType, DebtorType } from '../parties';
import {
  ecbRefiRatePpm,
  type LegalRateCategory,
  legalRatePpm,
  nextHalfYearStart,
  ppmToPercent,
  type RatePpm,
  type RateTable,
} from './rates';

/**
 * Late-payment interest of one invoice (docs/legal.md §2).
 *
 * Computation (documented in docs/legal.md): simple interest — unpaid interest never bears
 * interest (no capitalisation without a clause or a court request, C.civ. 1343-2) — on the
 * outstanding principal, day count actual/365 (also in leap years), for each day after the
 * start day, at the rate of the half-year the day falls in. Amounts are exact rationals
 * (BigInt numerator over 365 × 10^6) and are rounded half-up to the cent once per "settlement":
 * at each payment date (the payment must meet a whole number of cents) and at asOf.
 */

/** 10 points over the ECB rate (C.com. L441-10 II), in millionths. */
const ECB_MARGIN_PPM = 100_000;
/** 5 points on the legal rate, 2 months after an enforceable judgment (CMF L313-3). */
const JUDGMENT_MARGIN_PPM = 50_000;
const JUDGMENT_DELAY_MONTHS = 2;
/** A contract may not set the B2B penalty rate below 3× the legal rate (C.com. L441-10 II). */
const LEGAL_RATE_FLOOR_MULTIPLIER = 3;
const DENOMINATOR = 365n * 1_000_000n;

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

export interface InterestSegment {
  /** First and last day of lateness covered (inclusive). */
  from: LocalDate;
  to: LocalDate;
  days: number;
  principalCents: number;
  ratePercent: number;
  interestCents: number;
  basis: string;
  article: string;
}

export interface PaymentImputation {
  date: LocalDate;
  toInterestCents: number;
  toPrincipalCents: number;
  toIndemnityCents: number;
  /** What this invoice could not absorb (passed on to other invoices, or an overpayment). */
  leftoverCents: number;
}

/**
 * The running account of one invoice: accrue interest day by day, take payments in date order.
 * Mutable inside, but only ever driven by the pure functions of this module and claim-statement.
 */
export class InvoiceInterestAccount {
  private cursor: LocalDate;
  private window = 0n;
  private windowRounded = 0;
  principalCents: number;
  interestAccruedCents = 0;
  interestPaidCents = 0;
  indemnityCents = 0;
  indemnityPaidCents = 0;
  late = false;
  readonly segments: InterestSegment[] = [];
  readonly imputations: PaymentImputation[] = [];

  constructor(
    principalCents: number,
    private readonly dueDate: LocalDate,
    private readonly terms: InterestTerms,
    private readonly table: RateTable,
    /** C.com. L441-10 II, D441-5: owed once the invoice is late, 0 when the debtor is not a professional. */
    private readonly indemnityIfLateCents: number,
  ) {
    this.principalCents = principalCents;
    this.cursor = minDate([dueDate, terms.startsAfter ?? dueDate])!;
  }

  get interestDueCents(): number {
    return this.interestAccruedCents - this.interestPaidCents;
  }

  get indemnityDueCents(): number {
    return this.indemnityCents - this.indemnityPaidCents;
  }

  /** Accrues interest for every day up to and including `day`, then rounds it to the cent. */
  settle(day: LocalDate): void {
    this.accrueTo(day);
    this.interestAccruedCents += roundHalfUp(this.window);
    this.window = 0n;
    this.windowRounded = 0;
  }

  /** C.civ. 1343-1: a partial payment goes to interest first, then principal (then the indemnity). */
  pay(day: LocalDate, amountCents: number): PaymentImputation {
    this.settle(day);
    const toInterestCents = Math.min(amountCents, this.interestDueCents);
    this.interestPaidCents += toInterestCents;
    const toPrincipalCents = Math.min(amountCents - toInterestCents, this.principalCents);
    this.principalCents -= toPrincipalCents;
    const toIndemnityCents = Math.min(
      amountCents - toInterestCents - toPrincipalCents,
      this.indemnityDueCents,
    );
    this.indemnityPaidCents += toIndemnityCents;
    const imputation = {
      date: day,
      toInterestCents,
      toPrincipalCents,
      toIndemnityCents,
      leftoverCents: amountCents - toInterestCents - toPrincipalCents - toIndemnityCents,
    };
    this.imputations.push(imputation);
    return imputation;
  }

  private accrueTo(target: LocalDate): void {
    while (this.cursor < target) {
      const first = addDays(this.cursor, 1);
      if (first > this.dueDate && !this.late && this.principalCents > 0) {
        // Late from the day after the due date: the indemnity is owed even if paid later.
        this.late = true;
        this.indemnityCents = this.indemnityIfLateCents;
      }
      const startsAfter = this.terms.startsAfter;
      if (startsAfter === undefined || this.principalCents === 0) {
        this.cursor = target;
        break;
      }
      if (first <= startsAfter) {
        this.cursor = minDate([startsAfter, target])!;
        continue;
      }
      const last = minDate([target, addDays(this.nextRateChange(first), -1)])!;
      const days = daysBetween(this.cursor, last);
      const rate = rateForDay(this.terms, first, this.table);
      this.window += BigInt(this.principalCents) * BigInt(rate.ppm) * BigInt(days);
      // Cumulative rounding: the segments of a settlement add up to exactly what is settled.
      const rounded = roundHalfUp(this.window);
      this.segments.push({
        from: first,
        to: last,
        days,
        principalCents: this.principalCents,
        ratePercent: ppmToPercent(rate.ppm),
        interestCents: rounded - this.windowRounded,
        basis: rate.basis,
        article: rate.article,
      });
      this.windowRounded = rounded;
      this.cursor = last;
    }
  }

  /** First day after `day` on which the rate may change: a half-year, the judgment, its +2 months. */
  private nextRateChange(day: LocalDate): LocalDate {
    const candidates = [nextHalfYearStart(day)];
    const judgment = this.terms.judgmentDate;
    if (judgment) {
      candidates.push(addDays(judgment, 1), addDays(addMonths(judgment, JUDGMENT_DELAY_MONTHS), 1));
    }
    return minDate(candidates.filter((d) => d > day))!;
  }
}

/** Nearest cent, halves up, of an exact amount expressed in cents × 365 × 10^6 (never negative here). */
function roundHalfUp(numerator: bigint): number {
  return Number((numerator * 2n + DENOMINATOR) / (2n * DENOMINATOR));
}
