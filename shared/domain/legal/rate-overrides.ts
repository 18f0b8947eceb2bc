import * as z from 'zod';
import { ValidationError } from '../errors';
import { type HalfYear, halfYearStart, type RateTable } from './rates';

/**
 * Half-years operators add without a release (docs/legal.md §2, "Rates"): the legal rates of
 * CMF L313-2 are set by an arrêté published days or weeks into the half-year, and the ECB rate
 * C.com. L441-10 II takes is known on 1 January / 1 July. An override holds the three rates of
 * one half-year with the source they were read from; it wins over the packaged table for that
 * half-year. Locally it lives in `data/rates.json` (`recouvrement rates add`), on AWS in the
 * config bucket under `rates/overrides.json` — same format, same validation, same merge.
 */

/**
 * Plausibility ceiling: no French legal rate nor ECB main refinancing rate has come near it
 * (legal rate ≤ 8.16 % since 2020, ECB MRO ≤ 4.75 % since 1999); a larger value is a typo
 * (66.5 for 6.65) that would inflate every claim, so it is refused rather than applied.
 */
export const MAX_OVERRIDE_PERCENT = 20;

const percent = z
  .number({ error: 'expected a number (percent, e.g. 6.65)' })
  .finite()
  .min(0, 'expected a percent ≥ 0')
  .max(MAX_OVERRIDE_PERCENT, `expected a percent ≤ ${MAX_OVERRIDE_PERCENT} (a larger rate is a typo)`)
  // Rates are applied in millionths per year (rates.ts percentToPpm): 4 decimals at most.
  .refine((value) => Math.abs(value * 10_000 - Math.round(value * 10_000)) < 1e-6, 'at most 4 decimals');

export const rateOverrideSchema = z.object({
  period: z.string().regex(/^\d{4}-H[12]$/, 'expected YYYY-H1 or YYYY-H2'),
  /** CMF L313-2: creditor an individual not acting for professional needs. */
  legalIndividualPercent: percent,
  /** CMF L313-2: all other cases. */
  legalOtherPercent: percent,
  /** C.com. L441-10 II: ECB main refinancing rate in force on the half-year's first day. */
  ecbPercent: percent,
  /** Where the values were read (arrêté on Légifrance, Banque de France, ECB page): a URL. */
  source: z
    .string()
    .url('expected the URL the rates were read from')
    .refine((url) => /^https?:\/\//.test(url), 'expected an http(s) URL'),
  /** When the operator added it (UTC ISO): the file is the audit of who changed rates when. */
  addedAt: z.string().datetime({ offset: true }).optional(),
});

export type RateOverride = z.infer<typeof rateOverrideSchema> & { period: HalfYear };

const rateOverridesSchema = z
  .object({ $comment: z.string().optional(), entries: z.array(rateOverrideSchema) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.entries.forEach((entry, i) => {
      if (seen.has(entry.period))
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'period'],
          message: `duplicate ${entry.period}`,
        });
      seen.add(entry.period);
    });
  });

export interface RateOverrides {
  $comment?: string;
  entries: RateOverride[];
}

export const NO_OVERRIDES: RateOverrides = { entries: [] };

function firstIssue(error: z.ZodError, prefix: string): ValidationError {
  const issue = error.issues[0];
  const path = issue?.path.length ? `${prefix}${issue.path.join('.')}` : prefix.replace(/\.$/, '');
  return new ValidationError(path || '(root)', issue?.message ?? 'invalid rate override');
}

/** Validates an overrides file; a ValidationError names the field (e.g. "entries.0.ecbPercent"). */
export function parseRateOverrides(raw: unknown): RateOverrides {
  const parsed = rateOverridesSchema.safeParse(raw);
  if (!parsed.success) throw firstIssue(parsed.error, '');
  return parsed.data as RateOverrides;
}

/** Validates one half-year to add; a ValidationError names the field (e.g. "legalOtherPercent"). */
export function parseRateOverride(raw: unknown): RateOverride {
  const parsed = rateOverrideSchema.safeParse(raw);
  if (!parsed.success) throw firstIssue(parsed.error, '');
  return parsed.data as RateOverride;
}

/** The overrides with `entry` added, or replacing the same half-year's entry when `replace`. */
export function withRateOverride(
  overrides: RateOverrides,
  entry: RateOverride,
  replace = false,
): RateOverrides {
  const exists = overrides.entries.some((e) => e.period === entry.period);
  if (exists && !replace)
    throw new ValidationError('period', `${entry.period} is already overridden (use --replace to change it)`);
  const entries = [...overrides.entries.filter((e) => e.period !== entry.period), entry].sort((a, b) =>
    a.period.localeCompare(b.period),
  );
  return { ...overrides, entries };
}

/** The rate table the pipeline computes with, and which half-years the overrides supplied. */
export interface EffectiveRates {
  table: RateTable;
  overridden: HalfYear[];
}

/**
 * Packaged table + overrides, the override winning per half-year (all three rates at once).
 * Pure: the adapters read the two files, this merges them.
 */
export function applyRateOverrides(packaged: RateTable, overrides: RateOverrides): EffectiveRates {
  if (overrides.entries.length === 0) return { table: packaged, overridden: [] };
  const byPeriod = new Set<string>(overrides.entries.map((e) => e.period));
  const merge = <T extends { period: string }>(entries: T[], make: (o: RateOverride) => T): T[] => {
    const kept = entries.filter((e) => !byPeriod.has(e.period));
    return [...kept, ...overrides.entries.map(make)].sort((a, b) => a.period.localeCompare(b.period));
  };
  const source = (o: RateOverride) => `override${o.addedAt ? ` added ${o.addedAt}` : ''}; ${o.source}`;
  const table: RateTable = {
    ...packaged,
    legalInterestRate: {
      entries: merge(packaged.legalInterestRate.entries, (o) => ({
        period: o.period,
        individualPercent: o.legalIndividualPercent,
        otherPercent: o.legalOtherPercent,
        effectiveFrom: halfYearStart(o.period),
        source: source(o),
        confidence: 'M' as const,
      })),
    },
    ecbMainRefinancingRate: {
      entries: merge(packaged.ecbMainRefinancingRate.entries, (o) => ({
        period: o.period,
        percent: o.ecbPercent,
        effectiveFrom: halfYearStart(o.period),
        source: source(o),
        confidence: 'M' as const,
      })),
    },
  };
  return { table, overridden: overrides.entries.map((e) => e.period) };
}
