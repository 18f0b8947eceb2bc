import { addDays, addMonths, daysBetween, type LocalDate, maxDate, minDate } from '../calendar';
import { LegalDataMissingError } from '../errors';
import { type DailyRate, type InterestTerms, JUDGMENT_DELAY_MONTHS, rateForDay } from './interest-terms';
import {
  type HalfYear,
  halfYearOf,
  halfYearStart,
  halfYearsBetween,
  nextHalfYearStart,
  ppmToPercent,
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
 * A half-year whose rate the table lacks (not published yet) stops the accrual the day before it:
 * interest is "arrêtée au" that day, "sauf à parfaire" (docs/legal.md §2 and §12), never a zero
 * rate and never a failed notice; the account says where it stopped and which half-years lack.
 */

const DENOMINATOR = 365n * 1_000_000n;

export {
  type DailyRate,
  type InterestRegime,
  type InterestTerms,
  interestTerms,
  isB2B,
  rateForDay,
} from './interest-terms';

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
  /** First day no rate covers, once met: nothing accrues from it on. */
  private rateGapFrom: LocalDate | undefined;
  private readonly missingPeriods = new Set<HalfYear>();

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

  /** Last day interest was computed for when a rate was missing; undefined when nothing was. */
  get interestComputedThrough(): LocalDate | undefined {
    return this.rateGapFrom ? addDays(this.rateGapFrom, -1) : undefined;
  }

  /** The half-years this account needed a rate for and the table lacks, in order. */
  get missingRatePeriods(): HalfYear[] {
    return [...this.missingPeriods].sort();
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
      const rate = this.rateOrGap(first, target);
      if (!rate) {
        this.cursor = target;
        break;
      }
      const last = minDate([target, addDays(this.nextRateChange(first), -1)])!;
      const days = daysBetween(this.cursor, last);
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

  /**
   * The rate for `day`, or undefined once a rate is missing: the accrual stops at the start of
   * the first half-year without one, and every later half-year up to `target` that lacks the
   * rate this claim needs is noted, so the statement can list what to add.
   */
  private rateOrGap(day: LocalDate, target: LocalDate): DailyRate | undefined {
    if (this.rateGapFrom === undefined) {
      try {
        return rateForDay(this.terms, day, this.table);
      } catch (error) {
        if (!(error instanceof LegalDataMissingError)) throw error;
        this.rateGapFrom = halfYearStart(halfYearOf(day));
      }
    }
    for (const period of halfYearsBetween(day, target)) {
      const probe = maxDate([day, halfYearStart(period)])!;
      try {
        rateForDay(this.terms, probe, this.table);
      } catch (error) {
        if (!(error instanceof LegalDataMissingError)) throw error;
        this.missingPeriods.add(period);
      }
    }
    return undefined;
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
