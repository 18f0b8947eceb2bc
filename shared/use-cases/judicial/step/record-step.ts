import { judicialCheckDay } from '../../../domain/judicial/judicial-step';
import { type JudicialStepDeps, loadForStep, type RecordInput } from './deps';

/**
 * Task `RecordStep`, the judicial step's last: what was due today and nothing rescheduled (a
 * court file built, a follow-up done, a wait ended) leaves the sweep's index, so the same day's
 * second sweep starts nothing, and the next check day is what the watches set.
 */
export async function recordJudicialStep(
  deps: Pick<JudicialStepDeps, 'repository' | 'logger'>,
  input: RecordInput,
): Promise<{ nextCheckOn: string | null }> {
  const { dossier, day } = await loadForStep(deps, input);
  const judicial = dossier.judicial;
  // A step on the claim's declaration leaves a court check due the same day for tomorrow's step.
  if (judicial && dossier.status === 'judicial' && input.stage !== 'claim-declaration') {
    const { nextCheckOn, followUpOn, ...rest } = judicial;
    const keepCheck = nextCheckOn !== undefined && nextCheckOn > day;
    const keepFollowUp = followUpOn !== undefined && followUpOn > day;
    const passed = (nextCheckOn !== undefined && !keepCheck) || (followUpOn !== undefined && !keepFollowUp);
    if (passed) {
      await deps.repository.saveDossier({
        ...dossier,
        judicial: {
          ...rest,
          ...(keepCheck ? { nextCheckOn } : {}),
          ...(keepFollowUp ? { followUpOn } : {}),
        },
        updatedAt: input.asOf,
        version: dossier.version + 1,
      });
    }
  }
  const after = await deps.repository.getDossier(input.tenantId, input.dossierId);
  const next = after ? (judicialCheckDay(after) ?? null) : null;
  deps.logger.info('judicial step recorded', {
    tenantId: input.tenantId,
    dossierId: input.dossierId,
    nextCheckOn: next,
  });
  return { nextCheckOn: next };
}
