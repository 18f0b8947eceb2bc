import { chaosPassed } from '../faults/chaos-check';
import { runChaos } from '../faults/chaos-run';
import { FAULT_TARGETS, type FaultTarget } from '../faults/fault-plan';
import { DEMO_RUN_OPTIONS, demoRunPeriod } from './demo-options';
import { parseOptions } from './options';

const USAGE = `usage: recouvrement chaos-check [--faults 0.2] [--seed 42] [--days 120] [--start 2026-01-05]
                               [--targets ${FAULT_TARGETS.join(',')}] [--attempts 3]
                               [--invoices samples/invoices.csv] [--tenant samples/tenant.json] [--out out/chaos] [--json]`;

/**
 * `recouvrement chaos-check`: the demo without faults and with them, same seed, compared:
 * duplicates, lost actions, final balances and statuses. Exit 1 on any finding.
 */
export async function run(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      ...DEMO_RUN_OPTIONS,
      faults: { type: 'string', default: '0.2' },
      targets: { type: 'string', default: FAULT_TARGETS.join(',') },
      attempts: { type: 'string', default: '3' },
      out: { type: 'string', default: 'out/chaos' },
    },
    USAGE,
  );
  const period = values && demoRunPeriod(values, USAGE);
  if (!values || !period) return 2;
  const { days, seed, start } = period;
  const rate = Number(values.faults);
  const targets = String(values.targets).split(',').filter(Boolean) as FaultTarget[];
  const attempts = Number(values.attempts);
  const unknown = targets.filter((target) => !FAULT_TARGETS.includes(target));
  if (!(rate >= 0 && rate <= 1) || !Number.isInteger(attempts) || attempts < 1 || unknown.length > 0) {
    process.stderr.write(
      `--faults must be 0..1, --attempts an integer from 1` +
        `${unknown.length ? `; unknown targets: ${unknown.join(', ')}` : ''}\n${USAGE}\n`,
    );
    return 2;
  }
  const began = performance.now();
  const { report, faulty } = await runChaos({
    invoicesFile: String(values.invoices),
    tenantFile: String(values.tenant),
    outDir: String(values.out),
    start,
    days,
    seed,
    rate,
    targets,
    attempts,
    dataDir: String(values.data),
  });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ seed, rate, days, report, faults: faulty.faults, seconds: Number(seconds) }, null, 2)}\n`,
    );
    return chaosPassed(report) ? 0 : 1;
  }
  const injected = Object.values(faulty.faults?.injected ?? {});
  const sum = (pick: (c: (typeof injected)[number]) => number) => injected.reduce((n, c) => n + pick(c), 0);
  const lines = [
    `Chaos check, seed ${seed}, ${Math.round(rate * 100)} % faults on ${targets.join(', ')}, ${days} days:`,
    `  calls ${sum((c) => c.calls)}, injected ${sum((c) => c.failures)} failures and ${sum((c) => c.timeouts)} time-outs, ` +
      `${sum((c) => c.escaped)} left after the SDK-like retries; re-delivered ${JSON.stringify(faulty.faults?.redelivered ?? {})}`,
    `  escalation steps ${faulty.launches.started} (${faulty.launches.failed} failed), sweeps failed ${faulty.simulation.sweepFailures ?? 0}`,
    `  messages: ${report.messages.clean} without faults, ${report.messages.faulty} with (${report.delayed} on another day)`,
    `  duplicates ${report.duplicates.length}, lost actions ${report.lost.length}, diverged dossiers ${report.diverged.length}, extra actions ${report.extra.length} (not needed without faults: the calendar moved)`,
    ...[...report.duplicates, ...report.lost, ...report.diverged, ...report.extra].map(
      (f) => `    ${f.what}`,
    ),
    `Done in ${seconds} s.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return chaosPassed(report) ? 0 : 1;
}
