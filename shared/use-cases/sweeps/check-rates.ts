import type { LocalDate } from '../../domain/calendar';
import { type RateCoverage, rateCoverage } from '../../domain/legal/rate-coverage';
import type { Logger, RateSource } from '../ports';

/**
 * The log message of a missing half-year. On AWS a metric filter on the prescription-scan log
 * group counts it (metric RatesMissingCurrentHalfYear) and an alarm pages the operators
 * (infra/aws/constructs/alarms.ts): keep the text and the CDK filter in step through this constant.
 */
export const RATES_MISSING_MESSAGE = 'rates: current half-year missing';

/**
 * Daily check, run once by the prescription sweep (02:00): is the half-year of `day` in the rate
 * table (packaged + overrides)? A published rate is always days or weeks behind the calendar, so
 * a gap is expected for a while each January and July; meanwhile interest stops at the last
 * covered day ("sauf à parfaire"). The log line carries periods and dates only, no personal data.
 */
export async function checkRates(
  deps: { rates: RateSource; logger: Logger },
  day: LocalDate,
): Promise<RateCoverage> {
  const coverage = rateCoverage((await deps.rates.current()).table, day);
  if (!coverage.covered) {
    deps.logger.warn(RATES_MISSING_MESSAGE, {
      period: coverage.period,
      missingPeriods: coverage.missing,
      interestComputedThrough: coverage.knownThrough,
      fix: `recouvrement rates add --period ${coverage.missing[0]} … (docs/legal.md §2, "Rates")`,
    });
  }
  return coverage;
}

/** One line for people (demo output, `rates check`): what is missing and how to add it. */
export function describeCoverage(coverage: RateCoverage, dateText: (day: LocalDate) => string): string {
  if (coverage.covered) return `Rates: ${coverage.period} is in the table.`;
  const periods = coverage.missing.join(', ');
  const several = coverage.missing.length > 1;
  return (
    `Rates: ${periods} ${several ? 'are' : 'is'} not published in the table: interest computed to ${dateText(coverage.knownThrough)} ` +
    `(add ${several ? 'each, from the first' : 'it'}: recouvrement rates add --period ${coverage.missing[0]} --legal-individual <pct> --legal-other <pct> --ecb <pct> --source <url>)`
  );
}
