import { isLocalDate } from '../../../shared/domain/calendar';
import { shortDate } from '../../../shared/domain/messages/format';
import { describeCoverage } from '../../../shared/use-cases/sweeps/check-rates';
import { progressBar } from '../demo/progress';
import { runDemo } from '../demo/run-demo';
import { formatSummary } from '../demo/summary';
import { parseOptions } from './options';

const USAGE = `usage: recouvrement demo [--days 120] [--start 2026-01-05] [--seed 42]
                        [--invoices samples/invoices.csv] [--tenant samples/tenant.json] [--out out] [--json]
                        [--data data]   (rate overrides: <data>/rates.json, see "recouvrement rates")`;

/** `recouvrement demo`: ingest the sample invoices, simulate the days, print what happened. */
export async function run(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      days: { type: 'string', default: '120' },
      start: { type: 'string', default: '2026-01-05' },
      seed: { type: 'string', default: '42' },
      invoices: { type: 'string', default: 'samples/invoices.csv' },
      tenant: { type: 'string', default: 'samples/tenant.json' },
      out: { type: 'string', default: 'out' },
      data: { type: 'string', default: 'data' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (!values) return 2;
  const days = Number(values.days);
  const seed = Number(values.seed);
  const start = String(values.start);
  if (!Number.isInteger(days) || days < 1 || days > 3660 || !Number.isInteger(seed) || !isLocalDate(start)) {
    process.stderr.write(
      `--days must be 1..3660, --seed an integer, --start a date (YYYY-MM-DD)\n${USAGE}\n`,
    );
    return 2;
  }
  const began = performance.now();
  const progress = progressBar(days, 'Simulating');
  const result = await runDemo({
    invoicesFile: String(values.invoices),
    tenantFile: String(values.tenant),
    outDir: String(values.out),
    start,
    days,
    seed,
    dataDir: String(values.data),
    onDay: (day, index) => progress(index + 1, day),
  });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  if (values.json) {
    const { timelines: _timelines, ...report } = result;
    process.stdout.write(`${JSON.stringify({ ...report, seconds: Number(seconds) }, null, 2)}\n`);
    return 0;
  }
  const invoices = result.intake.find((outcome) => outcome.kind === 'invoices');
  const out = String(values.out);
  process.stdout.write('\n');
  if (invoices?.kind === 'invoices') {
    const { report } = invoices;
    process.stdout.write(
      `Intake: ${report.rows} rows, ${report.accepted} accepted into ${report.dossiers} dossiers, ${report.rejected.length} rejected` +
        (invoices.rejectsKey ? ` (reasons in ${out}/buckets/intake/${invoices.rejectsKey})` : '') +
        '\n',
    );
  }
  process.stdout.write(
    `Simulated ${result.simulation.days} days from ${start}: ${result.launches.started} escalation steps ` +
      `(${result.launches.failed} failed), ${result.simulation.payments} payments, ${result.simulation.disputes} dispute(s), ` +
      `${result.simulation.callOutcomes} call outcomes, ${result.simulation.optOuts} opt-out(s)\n\n`,
  );
  process.stdout.write(`${formatSummary(result.summary)}\n\n`);
  // The daily rate check's finding: a half-year not in the table stops interest ("sauf à parfaire").
  if (!result.rates.covered)
    process.stdout.write(`${describeCoverage(result.rates, (day) => shortDate(day, 'fr'))}\n\n`);
  process.stdout.write(`Outbox: ${out}/outbox.jsonl (e-mails ${out}/email/*.eml, SMS ${out}/sms/sms.jsonl, `);
  process.stdout.write(
    `letters ${out}/letters/*.pdf, call tasks ${out}/calls/calls.jsonl). ` +
      `Court files (paths above): ${out}/buckets/documents/<tenant>/<dossier>/court/<day>/. Done in ${seconds} s.\n`,
  );
  return result.launches.failed > 0 ? 1 : 0;
}
