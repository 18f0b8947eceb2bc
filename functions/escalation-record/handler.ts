import middy from '@middy/core';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import { type RecordOutcome, recordStep } from '../../shared/use-cases/escalation/record-step';
import { type RecordInput, recordInputSchema } from '../../shared/use-cases/escalation/step-inputs';
import { parseInput } from '../../shared/use-cases/parse-input';

/**
 * Task `Record`: applies the decision to the dossier with a conditional write. A lost race
 * throws ConflictError, which the state machine retries by name (see the ASL's Retry).
 */
export function makeHandler(
  deps: Pick<PipelineDeps, 'repository' | 'logger'> & Partial<Pick<PipelineDeps, 'tenants' | 'rates'>>,
) {
  return middy<unknown, RecordOutcome>().handler((event) =>
    recordStep(deps, parseInput(recordInputSchema, event) as RecordInput),
  );
}
