import { type LocalDate, parisDate } from '../../domain/calendar';
import { ConflictError, NotFoundError } from '../../domain/errors';
import {
  type DocumentHold,
  documentHold,
  ERASED,
  type ErasureReason,
  erasedDossier,
  erasedEvent,
  erasureRefusal,
  eventHasPersonalData,
} from '../../domain/personal-data';
import type { TimelineEvent } from '../../domain/timeline';
import type { DossierRepository, Logger } from '../ports';
import {
  type DocumentEraser,
  type DossierTaskList,
  type HeldDocument,
  heldDocuments,
} from './debtor-documents';

/** The erasure's own timeline event: one per dossier, so a second erasure writes nothing new. */
export const ERASURE_EVENT_ID = 'PERSONAL-DATA-ERASED';

const LEGAL_BASIS: Record<ErasureReason, string[]> = {
  request: ['RGPD art. 17(1)'],
  retention: ['RGPD art. 5(1)(e)', 'C.civ. 2224'],
};

export interface ErasureDeps {
  repository: DossierRepository;
  tasks: DossierTaskList;
  documents: DocumentEraser;
  logger: Logger;
}

export interface ErasureOutcome {
  debtorId: string;
  erasedOn: LocalDate;
  reason: ErasureReason;
  /** True when the data were erased before this call: nothing more was changed. */
  alreadyErased: boolean;
  deletedDocuments: Omit<HeldDocument, 'on'>[];
  /** Kept by a legal obligation, each with its reason and articles (docs/personal-data.md, "Legal holds"). */
  keptDocuments: (Omit<HeldDocument, 'on'> & DocumentHold)[];
}

/**
 * Erases a debtor's personal data, on request (RGPD art. 17) or past retention (art. 5(1)(e)).
 * 1. read the dossier; refuse (409) while the claim is pursued or in court (art. 17(3)(e));
 * 2. anonymise the debtor in the dossier (money, invoices and dates stay: the claim survives);
 * 3. drop the free-text notes of its events and tasks;
 * 4. delete its documents, except those a legal obligation keeps (listed with the reason);
 * 5. append one `personal-data-erased` event, without personal data.
 * Each step is idempotent: a second call (or a retry after a crash) changes nothing more.
 */
export async function erasePersonalData(
  deps: ErasureDeps,
  input: { tenantId: string; debtorId: string; reason: ErasureReason; at: string },
): Promise<ErasureOutcome> {
  const { tenantId, debtorId, reason, at } = input;
  const today = parisDate(at);
  const dossier = await deps.repository.getDossier(tenantId, debtorId);
  if (!dossier) throw new NotFoundError(`debtor ${debtorId} not found`);
  // A dossier reopened by new invoices after an erasure holds new data: erased in turn.
  const previous = dossier.debtor.name === ERASED ? dossier.personalDataErased : undefined;
  if (!previous) {
    const refusal = erasureRefusal(dossier);
    if (refusal) throw new ConflictError(`personal data of ${debtorId} not erased: ${refusal}`);
  }
  const erasure = previous ?? { on: today, reason };
  if (!previous)
    await deps.repository.saveDossier({
      ...erasedDossier(dossier, erasure),
      updatedAt: at,
      version: dossier.version + 1,
    });

  const timeline = await deps.repository.listTimeline(tenantId, debtorId);
  const noted = timeline.filter(eventHasPersonalData);
  if (noted.length > 0) await deps.repository.putEvents(noted.map(erasedEvent));
  const tasks = await deps.tasks.listDossierTasks(tenantId, debtorId);
  for (const task of tasks.filter((t) => t.note !== undefined)) {
    const { note: _note, ...rest } = task;
    await deps.repository.putTask(rest);
  }

  const deletedDocuments: ErasureOutcome['deletedDocuments'] = [];
  const keptDocuments: ErasureOutcome['keptDocuments'] = [];
  for (const { on, ...document } of heldDocuments(dossier, timeline)) {
    const hold = documentHold(document.kind, dossier, today, on);
    if (hold) keptDocuments.push({ ...document, ...hold });
    else {
      await deps.documents.delete(document.key);
      deletedDocuments.push(document);
    }
  }

  const event: TimelineEvent = {
    tenantId,
    dossierId: debtorId,
    eventId: ERASURE_EVENT_ID,
    type: 'personal-data-erased',
    at,
    day: erasure.on,
    actor: erasure.reason === 'request' ? 'creditor' : 'pipeline',
    legalBasis: LEGAL_BASIS[erasure.reason],
  };
  await deps.repository.appendEvent(event);
  deps.logger.info('personal data erased', {
    tenantId,
    dossierId: debtorId,
    reason: erasure.reason,
    deleted: deletedDocuments.length,
    kept: keptDocuments.length,
  });
  return {
    debtorId,
    erasedOn: erasure.on,
    reason: erasure.reason,
    alreadyErased: previous !== undefined,
    deletedDocuments,
    keptDocuments,
  };
}
