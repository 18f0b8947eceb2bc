import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalDate } from '../../../shared/domain/calendar';
import { type RateCoverage, rateCoverage } from '../../../shared/domain/legal/rate-coverage';
import type { TimelineEvent } from '../../../shared/domain/timeline';
import type { IntakeObjectOutcome } from '../../../shared/use-cases/intake/intake-object';
import { SimulatedClock } from '../clock';
import { startEmbeddedStack } from '../embedded-stack';
import type { FaultCounts, FaultOptions } from '../faults/fault-plan';
import { FileLogger } from '../file-logger';
import { DebtorBehaviour } from './debtor-behaviour';
import { writeDemoReport } from './demo-report';
import { dropEInvoiceSamples } from './e-invoice-samples';
import { type SimulationStats, simulate } from './simulation';
import { type DemoSummary, summarise } from './summary';

/** Shards of the sweep indexes in the demo: each shard is one Map iteration per sweep per day. */
const DEMO_SHARD_COUNT = 4;

export interface DemoOptions {
  invoicesFile: string;
  tenantFile: string;
  outDir: string;
  start: LocalDate;
  days: number;
  seed: number;
  tenantId?: string;
  onDay?: (day: LocalDate, index: number) => void;
  /** Each morning's sweeps run twice (idempotency check). */
  replaySweeps?: boolean;
  /** Folder whose `rates.json` holds the operators' rate overrides (default `data`). */
  dataDir?: string;
  /** Fault injection (`--faults`): adapters fail on this fraction of calls, drawn from the seed. */
  faults?: FaultOptions;
  /** Folder of e-invoices (Factur-X, UBL, CII) dropped after the invoice file, with a platform status feed. */
  eInvoicesDir?: string;
}

export interface DemoResult {
  intake: IntakeObjectOutcome[];
  simulation: SimulationStats;
  summary: DemoSummary;
  launches: { started: number; failed: number };
  /** Every dossier's timeline as the run left it (the embedded table lives in memory only). */
  timelines: Record<string, TimelineEvent[]>;
  /** Whether the rate table covers the last simulated day (the daily check's finding). */
  rates: RateCoverage;
  /** With faults: what was injected per target, and the invocations re-delivered. */
  faults?: { injected: Record<string, FaultCounts>; redelivered: Record<string, number> };
}

/**
 * The main job, embedded: a fresh outbox, the tenant's profile and invoice file dropped in the
 * intake bucket (the real intake path), then `days` simulated days of sweeps and debtor reactions.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const tenantId = options.tenantId ?? 'demo';
  await rm(options.outDir, { recursive: true, force: true });
  const clock = new SimulatedClock(options.start, 8);
  const logger = new FileLogger(join(options.outDir, 'logs', 'pipeline.jsonl'));
  const stack = await startEmbeddedStack({
    outDir: options.outDir,
    logger,
    now: () => new Date(clock.now()),
    // A few dozen dossiers need no more than 4 index shards; AWS keeps 16 (docs/scaling.md).
    shardCount: DEMO_SHARD_COUNT,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
  try {
    await stack.putIntakeObject(`${tenantId}/tenant.json`, await readFile(options.tenantFile), clock.now());
    const intake = await stack.putIntakeObject(
      `${tenantId}/${options.start}/invoices.csv`,
      await readFile(options.invoicesFile),
      clock.at(8, 30),
    );
    if (options.eInvoicesDir)
      intake.push(...(await dropEInvoiceSamples(stack, tenantId, options.eInvoicesDir, clock)));
    const simulation = await simulate({
      stack,
      clock,
      tenantId,
      days: options.days,
      behaviour: new DebtorBehaviour(options.seed),
      paymentPlans: true,
      bankAndAcknowledgment: true,
      lifecycle: true,
      ...(options.onDay ? { onDay: options.onDay } : {}),
      ...(options.replaySweeps ? { replaySweeps: true } : {}),
    });
    const summary = await summarise(stack.repository, tenantId, options.outDir);
    // The run ends with the creditor's report, from the API (issue 14): out/report.html.
    await writeDemoReport({ stack, clock, tenantId, start: options.start, outDir: options.outDir });
    const timelines: Record<string, TimelineEvent[]> = {};
    for (const dossier of summary.dossiers)
      timelines[dossier.dossierId] = await stack.repository.listTimeline(tenantId, dossier.dossierId);
    // What the prescription sweep's daily check found on the last day (docs/legal.md §2, "Rates").
    const rates = rateCoverage((await stack.deps.rates.current()).table, clock.today());
    const faults = stack.faults
      ? { injected: stack.faults.plan.report(), redelivered: stack.faults.stats.redelivered }
      : undefined;
    return {
      intake,
      simulation,
      summary,
      launches: { ...stack.launches },
      timelines,
      rates,
      ...(faults ? { faults } : {}),
    };
  } finally {
    await stack.stop();
    await logger.close();
  }
}
