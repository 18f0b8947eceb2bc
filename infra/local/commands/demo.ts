import { shortDate } from '../../../shared/domain/messages/format';
import { describeCoverage } from '../../../shared/use-cases/sweeps/check-rates';
import { progressBar } from '../demo/progress';
import { runDemo } from '../demo/run-demo';
import { formatSummary } from '../demo/summary';
import { DEMO_RUN_OPTIONS, demoRunPeriod } from './demo-options';
import { parseOptions } from './options';

const USAGE = `usage: recouvrement demo [--days 120] [--start 2026-01-05] [--seed 42]
                        [--invoices samples/invoices.csv] [--tenant samples/tenant.json] [--out out] [--json]
                        [--e-invoices samples/e-invoices]   (Factur-X / UBL / CII dropped too; "" for none)
                        [--data data]   (rate overrides: <data>/rates.json, see "recouvrement rates")
                        [--faults 0.2]  (adapters fail on that fraction of calls, drawn from --seed; docs/reliability.md)`;

/** `recouvrement demo`: ingest the sample invoices, simulate the days, print what happened. */
export async function run(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      ...DEMO_RUN_OPTIONS,
      'e-invoices': { type: 'string', default: 'samples/e-invoices' },
      out: { type: 'string', default: 'out' },
      faults: { type: 'string', default: '0' },
    },
    USAGE,
  );
  const period = values && demoRunPeriod(values, USAGE);
  if (!values || !period) return 2;
  const { days, seed, start } = period;
  const faults = Number(values.faults);
  if (!(faults >= 0 && faults <= 1)) {
    process.stderr.write(`--faults must be a fraction between 0 and 1\n${USAGE}\n`);
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
    ...(faults > 0 ? { faults: { rate: faults, seed } } : {}),
    ...(values['e-invoices'] ? { eInvoicesDir: String(values['e-invoices']) } : {}),
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
  const eInvoices = result.intake.filter((outcome) => outcome.kind === 'e-invoice');
  const statuses = result.intake.find((outcome) => outcome.kind === 'invoice-statuses');
  if (eInvoices.length > 0)
    process.stdout.write(
      `E-invoices: ${eInvoices.map((o) => (o.kind === 'e-invoice' ? `${o.report.format} ${o.report.accepted ? 'accepted' : 'rejected'}` : '')).join(', ')}` +
        (statuses?.kind === 'invoice-statuses'
          ? `; platform statuses: ${statuses.report.applied} applied, ${statuses.report.rejected.length} reported`
          : '') +
        '\n',
    );
  process.stdout.write(
    `Simulated ${result.simulation.days} days from ${start}: ${result.launches.started} escalation steps ` +
      `(${result.launches.failed} failed), ${result.simulation.payments} payments, ${result.simulation.disputes} dispute(s), ` +
      `${result.simulation.callOutcomes} call outcomes, ${result.simulation.optOuts} opt-out(s)\n\n`,
  );
  if (result.faults) {
    const counts = Object.values(result.faults.injected);
    const sum = (pick: (c: (typeof counts)[number]) => number) => counts.reduce((n, c) => n + pick(c), 0);
    process.stdout.write(
      `Faults (${Math.round(faults * 100)} %, seed ${seed}): ${sum((c) => c.failures)} failures and ` +
        `${sum((c) => c.timeouts)} time-outs injected in ${sum((c) => c.calls)} calls, ${sum((c) => c.escaped)} left ` +
        `after the retries; compare with the fault-free run: recouvrement chaos-check --seed ${seed}\n\n`,
    );
  }
  process.stdout.write(`${formatSummary(result.summary)}\n\n`);
  // The daily rate check's finding: a half-year not in the table stops interest ("sauf à parfaire").
  if (!result.rates.covered)
    process.stdout.write(`${describeCoverage(result.rates, (day) => shortDate(day, 'fr'))}\n\n`);
  process.stdout.write(`Outbox: ${out}/outbox.jsonl (e-mails ${out}/email/*.eml, SMS ${out}/sms/sms.jsonl, `);
  process.stdout.write(
    `letters ${out}/letters/*.pdf, call tasks ${out}/calls/calls.jsonl). ` +
      `Court files (paths above): ${out}/buckets/documents/<tenant>/<dossier>/court/<day>/. Done in ${seconds} s.\n`,
  );
  // The creditor's report of the run (issue 14): KPIs, ageing, funnel, trend, decisions waiting.
  process.stdout.write(`Report: ${out}/report.html (one file, opens offline).\n`);
  // Under injected faults a failed step is expected (the next sweep redoes it): chaos-check judges.
  return result.launches.failed > 0 && !result.faults ? 1 : 0;
}
