import type { Logger } from '../../../shared/use-cases/ports';
import { SimulatedClock } from '../clock';
import { plainItemSize } from '../cost/meter';
import { DebtorBehaviour } from '../demo/debtor-behaviour';
import { simulate } from '../demo/simulation';
import { readOutbox } from '../demo/summary';
import { type EmbeddedHooks, startEmbeddedStack } from '../embedded-stack';
import { BENCH_TENANT, BENCH_TENANT_PROFILE, invoiceCsv } from './data';
import { scanAll, seconds, silentLogger, withTempDir } from './support';

export interface PortfolioOptions {
  invoices: number;
  days: number;
  seed: number;
  start?: string;
  hooks?: EmbeddedHooks;
  logger?: Logger;
  /** Sum the sizes of the table's items at the end (storage in the cost model). */
  measureTable?: boolean;
}

export interface PortfolioResult {
  invoices: number;
  dossiers: number;
  days: number;
  intakeSeconds: number;
  simulationSeconds: number;
  seconds: number;
  steps: number;
  failedSteps: number;
  payments: number;
  messages: Record<string, number>;
  /** Errors the pipeline logged (a failed step is logged, counted, and its dossier retried the next day). */
  errors: number;
  firstErrors: string[];
  tableBytes?: number;
}

/**
 * A creditor's portfolio lived through: `invoices` lines through the real intake, then `days`
 * simulated days (prescription sweep 02:00, overdue sweep 06:00, debtors paying or disputing
 * through the API in the afternoon), exactly as the demo runs them.
 */
export async function runPortfolio(options: PortfolioOptions): Promise<PortfolioResult> {
  const start = options.start ?? '2026-01-05';
  return withTempDir('bench-year', async (outDir) => {
    const clock = new SimulatedClock(start, 8);
    const errors: string[] = [];
    const base = options.logger ?? silentLogger;
    const logger: Logger = {
      ...base,
      error: (message, attributes) => {
        errors.push(`${message} ${JSON.stringify(attributes ?? {})}`.slice(0, 300));
        base.error(message, attributes);
      },
    };
    const stack = await startEmbeddedStack({
      outDir,
      logger,
      now: () => new Date(clock.now()),
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
    try {
      const began = performance.now();
      await stack.putIntakeObject(
        `${BENCH_TENANT}/tenant.json`,
        JSON.stringify(BENCH_TENANT_PROFILE),
        clock.now(),
      );
      const [outcome] = await stack.putIntakeObject(
        `${BENCH_TENANT}/${start}/invoices.csv`,
        invoiceCsv(options.invoices, options.seed, start),
        clock.at(8, 30),
      );
      if (outcome?.kind !== 'invoices') throw new Error('the portfolio file was not ingested');
      const intakeSeconds = seconds(began);
      const simulation = await simulate({
        stack,
        clock,
        tenantId: BENCH_TENANT,
        days: options.days,
        behaviour: new DebtorBehaviour(options.seed),
      });
      const total = seconds(began);
      const messages: Record<string, number> = {};
      for (const line of await readOutbox(outDir)) messages[line.channel] = (messages[line.channel] ?? 0) + 1;
      const result: PortfolioResult = {
        invoices: options.invoices,
        dossiers: outcome.report.dossiers,
        days: simulation.days,
        intakeSeconds,
        simulationSeconds: total - intakeSeconds,
        seconds: total,
        steps: stack.launches.started,
        failedSteps: stack.launches.failed,
        payments: simulation.payments,
        messages,
        errors: errors.length,
        firstErrors: errors.slice(0, 5),
      };
      if (options.measureTable) {
        const items = await scanAll(stack.dynamo);
        result.tableBytes = items.reduce((sum, item) => sum + plainItemSize(item), 0);
      }
      return result;
    } finally {
      await stack.stop();
    }
  });
}
