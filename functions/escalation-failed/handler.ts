import middy from '@middy/core';
import { type PageFailureOutcome, recordPageFailure } from '../../shared/use-cases/escalation/page-failure';
import { pageFailureInputSchema } from '../../shared/use-cases/escalation/page-inputs';
import type { FailureDeps } from '../../shared/use-cases/escalation/record-step-failure';
import { parseInput } from '../../shared/use-cases/parse-input';

/**
 * Task `RecordPageFailure` (the escalation's Catch, before StepFailed): counts the failed step on
 * each dossier of the page and parks those at the threshold. Gets the error's name only, never its Cause.
 */
export function makeHandler(deps: FailureDeps) {
  return middy<unknown, PageFailureOutcome>().handler((event) =>
    recordPageFailure(deps, parseInput(pageFailureInputSchema, event)),
  );
}
