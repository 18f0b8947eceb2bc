import { formatEuros } from '../../../shared/domain/money';
import type { ScenarioOutcome } from './scenario-run';

export interface Comparison {
  invoicesFile: string;
  start: string;
  days: number;
  seed: number;
  /** Debtor types a column's file leaves to the built-in ladders, by column label. */
  builtInFor: Record<string, string[]>;
  outcomes: ScenarioOutcome[];
}

const eur = (cents: number) => formatEuros(cents).replace(/[\u202f\u00a0]/g, ' ');
const usd = (cents: number) => `${(cents / 100).toFixed(2)} USD`;

/**
 * The columns side by side, one row per figure, for a credit manager choosing a ladder. Ids and
 * amounts only (no debtor's data), and nothing that varies from run to run (no timing), so the
 * same seed prints the same text.
 */
export function formatComparison(comparison: Comparison): string {
  const { outcomes } = comparison;
  const first = outcomes[0];
  const rows: [string, ...string[]][] = [];
  const row = (label: string, pick: (o: ScenarioOutcome) => string) =>
    rows.push([label, ...outcomes.map(pick)]);
  row('ladders', (o) => o.scenarioIds.join(' + '));
  row('principal', (o) => eur(o.principalCents));
  row('recovered', (o) => `${eur(o.recoveredCents)} (${o.recoveryPercent.toFixed(1)} %)`);
  row('paid in full', (o) => `${o.paidDossiers} of ${o.dossiers} dossiers`);
  row('mean delay, due date to payment', (o) =>
    o.meanDaysToPayment === null ? '-' : `${o.meanDaysToPayment.toFixed(1)} days`,
  );
  row('cost: message fees (cost model)', (o) => usd(o.costUsdCents));
  row('cost per 1 000 € recovered', (o) =>
    o.recoveredCents ? usd(Math.round((o.costUsdCents * 100_000) / o.recoveredCents)) : '-',
  );
  row('messages: e-mail', (o) => String(o.messages.email));
  row('          SMS (billed parts)', (o) => `${o.messages.sms} (${o.messages.smsSegments})`);
  row('          letter', (o) => String(o.messages.letter));
  row('          registered letter', (o) => String(o.messages.registeredLetter));
  row('          call task', (o) => String(o.messages.call));
  row('disputes', (o) => String(o.disputes));
  row('opt-outs (STOP)', (o) => String(o.optOuts));
  row('in judicial review at the end', (o) => String(o.judicialReviews));
  row(
    'complaints risk: contact days at a limit',
    (o) =>
      `${o.complaints.riskPercent.toFixed(1)} % (${o.complaints.contactDaysAtLimit} of ${o.complaints.contactDays})`,
  );
  row('  at the minimum spacing', (o) => String(o.complaints.atLimit.spacing));
  row('  at the weekly ceiling', (o) => String(o.complaints.atLimit.weekly));
  row('  SMS or call in the window edge hour', (o) => String(o.complaints.atLimit.hours));
  row('  two channels the same day', (o) => String(o.complaints.atLimit.channels));
  row(
    '  messages to one debtor in 7 days, max / mean',
    (o) => `${o.complaints.peak7.max} / ${o.complaints.peak7.mean.toFixed(1)}`,
  );
  const header: [string, ...string[]] = ['', ...outcomes.map((o) => o.label)];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('   ')
      .trimEnd();
  const notes = Object.entries(comparison.builtInFor)
    .filter(([, types]) => types.length > 0)
    .map(
      ([label, types]) =>
        `${label}: ${types.join(' and ')} keep the built-in ladders (the file has none for them).`,
    );
  const errors = outcomes.flatMap((o) => [
    ...(o.errors > 0
      ? [`${o.label}: ${o.errors} failed step(s) or logged error(s) (out of the figures' trust).`]
      : []),
    ...(o.refusedRequests > 0
      ? [
          `${o.label}: the API refused ${o.refusedRequests} simulated request(s) (e.g. a court event on a dossier prescribed meanwhile).`,
        ]
      : []),
  ]);
  return [
    `What-if on ${comparison.invoicesFile}: ${first?.intake.accepted ?? 0} of ${first?.intake.rows ?? 0} rows accepted into ` +
      `${first?.dossiers ?? 0} dossiers, ${comparison.days} days from ${comparison.start}, seed ${comparison.seed}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...notes,
    ...errors,
    'Same debtors in every column (the demo\'s seeded behaviour model). Complaints risk: docs/architecture.md, "What-if simulator".',
  ].join('\n');
}
