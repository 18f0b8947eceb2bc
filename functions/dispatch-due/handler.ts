import middy from '@middy/core';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import { sweepPageInputSchema } from '../../shared/use-cases/escalation/step-inputs';
import { parseInput } from '../../shared/use-cases/parse-input';
import { dispatchDue, type SweepPageResult } from '../../shared/use-cases/sweeps/dispatch-due';

/** Task `DispatchDuePage` of the overdue sweep: one page of one shard, hands back a cursor. */
export function makeHandler(
  deps: Pick<PipelineDeps, 'repository' | 'launcher' | 'logger' | 'dispatchBatch' | 'stepPageSize'>,
) {
  return middy<unknown, SweepPageResult>().handler((event) =>
    dispatchDue(deps, parseInput(sweepPageInputSchema, event)),
  );
}
