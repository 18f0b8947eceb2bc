import middy from '@middy/core';
import {
  type FailureDeps,
  type FailureOutcome,
  recordStepFailure,
} from '../../shared/use-cases/escalation/record-step-failure';
import { failureInputSchema } from '../../shared/use-cases/escalation/step-inputs';
import { parseInput } from '../../shared/use-cases/parse-input';

/**
 * Task `RecordFailure` (the escalation's Catch, before StepFailed): counts the failed step and
 * parks the dossier at the threshold. Gets the error's name only, never its Cause.
 */
export function makeHandler(deps: FailureDeps) {
  return middy<unknown, FailureOutcome>().handler((event) =>
    recordStepFailure(deps, parseInput(failureInputSchema, event)),
  );
}
