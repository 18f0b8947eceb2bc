import { json } from '../../../shared/adapters/http/problem';
import { parisDate } from '../../../shared/domain/calendar';
import { NotFoundError } from '../../../shared/domain/errors';
import { parseInput } from '../../../shared/use-cases/parse-input';
import { cancelPaymentPlan } from '../../../shared/use-cases/payment-plans/cancel-payment-plan';
import {
  createPaymentPlan,
  currentPlan,
  paymentPlanSchema,
} from '../../../shared/use-cases/payment-plans/create-payment-plan';
import { planView } from '../../../shared/use-cases/payment-plans/plan-view';
import { body, dossierId, type Route } from '../request';

/** A dossier's payment plan (docs/legal.md §14): grant it, read it with its instalments, cancel it. */
export const PAYMENT_PLAN_ROUTES: Record<string, Route> = {
  'POST /dossiers/{dossierId}/payment-plan': async (deps, tenantId, event, now) => {
    const request = parseInput(paymentPlanSchema, body(event));
    const outcome = await createPaymentPlan(deps, {
      tenantId,
      dossierId: dossierId(event),
      request,
      receivedAt: now,
    });
    return json(200, outcome);
  },
  'GET /dossiers/{dossierId}/payment-plan': async (deps, tenantId, event, now) => {
    const id = dossierId(event);
    const dossier = await deps.repository.getDossier(tenantId, id);
    if (!dossier) throw new NotFoundError(`dossier ${id} not found`);
    const plan = currentPlan(dossier);
    if (!plan) throw new NotFoundError(`dossier ${id} has no payment plan`);
    return json(200, planView(plan, dossier, parisDate(now)));
  },
  'DELETE /dossiers/{dossierId}/payment-plan': async (deps, tenantId, event, now) =>
    json(200, await cancelPaymentPlan(deps, { tenantId, dossierId: dossierId(event), receivedAt: now })),
};
