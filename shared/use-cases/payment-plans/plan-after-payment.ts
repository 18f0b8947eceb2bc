import { parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { activePlan, endPlan } from '../../domain/payment-plan';
import { planProgress } from '../../domain/payment-plan-progress';
import type { DossierRepository } from '../ports';

/**
 * A payment that closes the dossier keeps its running plan: the plan ends `completed` in the same
 * write as the payment (record-payment.ts). The payment itself is imputed by the legal engine as
 * any other; the plan only counts it against its instalments (payment-plan-progress.ts).
 */
export function completePlanOnClose(dossier: Dossier, receivedAt: string): Dossier {
  const plan = activePlan(dossier.paymentPlans);
  if (!plan || dossier.status !== 'paid') return dossier;
  return endPlan(
    dossier,
    { planId: plan.planId, status: 'completed', reason: 'the dossier is paid' },
    parisDate(receivedAt),
  );
}

/** The plan kept, on the timeline, once (the id is the plan's, as the step's would be). */
export async function notePlanAfterPayment(
  repository: Pick<DossierRepository, 'appendEvent'>,
  dossier: Dossier,
  receivedAt: string,
): Promise<void> {
  const day = parisDate(receivedAt);
  const plan = dossier.paymentPlans?.find((p) => p.status === 'completed' && p.endedOn === day);
  if (!plan || dossier.status !== 'paid') return;
  const progress = planProgress(plan, dossier, day);
  await repository.appendEvent({
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    eventId: `${day}#PLAN#${plan.planId}#COMPLETED`,
    type: 'payment-plan-completed',
    at: receivedAt,
    day,
    actor: 'debtor',
    amountCents: progress.receivedCents,
    note: `payment plan ${plan.planId} kept: ${plan.instalments.length} instalment(s), the dossier is paid`,
  });
}
