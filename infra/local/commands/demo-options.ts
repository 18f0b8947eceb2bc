import { isLocalDate, type LocalDate } from '../../../shared/domain/calendar';
import type { OptionValues } from './options';

/**
 * The options of a demo run that `demo` and `chaos-check` share (chaos-check runs the demo twice):
 * the sample files, the simulated days and the seed. Each command adds its own (--out, --faults…).
 */
export const DEMO_RUN_OPTIONS = {
  days: { type: 'string', default: '120' },
  start: { type: 'string', default: '2026-01-05' },
  seed: { type: 'string', default: '42' },
  invoices: { type: 'string', default: 'samples/invoices.csv' },
  tenant: { type: 'string', default: 'samples/tenant.json' },
  /** Rate overrides: `<data>/rates.json` ("recouvrement rates"). */
  data: { type: 'string', default: 'data' },
  json: { type: 'boolean', default: false },
} as const;

/**
 * The run's days, seed and first day from the parsed options; undefined (exit 2) when one is not
 * usable, the reason and the usage printed on stderr.
 */
export function demoRunPeriod(
  values: OptionValues,
  usage: string,
): { days: number; seed: number; start: LocalDate } | undefined {
  const days = Number(values.days);
  const seed = Number(values.seed);
  const start = String(values.start);
  if (!Number.isInteger(days) || days < 1 || days > 3660 || !Number.isInteger(seed) || !isLocalDate(start)) {
    process.stderr.write(
      `--days must be 1..3660, --seed an integer, --start a date (YYYY-MM-DD)\n${usage}\n`,
    );
    return undefined;
  }
  return { days, seed, start };
}
