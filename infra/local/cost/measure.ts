import { silentLogger } from '../bench/support';
import { runPortfolio } from '../bench/year';
import { emptyUsage, meteringHooks, meterLogger } from './meter';
import { ASSUMPTIONS, type Bill, priceRun, type RunCounts } from './model';

export interface CostRunOptions {
  /** Invoices in the measured sample (about 2 per dossier). */
  invoices: number;
  months: number;
  seed: number;
}

/**
 * Runs a metered embedded portfolio (the year simulation's path, every port counted) for
 * `months` simulated months and returns the counts the cost model prices.
 */
export async function measureRun(options: CostRunOptions): Promise<RunCounts & { seconds: number }> {
  const usage = emptyUsage();
  const days = Math.round(options.months * ASSUMPTIONS.daysPerMonth);
  const result = await runPortfolio({
    invoices: options.invoices,
    days,
    seed: options.seed,
    hooks: meteringHooks(usage),
    logger: meterLogger(silentLogger, usage),
    measureTable: true,
  });
  return {
    usage,
    dossiers: result.dossiers,
    days: result.days,
    seconds: result.seconds,
    ...(result.tableBytes !== undefined ? { tableBytes: result.tableBytes } : {}),
  };
}

export interface CostComparison {
  express: Bill;
  standard: Bill;
}

export function compareEscalationTypes(run: RunCounts, dossiers: number, months: number): CostComparison {
  return {
    express: priceRun(run, { dossiers, months, escalationType: 'EXPRESS' }),
    standard: priceRun(run, { dossiers, months, escalationType: 'STANDARD' }),
  };
}
