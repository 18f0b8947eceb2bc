import { addDays, type LocalDate } from '../calendar';
import { type HalfYear, halfYearOf, halfYearStart, type RateTable } from './rates';

/**
 * Whether the rate table covers a day, for the daily check and the demo's report (docs/legal.md
 * §2, "Rates"). A half-year is covered when all three of its rates are known (the two legal
 * rates of CMF L313-2 and the ECB rate of C.com. L441-10 II): they are published within weeks
 * of each other and added together (`recouvrement rates add`).
 */

export interface RateCoverage {
  /** The half-year of the day asked about. */
  period: HalfYear;
  covered: boolean;
  /** Last day of the last covered half-year before the gap; the day itself when covered. */
  knownThrough: LocalDate;
  /** The uncovered half-years from the gap through `period`, in order (empty when covered). */
  missing: HalfYear[];
}

export function periodCovered(table: RateTable, period: HalfYear): boolean {
  const legal = table.legalInterestRate.entries.find((e) => e.period === period);
  const ecb = table.ecbMainRefinancingRate.entries.find((e) => e.period === period);
  return legal?.individualPercent != null && legal.otherPercent != null && ecb?.percent != null;
}

/** Coverage of `day`: walks back from its half-year to the last covered one. */
export function rateCoverage(table: RateTable, day: LocalDate): RateCoverage {
  const period = halfYearOf(day);
  if (periodCovered(table, period)) return { period, covered: true, knownThrough: day, missing: [] };
  const earliest = table.legalInterestRate.entries.map((e) => e.period).sort()[0] ?? period;
  const missing: HalfYear[] = [period];
  let start = halfYearStart(period);
  for (;;) {
    const previous = halfYearOf(addDays(start, -1));
    if (previous < earliest || periodCovered(table, previous)) break;
    missing.unshift(previous);
    start = halfYearStart(previous);
  }
  return { period, covered: false, knownThrough: addDays(start, -1), missing };
}
