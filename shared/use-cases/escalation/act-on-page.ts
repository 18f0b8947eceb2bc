import type { Dossier } from '../../domain/dossier';
import { NotFoundError } from '../../domain/errors';
import { countingTogether } from './page-counts';
import type { ActPageInput, DossierFailure } from './page-inputs';
import { eachDossier, pageTenants, refKey, retryTransient } from './page-work';
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
 *    were still tried (as the per-channel Map did), and the other dossiers go on.
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
  const failures = await eachDossier(acting, async (item) => {
    const dossier = dossiers.get(refKey(item));
    if (!dossier) throw new NotFoundError(`dossier ${item.dossierId} not found`);
    if (item.decision.kind !== 'act') return;
    let failed: unknown;
    for (const action of item.decision.actions) {
      try {
        const result = await retryTransient(() =>
          performAction(
            { ...deps, tenants },
            { tenantId: item.tenantId, dossierId: item.dossierId, asOf: input.asOf, action },
            dossier,
          ),
        );
        actions[result.status]++;
      } catch (error) {
        failed ??= error;
      }
    }
    if (failed) throw failed;
  });
  return { failures, actions };
}
