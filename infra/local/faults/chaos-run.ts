import { join } from 'node:path';
import { type DemoOptions, type DemoResult, runDemo } from '../demo/run-demo';
import { readOutbox } from '../demo/summary';
import { type ChaosReport, compareRuns } from './chaos-check';
import type { FaultTarget } from './fault-plan';

/** Both runs are the demo's on the same files, days and seed (run-demo.ts), plus the faults. */
export interface ChaosRunOptions
  extends Pick<DemoOptions, 'invoicesFile' | 'tenantFile' | 'start' | 'days' | 'seed' | 'dataDir'> {
  /** `<outDir>/clean` and `<outDir>/faulty` hold the two runs' outboxes. */
  outDir: string;
  rate: number;
  targets?: readonly FaultTarget[];
  /** Attempts per call before a fault reaches the code (3: the AWS SDK's standard mode). */
  attempts?: number;
}

export interface ChaosRun {
  report: ChaosReport;
  clean: DemoResult;
  faulty: DemoResult;
}

/**
 * The demo twice with the same seed, without and with faults, and the comparison of what went
 * out and how the dossiers ended (chaos-check.ts). The debtors' behaviour and the faults both
 * come from the seed, so a finding replays.
 */
export async function runChaos(options: ChaosRunOptions): Promise<ChaosRun> {
  const common = {
    invoicesFile: options.invoicesFile,
    tenantFile: options.tenantFile,
    start: options.start,
    days: options.days,
    seed: options.seed,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  };
  const cleanDir = join(options.outDir, 'clean');
  const faultyDir = join(options.outDir, 'faulty');
  const clean = await runDemo({ ...common, outDir: cleanDir });
  const faulty = await runDemo({
    ...common,
    outDir: faultyDir,
    faults: {
      rate: options.rate,
      seed: options.seed,
      ...(options.targets ? { targets: options.targets } : {}),
      ...(options.attempts ? { attempts: options.attempts } : {}),
    },
  });
  const report = compareRuns(
    { outbox: await readOutbox(cleanDir), summary: clean.summary },
    { outbox: await readOutbox(faultyDir), summary: faulty.summary },
  );
  return { report, clean, faulty };
}
