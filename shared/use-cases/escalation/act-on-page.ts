import type { Dossier } from '../../domain/dossier';
import { NotFoundError } from '../../domain/errors';
import type { EscalationAction } from '../../domain/escalation';
import { claimDayOf } from '../../domain/level-claims';
import { actionEventId, type TimelineEvent } from '../../domain/timeline';
import type { DossierRef } from '../ports';
import { actionClaim } from './action-claim';
import { countingTogether } from './page-counts';
import type { ActPageInput, DossierDecision, DossierFailure } from './page-inputs';
import { eachDossier, errorName, pageTenants, refKey, retryTransient } from './page-work';
import { type ActDeps, type ActionResult, performAction } from './perform-action';

export interface ActedPage {
  /** Dossiers of which an action still failed after its retries: RecordPage counts them. */
  failures: DossierFailure[];
  /** Actions by outcome: sent now, sent by an earlier run (claimed and done), skipped. */
  actions: Record<ActionResult['status'], number>;
}

/**
 * Task `ActOnPage`: every action of every 'act' decision of the page.
 * 1. read the acting dossiers in one BatchGetItem (consistent);
 * 2. per dossier, a few dossiers at once: perform each of its actions (perform-action.ts claims
 *    each (dossier, day, level, channel) on the timeline first, so a page run twice sends nothing
 *    twice), a transient error retried here a bounded number of times;
 * 3. a dossier whose action still fails is handed back by its error's name; its other actions
 *    were still tried (as the per-channel Map did), and the other dossiers go on;
 * 4. the 'done' marks of the page's sends, together (markDone below).
 */
export function actOnPage(deps: ActDeps, input: ActPageInput): Promise<ActedPage> {
  return countingTogether(deps, () => actOnDossiers(deps, input));
}

async function actOnDossiers(deps: ActDeps, input: ActPageInput): Promise<ActedPage> {
  const actions: ActedPage['actions'] = { sent: 0, 'already-sent': 0, skipped: 0 };
  const acting = input.decisions.filter((d) => d.decision.kind === 'act' && d.decision.actions.length > 0);
  if (acting.length === 0) return { failures: [], actions };
  const tenants = pageTenants(deps.tenants);
  const dossiers = new Map<string, Dossier>();
  for (const dossier of await deps.repository.getDossiersByRef(acting))
    dossiers.set(refKey(dossier), dossier);
  const claimed = await claimTogether(deps, acting, dossiers, input.asOf);
  const doneMarks = new Map<string, TimelineEvent[]>();
  const failures = await eachDossier(acting, async (item) => {
    const dossier = dossiers.get(refKey(item));
    if (!dossier) throw new NotFoundError(`dossier ${item.dossierId} not found`);
    if (item.decision.kind !== 'act') return;
    const marks: TimelineEvent[] = [];
    doneMarks.set(refKey(item), marks);
    let failed: unknown;
    for (const action of item.decision.actions) {
      try {
        const result = await retryTransient(() =>
          performAction(
            { ...deps, tenants },
            { tenantId: item.tenantId, dossierId: item.dossierId, asOf: input.asOf, action },
            dossier,
            {
              claimed: claimed.has(claimKey(item, action)),
              ...(deps.repository.markEventsDone
                ? { deferDone: (done: TimelineEvent) => marks.push(done) }
                : {}),
            },
          ),
        );
        actions[result.status]++;
      } catch (error) {
        failed ??= error;
      }
    }
    if (failed) throw failed;
  });
  const markFailures = await markDone(deps, doneMarks, new Set(failures.map(refKey)));
  return { failures: [...failures, ...markFailures], actions };
}

const claimKey = (ref: DossierRef, action: EscalationAction) =>
  `${refKey(ref)}\u0000${actionEventId(claimDayOf(action), action.level, action.channel)}`;

/**
 * The claims of the page's actions written together, 100 a TransactWriteItems, where the store
 * has transactions (DossierRepository.appendEvents): one request, not one conditional put each.
 * Returns the claims it wrote. A transaction is all or nothing: one whose claim existed (the page
 * run again) wrote none, and each of its actions claims alone in performAction, as before, which
 * finds what is there ('done': sent already; 'pending': sent again through the messenger).
 */
async function claimTogether(
  deps: ActDeps,
  acting: readonly DossierDecision[],
  dossiers: ReadonlyMap<string, Dossier>,
  asOf: string,
): Promise<Set<string>> {
  const { appendEvents } = deps.repository;
  const claimed = new Set<string>();
  if (!appendEvents) return claimed;
  const claims: { key: string; claim: TimelineEvent }[] = [];
  for (const item of acting) {
    const dossier = dossiers.get(refKey(item));
    if (!dossier || item.decision.kind !== 'act') continue;
    for (const action of item.decision.actions)
      claims.push({ key: claimKey(item, action), claim: actionClaim(dossier, action, asOf) });
  }
  if (claims.length === 0) return claimed;
  try {
    const written = await appendEvents.call(
      deps.repository,
      claims.map(({ claim }) => claim),
    );
    for (const [index, { key }] of claims.entries()) if (written[index]) claimed.add(key);
  } catch (error) {
    // Not written, or written and not known: each action claims alone (a written one is found).
    deps.logger.warn('page claims written one by one', { claims: claims.length, error: errorName(error) });
  }
  return claimed;
}

/**
 * The page's 'done' marks in one batch write (~2 requests a page, not one UpdateItem a send). If
 * the batch fails, each dossier's marks are written one by one; a dossier whose mark still fails
 * is handed back as failed (not recorded: the next sweep steps it again, and the messenger's
 * evidence answers for what went out), as when its mark failed inside performAction.
 */
async function markDone(
  deps: ActDeps,
  doneMarks: ReadonlyMap<string, TimelineEvent[]>,
  failedAlready: ReadonlySet<string>,
): Promise<DossierFailure[]> {
  const all = [...doneMarks.values()].flat();
  const { markEventsDone } = deps.repository;
  if (all.length === 0 || !markEventsDone) return [];
  try {
    await retryTransient(() => markEventsDone.call(deps.repository, all));
    return [];
  } catch (error) {
    deps.logger.warn('done marks written one by one', { marks: all.length, error: errorName(error) });
  }
  // A dossier that failed already still gets the marks of the sends it did make.
  const refs = [...doneMarks.values()].flatMap((marks) => (marks[0] ? [marks[0]] : []));
  const failed = await eachDossier(refs, async (ref) => {
    for (const mark of doneMarks.get(refKey(ref)) ?? [])
      await retryTransient(() => deps.repository.markEventDone(mark));
  });
  return failed.filter((failure) => !failedAlready.has(refKey(failure)));
}
