/**
 * Child-process entry of the benchmark: one measurement per process, so each has its own
 * peak RSS and none inherits another's heap. Prints one line `BENCH_RESULT <json>`.
 * Run as `node --import tsx infra/local/bench/runner.ts <measurement> '<options json>'`.
 */
import '../polyfills';
import { measureRun } from '../cost/measure';
import { benchBundles } from './bundles';
import { benchIntake } from './intake';
import { intakeAlone } from './intake-memory';
import { peakRssMb } from './support';
import { benchSweep } from './sweep';
import { runPortfolio } from './year';

export const MEASUREMENTS = {
  intake: benchIntake,
  'intake-alone': intakeAlone,
  sweep: benchSweep,
  year: runPortfolio,
  bundles: benchBundles,
  cost: measureRun,
} as const;

export type MeasurementName = keyof typeof MEASUREMENTS;

const [name, json] = process.argv.slice(2);
const measure = MEASUREMENTS[name as MeasurementName] as ((options: unknown) => Promise<unknown>) | undefined;
if (!measure) {
  process.stderr.write(`unknown measurement ${name}\n`);
  process.exit(2);
}
const result = await measure(JSON.parse(json ?? '{}'));
process.stdout.write(`BENCH_RESULT ${JSON.stringify({ result, peakRssMb: peakRssMb() })}\n`);
