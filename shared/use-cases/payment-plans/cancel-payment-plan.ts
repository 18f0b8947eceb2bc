import { parisDate } from '../../domain/calendar';
import { NotFoundError } from '../../domain/errors';
import { activePlan, endPlan, type PaymentPlan } from '../../domain/payment-plan';
import { changeDossier } from '../events/change-dossier';
import type { DossierRepository, Logger } from '../ports';
import { type PlanView, planView } from './plan-view';

/**
 * The creditor withdraws the running plan (DELETE /dossiers/{id}/payment-plan): the plan ends as
 * `cancelled`, the timeline says so, and the dossier is due today so the ladder resumes where it
 * stood, with its spacing rules. Cancelling again returns the plan already cancelled; a dossier
 * without any plan is a 404.
 */
export async function cancelPaymentPlan(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; dossierId: string; receivedAt: string },
): Promise<{ plan: PlanView; duplicate: boolean }> {
  const { tenantId, dossierId, receivedAt } = input;
  const day = parisDate(receivedAt);
  let cancelled: PaymentPlan | undefined;
  const { before, after } = await changeDossier(deps.repository, input, (dossier) => {
    const running = activePlan(dossier.paymentPlans);
    if (!running) return undefined;
    const ended = endPlan(
      dossier,
      { planId: running.planId, status: 'cancelled', reason: 'cancelled by the creditor' },
      day,
    );
    cancelled = ended.paymentPlans!.find((p) => p.planId === running.planId);
    return {
      ...ended,
      ...(dossier.status === 'open' ? { nextActionOn: day } : {}),
      updatedAt: receivedAt,
    };
  });
  const dossier = after ?? before;
  const plan = cancelled ?? [...(dossier.paymentPlans ?? [])].reverse().find((p) => p.status === 'cancelled');
  if (!plan) throw new NotFoundError(`dossier ${dossierId} has no payment plan to cancel`);
  await deps.repository.appendEvent({
    tenantId,
    dossierId,
    eventId: `${plan.endedOn ?? day}#PLAN#${plan.planId}#CANCELLED`,
    type: 'payment-plan-cancelled',
    at: receivedAt,
    day: plan.endedOn ?? day,
    actor: 'creditor',
    source: 'api',
    idempotencyKey: plan.planId,
    note: 'the creditor cancelled the payment plan: the ladder resumes where it stood',
  });
  if (cancelled) deps.logger.info('payment plan cancelled', { tenantId, dossierId, planId: plan.planId });
  return { plan: planView(plan, dossier, day), duplicate: !cancelled };
}
