import { findTenant } from '../find-tenant';
import type { DossierWithTimeline } from '../ports';
import { decideStep } from './decide-step';
import type { PipelineDeps } from './deps';
import type { DecidedPage, DossierDecision, PageInput } from './page-inputs';
import { eachDossier, pageTenants, refKey, retryTransient } from './page-work';

/**
 * Task `DecidePage` of statemachines/escalation.asl.json: what each dossier of the page must do.
 * 1. read every dossier with its timeline, one Query per dossier partition (readStepPage), and
 *    each tenant's profile once for the page;
 * 2. decide each dossier (decide-step.ts: the guards and the ladder, pure domain);
 * 3. hand on the decisions that do something ('none' is dropped: nothing to act on or record),
 *    and, per dossier, the error of one that could not be decided.
 * Nothing is written, so the task may be retried whole.
 */
export async function decidePage(
  deps: Pick<PipelineDeps, 'repository' | 'tenants' | 'logger'>,
  input: PageInput,
): Promise<DecidedPage> {
  const tenants = pageTenants(deps.tenants);
  const read = new Map<string, DossierWithTimeline>();
  for (const found of await deps.repository.readStepPage(input.dossiers))
    read.set(refKey(found.dossier), found);
  // Every tenant of the page read before the decisions, each once (pageTenants shares the read).
  await Promise.all([...new Set(input.dossiers.map((d) => d.tenantId))].map((t) => findTenant(tenants, t)));
  const decided = new Map<string, DossierDecision>();
  const failures = await eachDossier(input.dossiers, async (ref) => {
    const preloaded = read.get(refKey(ref));
    if (!preloaded) return; // gone since the sweep read its index: nothing to do
    const decision = await retryTransient(() =>
      decideStep({ ...deps, tenants }, { ...ref, asOf: input.asOf }, preloaded),
    );
    if (decision.kind !== 'none') decided.set(refKey(ref), { ...ref, decision });
  });
  // In the page's order, whatever order the decisions finished in: a replay hands on the same list.
  const decisions = input.dossiers.flatMap((ref) => decided.get(refKey(ref)) ?? []);
  return { decisions, failures, count: decisions.length + failures.length };
}
