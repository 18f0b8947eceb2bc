import { bundleRows } from './bundle-report';
import type { BundlesResult } from './bundles';
import type { ChildMeasurement } from './child';
import type { IntakeBenchResult } from './intake';
import type { IntakeMemoryResult } from './intake-memory';
import type { SweepBenchResult } from './sweep';
import type { PortfolioResult } from './year';

/** The issue's targets (README, Performance). */
export const TARGETS = {
  intakeSeconds: 60,
  intakeRatio: 0.7,
  intakePeakRssMb: 512,
  sweepSeconds: 60,
  sweepRatio: 0.5,
  yearSeconds: 120,
  bundleBytes: 300 * 1024,
  initMs: 100,
  usdPer1000DossierMonths: 0.25,
};

export interface CostLine {
  sampleInvoices: number;
  sampleDossiers: number;
  months: number;
  expressUsdPer1000: number;
  standardUsdPer1000: number;
  messagesUsdPer1000: number;
}

export interface BenchResults {
  at: string;
  scale: number;
  seed: number;
  node: string;
  cpus: number;
  loadAverage: number[];
  intake?: ChildMeasurement<IntakeBenchResult>;
  /** The intake alone in its process (intake-memory.ts): peak RSS of a 200,000-row file at scale 1. */
  intakeMemory?: ChildMeasurement<IntakeMemoryResult>;
  sweep?: ChildMeasurement<SweepBenchResult>;
  year?: ChildMeasurement<PortfolioResult>;
  bundles?: ChildMeasurement<BundlesResult>;
  cost?: ChildMeasurement<unknown> & { line: CostLine };
}

const f1 = (v: number) => v.toFixed(1);
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

/** One row per figure: what, measured, target, verdict, and the peak RSS of its run. */
export function formatReport(r: BenchResults): string {
  const rows: string[][] = [['measurement', 'figure', 'target', '', 'peak RSS']];
  // The time targets are set for the full-size runs: a scaled-down run says nothing about them.
  const timed = (ok: boolean) => (r.scale === 1 ? mark(ok) : `n/a at scale ${r.scale}`);
  if (r.intake) {
    const i = r.intake.result;
    rows.push([
      `intake ${i.rows.toLocaleString('en-US')} rows${i.store ? ` (${i.store})` : ''}`,
      `${f1(i.seconds)} s, ${Math.round(i.rowsPerSecond)} rows/s`,
      `≤ ${TARGETS.intakeSeconds} s`,
      timed(i.seconds <= TARGETS.intakeSeconds),
      `${r.intake.peakRssMb} MB`,
    ]);
    rows.push([
      '  vs raw BatchWriteItem',
      `${i.ratio.toFixed(2)} (floor ${Math.round(i.floorRowsPerSecond)} rows/s, ${i.items} items)`,
      `≥ ${TARGETS.intakeRatio}`,
      mark(i.ratio >= TARGETS.intakeRatio),
      '',
    ]);
    rows.push([
      '  conditional PutItem floor',
      `${Math.round(i.conditionalPutItemsPerSecond)} items/s → ${Math.round((i.conditionalPutItemsPerSecond * i.rows) / i.items)} rows/s`,
      'info',
      '',
      '',
    ]);
  }
  if (r.intakeMemory) {
    const m = r.intakeMemory.result;
    rows.push([
      `intake alone ${m.rows.toLocaleString('en-US')} rows (streamed, table in another process)`,
      `${f1(m.seconds)} s, ${Math.round(m.rows / m.seconds)} rows/s`,
      `≤ ${TARGETS.intakePeakRssMb} MB`,
      mark(r.intakeMemory.peakRssMb <= TARGETS.intakePeakRssMb),
      `${r.intakeMemory.peakRssMb} MB`,
    ]);
  }
  if (r.sweep) {
    const s = r.sweep.result;
    rows.push([
      `overdue sweep ${s.due.toLocaleString('en-US')} due of ${s.dossiers.toLocaleString('en-US')}`,
      `${f1(s.seconds)} s, ${Math.round(s.dossiersPerSecond)} dossiers/s, ${s.messages} messages`,
      `≤ ${TARGETS.sweepSeconds} s`,
      s.failedSteps === 0 && s.steps === s.due ? timed(s.seconds <= TARGETS.sweepSeconds) : 'MISSED',
      `${r.sweep.peakRssMb} MB`,
    ]);
    if (s.steps !== s.due)
      rows.push([
        '  steps run',
        `${s.steps} of ${s.due} due (${s.errors ?? '?'} errors logged): figures not comparable`,
        `${s.due}`,
        'MISSED',
        '',
      ]);
    rows.push([
      '  vs query + conditional update',
      `${s.ratio.toFixed(2)} (floor ${Math.round(s.floorDossiersPerSecond)} dossiers/s)`,
      `≥ ${TARGETS.sweepRatio}`,
      mark(s.ratio >= TARGETS.sweepRatio),
      '',
    ]);
    const perStep = Object.entries(s.requestsPerStep ?? {});
    if (perStep.length > 0)
      rows.push([
        '  DynamoDB requests per dossier',
        `${f1(perStep.reduce((sum, [, n]) => sum + n, 0))} (${perStep.map(([op, n]) => `${op} ${n}`).join(', ')}); floor ~1`,
        'info',
        '',
        '',
      ]);
  }
  if (r.year) {
    const y = r.year.result;
    rows.push([
      `year: ${y.invoices.toLocaleString('en-US')} invoices, ${y.days} days`,
      `${f1(y.seconds)} s (intake ${f1(y.intakeSeconds)} s), ${y.steps} steps, ${y.failedSteps} failed`,
      `≤ ${TARGETS.yearSeconds} s`,
      y.failedSteps === 0 ? timed(y.seconds <= TARGETS.yearSeconds) : 'MISSED',
      `${r.year.peakRssMb} MB`,
    ]);
    if (y.failedSteps > 0)
      rows.push(['  first error', (y.firstErrors?.[0] ?? 'none logged').slice(0, 120), 'none', 'MISSED', '']);
  }
  if (r.bundles)
    rows.push(...bundleRows(r.bundles.result, { bytes: TARGETS.bundleBytes, initMs: TARGETS.initMs }));
  if (r.cost) {
    const c = r.cost.line;
    rows.push([
      `cost (${c.sampleDossiers} dossiers × ${c.months} months)`,
      `${c.expressUsdPer1000.toFixed(3)} USD / 1,000 dossier-months (Express; Standard ${c.standardUsdPer1000.toFixed(3)})`,
      `≤ ${TARGETS.usdPer1000DossierMonths}`,
      mark(c.expressUsdPer1000 <= TARGETS.usdPer1000DossierMonths),
      `${r.cost.peakRssMb} MB`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(rows[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(1).map(line),
    '',
    `scale ${r.scale}, seed ${r.seed}, ${r.node}, ${r.cpus} cores, load average at start ${r.loadAverage.map((v) => v.toFixed(1)).join(' ')}.`,
    'dynalite (its own thread) writes ~1,000 items/s one by one, ~3,700 in batches: absolute times measure the embedded store; the ratios, measured in the same run, measure our overhead.',
  ].join('\n');
}
