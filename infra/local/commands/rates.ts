import {
  DEFAULT_DATA_DIR,
  loadRateOverrides,
  rateOverridesPath,
  saveRateOverrides,
} from '../../../shared/adapters/local/rate-overrides-file';
import { isLocalDate, parisDate } from '../../../shared/domain/calendar';
import { ValidationError } from '../../../shared/domain/errors';
import { periodCovered, rateCoverage } from '../../../shared/domain/legal/rate-coverage';
import {
  applyRateOverrides,
  parseRateOverride,
  type RateOverride,
  withRateOverride,
} from '../../../shared/domain/legal/rate-overrides';
import { DEFAULT_RATES, type HalfYear, type RateTable } from '../../../shared/domain/legal/rates';
import { shortDate } from '../../../shared/domain/messages/format';
import { describeCoverage } from '../../../shared/use-cases/sweeps/check-rates';
import { parseOptions } from './options';

const USAGE = `usage: recouvrement rates <add|list|check> [options]
  add    --period 2026-H2 --legal-individual <pct> --legal-other <pct> --ecb <pct> --source <url> [--replace]
         adds a half-year's rates (CMF L313-2 legal rates, ECB rate of C.com. L441-10 II) to <data>/rates.json;
         it wins over the packaged table for that half-year. Percent values like 6.65 (or 6,65).
  list   the effective table: packaged entries, overrides, and half-years still missing
  check  [--date YYYY-MM-DD] whether the half-year of the date (default today, Paris) is covered; exit 1 if not
  common: --data <folder> (default ${DEFAULT_DATA_DIR}: the overrides file is <folder>/rates.json)
  On AWS, upload the same file to s3://<config bucket>/rates/overrides.json (README, "Rates").`;

export interface RatesIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  now: () => Date;
}

const processIo: RatesIo = { stdout: process.stdout, stderr: process.stderr, now: () => new Date() };

/** The option each field of an override comes from: errors name what the operator typed. */
const OPTION_OF: Record<string, string> = {
  period: '--period',
  legalIndividualPercent: '--legal-individual',
  legalOtherPercent: '--legal-other',
  ecbPercent: '--ecb',
  source: '--source',
};

/** `recouvrement rates …`: operators keep the rate table current without a release (docs/legal.md §2). */
export async function run(args: string[], io: RatesIo = processIo): Promise<number> {
  const [action, ...rest] = args;
  const values = parseOptions(
    rest,
    {
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      period: { type: 'string' },
      'legal-individual': { type: 'string' },
      'legal-other': { type: 'string' },
      ecb: { type: 'string' },
      source: { type: 'string' },
      replace: { type: 'boolean', default: false },
      date: { type: 'string' },
    },
    USAGE,
  );
  if (!values) return 2;
  const path = rateOverridesPath(String(values.data));
  try {
    const overrides = await loadRateOverrides(path);
    if (action === 'add') return await add(io, path, overrides, values);
    const effective = applyRateOverrides(DEFAULT_RATES, overrides);
    if (action === 'list') {
      io.stdout.write(`${listing(effective.table, new Set(effective.overridden), path)}\n`);
      return 0;
    }
    if (action === 'check') {
      const day = values.date === undefined ? parisDate(io.now()) : String(values.date);
      if (!isLocalDate(day)) throw new ValidationError('--date', 'expected a calendar date YYYY-MM-DD');
      const coverage = rateCoverage(effective.table, day);
      io.stdout.write(`${describeCoverage(coverage, (d) => shortDate(d, 'fr'))}\n`);
      return coverage.covered ? 0 : 1;
    }
    io.stderr.write(`${USAGE}\n`);
    return 2;
  } catch (error) {
    if (error instanceof ValidationError || error instanceof SyntaxError) {
      io.stderr.write(`rates: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function add(
  io: RatesIo,
  path: string,
  overrides: Awaited<ReturnType<typeof loadRateOverrides>>,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  for (const option of Object.values(OPTION_OF)) {
    if (values[option.slice(2)] === undefined)
      throw new ValidationError(option, 'required (all three rates of the half-year and their source URL)');
  }
  let entry: RateOverride;
  try {
    entry = parseRateOverride({
      period: values['period'],
      legalIndividualPercent: percentOf(values['legal-individual']),
      legalOtherPercent: percentOf(values['legal-other']),
      ecbPercent: percentOf(values['ecb']),
      source: values['source'],
      addedAt: io.now().toISOString(),
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const message = error.message.slice(error.field.length + 2);
    throw new ValidationError(OPTION_OF[error.field] ?? error.field, message);
  }
  const packaged = DEFAULT_RATES.legalInterestRate.entries.some(
    (e) => e.period === entry.period && e.individualPercent !== null,
  );
  await saveRateOverrides(path, withRateOverride(overrides, entry, values['replace'] === true));
  io.stdout.write(
    `${entry.period} added to ${path}${packaged ? ' (it replaces the packaged values for that half-year)' : ''}: ` +
      `legal rate ${entry.legalIndividualPercent} % (individual creditor) / ${entry.legalOtherPercent} % (other), ` +
      `ECB ${entry.ecbPercent} %; source ${entry.source}\n`,
  );
  return 0;
}

/** "6.65", "6,65" → 6.65; anything else stays a string, which the schema refuses naming the field. */
function percentOf(value: string | boolean | undefined): unknown {
  const text = String(value).trim();
  return /^\d+(?:[.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;
}

function listing(table: RateTable, overridden: ReadonlySet<string>, path: string): string {
  const ecb = new Map(table.ecbMainRefinancingRate.entries.map((e) => [e.period, e.percent]));
  const pct = (value: number | null | undefined) => (value == null ? '—' : `${value.toFixed(2)} %`);
  const rows = table.legalInterestRate.entries.map((e) => {
    const period = e.period as HalfYear;
    const origin = overridden.has(period)
      ? 'override'
      : periodCovered(table, period)
        ? 'packaged'
        : 'missing';
    return [period, pct(e.individualPercent), pct(e.otherPercent), pct(ecb.get(period)), origin, e.source];
  });
  const header = ['period', 'legal indiv.', 'legal other', 'ECB', 'origin', 'source'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    `Rates: packaged table with the overrides of ${path} (${overridden.size} half-year(s)) on top`,
    line(header),
    ...rows.map(line),
  ].join('\n');
}
