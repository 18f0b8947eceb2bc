import middy from '@middy/core';
import { sweepPageInputSchema } from '../../shared/use-cases/escalation/step-inputs';
import { parseInput } from '../../shared/use-cases/parse-input';
import type { SweepPageResult } from '../../shared/use-cases/sweeps/dispatch-due';
import { type JudicialSweepDeps, scanJudicial } from '../../shared/use-cases/sweeps/scan-judicial';

/** Task `ScanJudicialPage` of the judicial sweep: one judicial step started per due dossier of one shard. */
export function makeHandler(deps: JudicialSweepDeps) {
  return middy<unknown, SweepPageResult>().handler((event) =>
    scanJudicial(deps, parseInput(sweepPageInputSchema, event)),
  );
}
