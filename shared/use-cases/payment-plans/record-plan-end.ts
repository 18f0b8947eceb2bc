import { parisDate } from '../../domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../domain/dossier';
import type { StepDecision } from '../../domain/escalation';
import { endPlan } from '../../domain/payment-plan';
import type { DossierRepository } from '../ports';

/**
 * The escalation step ended a payment plan (decideNextStep's hook): the lapse (déchéance du
 * terme) or the plan kept goes on the timeline, once (its id is the plan's), and the dossier to
 * write carries the plan's new status. Undefined when the decision ended no plan.
 */
export async function recordPlanEnd(
  repository: Pick<DossierRepository, 'appendEvent'>,
  dossier: Dossier,
  decision: StepDecision,
  asOf: string,
): Promise<Dossier | undefined> {
  const end = decision.planEnded;
  if (!end || dossier.status !== 'open') return undefined;
  const plan = dossier.paymentPlans?.find((p) => p.planId === end.planId && p.status === 'active');
  if (!plan) return undefined;
  const day = parisDate(asOf);
  const balance = dossierOutstandingCents(dossier);
  const lapsed = end.status === 'lapsed';
  await repository.appendEvent({
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    eventId: `${day}#PLAN#${plan.planId}#${lapsed ? 'LAPSED' : 'COMPLETED'}`,
    type: lapsed ? 'payment-plan-lapsed' : 'payment-plan-completed',
    at: asOf,
    day,
    actor: 'pipeline',
    amountCents: balance,
    ...(lapsed
      ? {
          legalBasis: [
            'déchéance du terme (the plan granted a term: C.civ. 1305)',
            'C.civ. 1225 al. 2, 1344 (after an unheeded notice)',
          ],
        }
      : {}),
    note: lapsed
      ? `${end.reason}: the plan lapsed, the ladder resumes on the whole balance (${balance} cents)`
      : `${end.reason}: the ladder resumes on what is left (${balance} cents)`,
  });
  return endPlan(dossier, end, day);
}
