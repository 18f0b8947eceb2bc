import { type LocalDate, parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError } from '../../domain/errors';
import type { DossierRepository, Logger } from '../ports';
import { changeDossier } from './change-dossier';

export interface ResumeOutcome {
  dossierId: string;
  resumed: boolean;
  nextActionOn: LocalDate | null;
}

/**
 * A person fixed what made the steps fail (a template, the rates file, the debtor's address) and
 * puts a parked dossier back on the ladder (record-step-failure.ts):
 * 1. note it on the timeline (`escalation-resumed`, by the creditor) and close the stuck task;
 * 2. clear `parked` and the failure count: the dossier is back on the sweep index with its
 *    `nextActionOn` (today when it had none), so the next morning's sweep steps it.
 * Resuming a dossier that is not parked is a no-op (`resumed: false`): a repeated click is harmless.
 * A dossier that left the ladder meanwhile (paid, disputed) cannot be resumed: 409.
 */
export async function resumeDossier(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; dossierId: string; receivedAt: string },
): Promise<ResumeOutcome> {
  const { tenantId, dossierId, receivedAt } = input;
  const today = parisDate(receivedAt);
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (dossier) => {
      if (!dossier.parked) return undefined;
      const { parked: _parked, failedSteps: _failed, ...rest } = dossier;
      return {
        ...rest,
        nextActionOn: dossier.nextActionOn ?? today,
        updatedAt: receivedAt,
      } satisfies Dossier;
    },
    // Before the save, idempotently: a crash after it would leave a resumed dossier without its evidence.
    async (dossier) => {
      if (!dossier.parked) return;
      if (dossier.status !== 'open') throw new ConflictError(`dossier ${dossierId} is ${dossier.status}`);
      const parkedOn = dossier.parked.on;
      await deps.repository.appendEvent({
        tenantId,
        dossierId,
        eventId: `${today}#RESUMED#${parkedOn}`,
        type: 'escalation-resumed',
        at: receivedAt,
        day: today,
        actor: 'creditor',
        note: `escalation resumed by a person (parked on ${parkedOn}, ${dossier.parked.errorKind})`,
      });
      const task = await deps.repository.getTask(tenantId, dossierId, `${parkedOn}-stuck`);
      if (task?.status === 'open')
        await deps.repository.putTask({ ...task, status: 'done', outcomeAt: receivedAt });
    },
  );
  const dossier = after ?? before;
  if (after) deps.logger.info('dossier resumed', { tenantId, dossierId });
  return { dossierId, resumed: Boolean(after), nextActionOn: dossier.nextActionOn ?? null };
}
