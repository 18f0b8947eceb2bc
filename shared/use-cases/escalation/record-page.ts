import type { Dossier } from '../../domain/dossier';
import { ConflictError } from '../../domain/errors';
import type { PipelineDeps } from './deps';
import { countingTogether } from './page-counts';
import { countPageFailures } from './page-failure';
import type { DossierDecision, DossierFailure, RecordPageInput } from './page-inputs';
import { eachDossier, errorName, pageTenants, refKey, retryTransient } from './page-work';
import { logRecorded, passedOverNotes, type RecordOutcome, recordStep } from './record-step';
import type { FailureDeps } from './record-step-failure';

/** Times a dossier's record is tried again on fresh data after a lost race (a payment arrived). */
export const CONFLICT_ATTEMPTS = 3;

export interface RecordedPage {
  /** Dossiers whose decision was applied (changed) or found applied already. */
  recorded: number;
  changed: number;
  /** Every dossier of the page whose step failed (decide, act or record), counted on the dossier. */
  failed: DossierFailure[];
}

export type RecordPageDeps = Pick<PipelineDeps, 'repository' | 'logger'> &
  Partial<Pick<PipelineDeps, 'tenants' | 'rates'>> &
  FailureDeps;

/**
 * Task `RecordPage`: applies each decision of the page and counts each dossier that failed.
 * 1. read the dossiers to record in one BatchGetItem (consistent);
 * 2. record each decision (record-step.ts, a conditional write on the version read), a few
 *    dossiers at once; a ConflictError (the dossier changed since: a payment arrived) reads THAT
 *    dossier again and records on it, up to CONFLICT_ATTEMPTS times; a transient error is retried;
 * 3. a dossier that failed at any phase (DecidePage, ActOnPage, here) is not recorded: its
 *    schedule stays, so the next sweep steps it again, and its failure is counted (and the
 *    dossier parked after N in a row) by record-step-failure.ts, with the error's name only.
 */
export function recordPage(deps: RecordPageDeps, input: RecordPageInput): Promise<RecordedPage> {
  return countingTogether(deps, () => recordDossiers(deps, input));
}

async function recordDossiers(deps: RecordPageDeps, input: RecordPageInput): Promise<RecordedPage> {
  const actFailed = new Set(input.actFailures.map(refKey));
  const toRecord = input.decisions.filter((d) => !actFailed.has(refKey(d)));
  const stepDeps = { ...deps, ...(deps.tenants ? { tenants: pageTenants(deps.tenants) } : {}) };
  const dossiers = new Map<string, Dossier>();
  if (toRecord.length > 0)
    for (const dossier of await deps.repository.getDossiersByRef(toRecord))
      dossiers.set(refKey(dossier), dossier);
  const notesWritten = await writePassedOverNotes(deps, toRecord, dossiers, input.asOf);
  let recorded = 0;
  let changed = 0;
  const count = (outcome: RecordOutcome | undefined) => {
    if (!outcome) return;
    recorded++;
    if (outcome.changed) changed++;
  };
  // Saves the page makes together (storeDossiers), by dossier: what recordStep would have saved.
  const toSave = new Map<string, { item: DossierDecision; updated: Dossier; outcome: RecordOutcome }>();
  const recordFailures = await eachDossier(toRecord, async (item) => {
    let updated: Dossier | undefined;
    const deferSave = deps.repository.storeDossiers ? (dossier: Dossier) => (updated = dossier) : undefined;
    const outcome = await recordOne(stepDeps, item, input.asOf, dossiers.get(refKey(item)), {
      notesWritten,
      ...(deferSave ? { deferSave } : {}),
    });
    if (updated && outcome) toSave.set(refKey(item), { item, updated, outcome });
    else count(outcome);
  });
  const saveFailures = await saveTogether(stepDeps, [...toSave.values()], input.asOf, count);
  const failed = [...input.failures, ...input.actFailures, ...recordFailures, ...saveFailures];
  await countPageFailures(deps, input.asOf, failed);
  return { recorded, changed, failed };
}

/**
 * The page's passed-over notes (record-step.ts) in one BatchWriteItem before the saves, not one
 * conditional put each (~1 a due dossier in a late-entrusted portfolio). Unconditional: a retry
 * writes the same ids with the same content (its `at` aside). Should the batch fail, each
 * dossier's record writes its own notes, as before.
 */
async function writePassedOverNotes(
  deps: RecordPageDeps,
  toRecord: readonly DossierDecision[],
  dossiers: ReadonlyMap<string, Dossier>,
  asOf: string,
): Promise<boolean> {
  const notes = toRecord.flatMap((item) => {
    const dossier = dossiers.get(refKey(item));
    return dossier ? passedOverNotes(dossier, item.decision, asOf) : [];
  });
  if (notes.length === 0) return true;
  try {
    await retryTransient(() => deps.repository.putEvents(notes));
    return true;
  } catch (error) {
    deps.logger.warn('passed-over notes written one by one', {
      notes: notes.length,
      error: errorName(error),
    });
    return false;
  }
}

/**
 * The page's changed dossiers saved together, 100 a TransactWriteItems where the store has
 * transactions (storeDossiers), each conditional on the version it was read at, as its own save
 * would be. A transaction is all or nothing: the dossiers of one that was cancelled (one of them
 * changed since: a payment arrived) are saved one by one, and the one that changed is recorded
 * again on fresh data (recordOne), as before.
 */
async function saveTogether(
  deps: Parameters<typeof recordStep>[0],
  toSave: { item: DossierDecision; updated: Dossier; outcome: RecordOutcome }[],
  asOf: string,
  count: (outcome: RecordOutcome | undefined) => void,
): Promise<DossierFailure[]> {
  if (toSave.length === 0) return [];
  let stored: boolean[] = toSave.map(() => false);
  try {
    stored =
      (await deps.repository.storeDossiers?.(
        toSave.map(({ updated }) => ({ dossier: updated, isNew: false })),
      )) ?? stored;
  } catch (error) {
    deps.logger.warn('page saves made one by one', { dossiers: toSave.length, error: errorName(error) });
  }
  const alone = toSave.filter((_, index) => !stored[index]);
  for (const [index, { item, updated, outcome }] of toSave.entries())
    if (stored[index]) {
      logRecorded(deps.logger, updated, item.decision.kind);
      count(outcome);
    }
  return eachDossier(
    alone.map(({ item }) => item),
    async (item) => {
      const { updated, outcome } = toSave.find((entry) => entry.item === item)!;
      try {
        await retryTransient(() => deps.repository.saveDossier(updated));
        logRecorded(deps.logger, updated, item.decision.kind);
        count(outcome);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        // Changed since the page read it: recorded again on the dossier as it is now.
        const fresh = await retryTransient(() => deps.repository.getDossier(item.tenantId, item.dossierId));
        count(await recordOne(deps, item, asOf, fresh, { notesWritten: true }));
      }
    },
  );
}

async function recordOne(
  deps: Parameters<typeof recordStep>[0],
  item: DossierDecision,
  asOf: string,
  read: Dossier | undefined,
  options: Parameters<typeof recordStep>[3],
) {
  let dossier = read;
  for (let attempt = 1; dossier; attempt++) {
    const current = dossier;
    try {
      return await retryTransient(() =>
        recordStep(
          deps,
          { tenantId: item.tenantId, dossierId: item.dossierId, asOf, decision: item.decision },
          current,
          // A retry on fresh data saves alone: it lost a race already.
          attempt === 1 ? options : { ...options, deferSave: undefined },
        ),
      );
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= CONFLICT_ATTEMPTS) throw error;
      deps.logger.info('escalation record retried on fresh data', {
        tenantId: item.tenantId,
        dossierId: item.dossierId,
        attempt,
      });
      dossier = await retryTransient(() => deps.repository.getDossier(item.tenantId, item.dossierId));
    }
  }
  return undefined; // gone since the page was decided: nothing to record
}
