import type { DossierFailure, PageFailureInput } from './page-inputs';
import { eachDossier, retryTransient } from './page-work';
import { type FailureDeps, recordStepFailure } from './record-step-failure';

export interface PageFailureOutcome {
  /** Dossiers whose failure was counted. */
  counted: number;
  parked: number;
}

/**
 * Counts each failed dossier of a page (record-step-failure.ts: once per Paris day, parked after
 * N in a row), a few at once. Best effort per dossier: one whose count cannot be written is
 * logged by id and error name, and the others are still counted.
 */
export async function countPageFailures(
  deps: FailureDeps,
  asOf: string,
  failed: readonly DossierFailure[],
): Promise<PageFailureOutcome> {
  let counted = 0;
  let parked = 0;
  const uncounted = await eachDossier(failed, async (failure) => {
    const outcome = await retryTransient(() => recordStepFailure(deps, { ...failure, asOf }));
    counted++;
    if (outcome.parked) parked++;
  });
  for (const { tenantId, dossierId, errorKind } of uncounted)
    deps.logger.error('escalation failure not counted', { tenantId, dossierId, errorKind });
  return { counted, parked };
}

/**
 * Task `RecordPageFailure` (the Catch of a page task that failed after its retries, before
 * StepFailed): the failure counts on every dossier of the page, with the task's error NAME only.
 */
export function recordPageFailure(deps: FailureDeps, input: PageFailureInput): Promise<PageFailureOutcome> {
  return countPageFailures(
    deps,
    input.asOf,
    input.dossiers.map((ref) => ({ ...ref, errorKind: input.errorKind })),
  );
}
