import * as z from 'zod';
import { isLocalDate, type LocalDate } from '../calendar';
import { LegalDataMissingError, ValidationError } from '../errors';
import rawRates from './data/rates.json' with { type: 'json' };

/**
 * Dated legal data (rates, indemnity, thresholds) read from data/rates.json, so a user
 * updates a rate without touching code (docs/legal.md §2: rates are dated data with their source).
 * The file is validated once, at module load: a bad edit fails at start-up, naming the field.
 * A rate the file does not hold (absent or null) is never taken as zero: lookups throw
 * LegalDataMissingError naming the half-year. The interest account catches it and stops
 * accruing the day before that half-year ("intérêts arrêtés au …, sauf à parfaire", docs/legal.md
 * §2); operators add the half-year as an override without a release (rate-overrides.ts).
 */

/** 'YYYY-H1' (1 Jan – 30 Jun) or 'YYYY-H2' (1 Jul – 31 Dec): rates are fixed per half-year. */
export type HalfYear = `${number}-H${1 | 2}`;

/** CMF L313-2: which of the two legal rates applies depends on the creditor, not the debtor. */
export type LegalRateCategory = 'individual' | 'other';

const localDate = z.string().refine(isLocalDate, 'expected a calendar date YYYY-MM-DD');
const halfYear = z.string().regex(/^\d{4}-H[12]$/, 'expected YYYY-H1 or YYYY-H2');
const confidence = z.enum(['H', 'M', 'U']);
const percent = z.number().min(0).max(100).nullable();

/** An amount in cents with the day it took effect and its source (indemnity, thresholds). */
const datedCents = z.object({
  entries: z.array(
    z.object({
      valueCents: z.number().int().min(0),
      effectiveFrom: localDate,
      source: z.string(),
      confidence,
    }),
  ),
});

const rateTableSchema = z.object({
  legalInterestRate: z.object({
    entries: z.array(
      z.object({
        period: halfYear,
        individualPercent: percent,
        otherPercent: percent,
        effectiveFrom: localDate,
        source: z.string().min(1),
        confidence,
      }),
    ),
  }),
  ecbMainRefinancingRate: z.object({
    entries: z.array(
      z.object({
        period: halfYear,
        percent,
        effectiveFrom: localDate,
        source: z.string().min(1),
        confidence,
      }),
    ),
  }),
  recoveryIndemnity: datedCents,
  smallClaimsThreshold: datedCents,
});

export type RateTable = z.infer<typeof rateTableSchema>;

export const RATES_FILE = 'shared/domain/legal/data/rates.json';

/** Validates a rate table (the bundled file, or a user's own passed to the `claim` command). */
export function parseRateTable(raw: unknown): RateTable {
  const parsed = rateTableSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`rates.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid rate table');
  }
  return parsed.data;
}

export const DEFAULT_RATES: RateTable = parseRateTable(rawRates);

export function halfYearOf(date: LocalDate): HalfYear {
  return `${Number(date.slice(0, 4))}-H${date.slice(5, 7) <= '06' ? 1 : 2}` as HalfYear;
}

/** First day of a half-year: 1 January (H1) or 1 July (H2). */
export function halfYearStart(period: HalfYear): LocalDate {
  return `${period.slice(0, 4)}-${period.endsWith('H1') ? '01' : '07'}-01`;
}

/** Last day of a half-year: 30 June (H1) or 31 December (H2). */
export function halfYearEnd(period: HalfYear): LocalDate {
  return `${period.slice(0, 4)}-${period.endsWith('H1') ? '06-30' : '12-31'}`;
}

/** The half-year after `period`. */
export function nextHalfYear(period: HalfYear): HalfYear {
  return halfYearOf(nextHalfYearStart(halfYearStart(period)));
}

/** Every half-year from the one holding `from` through the one holding `to`, in order. */
export function halfYearsBetween(from: LocalDate, to: LocalDate): HalfYear[] {
  const periods: HalfYear[] = [];
  for (let p = halfYearOf(from); halfYearStart(p) <= to; p = nextHalfYear(p)) periods.push(p);
  return periods;
}

/** First day of the half-year after the one `date` falls in: the day a new rate applies. */
export function nextHalfYearStart(date: LocalDate): LocalDate {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 7) <= '06' ? `${year}-07-01` : `${year + 1}-01-01`;
}

/** A rate as an integer number of millionths per year (13.15 % → 131 500): exact arithmetic downstream. */
export type RatePpm = number;

export function percentToPpm(value: number): RatePpm {
  return Math.round(value * 10_000);
}

export function ppmToPercent(ppm: RatePpm): number {
  return ppm / 10_000;
}

/** CMF L313-2: the legal interest rate of the half-year containing `date`, for the creditor's category. */
export function legalRatePpm(date: LocalDate, category: LegalRateCategory, table: RateTable): RatePpm {
  const period = halfYearOf(date);
  const entry = table.legalInterestRate.entries.find((e) => e.period === period);
  const value = category === 'individual' ? entry?.individualPercent : entry?.otherPercent;
  if (value === undefined || value === null) {
    throw new LegalDataMissingError(
      `legal interest rate (${category === 'individual' ? 'individual creditor' : 'other cases'}) for ${period} is not in ${RATES_FILE}: add it from the published arrêté (CMF L313-2)`,
    );
  }
  return percentToPpm(value);
}

/** C.com. L441-10 II: the ECB main refinancing rate in force on 1 January (H1) or 1 July (H2). */
export function ecbRefiRatePpm(date: LocalDate, table: RateTable): RatePpm {
  const period = halfYearOf(date);
  const value = table.ecbMainRefinancingRate.entries.find((e) => e.period === period)?.percent;
  if (value === undefined || value === null) {
    throw new LegalDataMissingError(
      `ECB main refinancing rate for ${period} is not in ${RATES_FILE}: add the rate in force on the first day of that half-year (C.com. L441-10 II)`,
    );
  }
  return percentToPpm(value);
}

function valueOn(
  entries: readonly { valueCents: number; effectiveFrom: LocalDate }[],
  date: LocalDate,
  what: string,
): number {
  const inForce = entries
    .filter((e) => e.effectiveFrom <= date)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  if (!inForce) throw new LegalDataMissingError(`${what} in force on ${date} is not in ${RATES_FILE}`);
  return inForce.valueCents;
}

/** C.com. D441-5: the fixed recovery indemnity per late invoice in force on `date`. */
export function recoveryIndemnityCents(date: LocalDate, table: RateTable): number {
  return valueOn(table.recoveryIndemnity.entries, date, 'recovery indemnity (C.com. D441-5)');
}

/** CPCE R125-1: the small-claims ceiling (principal and interest) in force on `date`. */
export function smallClaimsThresholdCents(date: LocalDate, table: RateTable): number {
  return valueOn(table.smallClaimsThreshold.entries, date, 'small-claims threshold (CPCE R125-1)');
}
