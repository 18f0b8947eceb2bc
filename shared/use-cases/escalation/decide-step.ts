import { parisDate } from '../../domain/calendar';
import { DEFAULT_CONTACT_POLICY } from '../../domain/contact-policy';
import { decideNextStep, type StepDecision } from '../../domain/escalation';
import { resolveScenario } from '../../domain/scenario-catalog';
import { findTenant } from '../find-tenant';
import type { DossierWithTimeline, EscalationInput } from '../ports';
import type { PipelineDeps } from './deps';

/**
 * First task of the escalation step.
 * 1. load the dossier and its timeline; 2. apply the guards and the scenario (pure domain);
 * 3. return the decision — nothing is written here, so a retry is free.
 * `preloaded`: the dossier and timeline a page read in one Query (decide-page.ts).
 */
export async function decideStep(
  deps: Pick<PipelineDeps, 'repository' | 'tenants' | 'logger'>,
  input: EscalationInput,
  preloaded?: DossierWithTimeline,
): Promise<StepDecision> {
  const day = parisDate(input.asOf);
  const dossier = preloaded?.dossier ?? (await deps.repository.getDossier(input.tenantId, input.dossierId));
  if (!dossier) return { kind: 'none', day, reason: 'no such dossier' };
  const timeline =
    preloaded?.timeline ?? (await deps.repository.listTimeline(input.tenantId, input.dossierId));
  const tenant = await findTenant(deps.tenants, input.tenantId);
  const policy = { ...DEFAULT_CONTACT_POLICY, ...tenant?.contactPolicy };
  const decision = decideNextStep(dossier, resolveScenario(dossier.scenarioId, tenant), timeline, day, {
    at: input.asOf,
    policy,
    ...(tenant?.promiseGraceDays !== undefined ? { promiseGraceDays: tenant.promiseGraceDays } : {}),
  });
  deps.logger.info('escalation decided', {
    tenantId: input.tenantId,
    dossierId: input.dossierId,
    kind: decision.kind,
    scenarioLevel: decision.kind === 'act' ? decision.level : undefined,
  });
  return decision;
}
