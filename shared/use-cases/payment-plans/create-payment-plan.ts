import * as z from 'zod';
import { isLocalDate, type LocalDate, parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, ValidationError } from '../../domain/errors';
import { dossierBalance } from '../../domain/legal/dossier-balance';
import { legacyPayments } from '../../domain/legal/dossier-claim';
import {
  activePlan,
  checkPlan,
  lapseNoticeDaysFor,
  type PaymentPlan,
  type PlanBasis,
  samePlan,
} from '../../domain/payment-plan';
import { DEFAULT_PAYMENT_POLICY } from '../../domain/payment-settlement';
import type { TimelineEvent } from '../../domain/timeline';
import { changeDossier } from '../events/change-dossier';
import { findTenant } from '../find-tenant';
import type { DossierRepository, Logger, RateSource, TenantDirectory } from '../ports';
import { paymentPlanSettingsOf } from './plan-settings';
import { type PlanView, planView } from './plan-view';

const localDate = z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)');

export const paymentPlanSchema = z.object({
  planId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, '1 to 40 letters, digits, - or _ (it names the plan on the timeline)'),
  instalments: z
    .array(z.object({ dueOn: localDate, amountCents: z.number().int().positive() }))
    .min(1, 'at least one instalment')
    .max(120, 'at most 120 instalments'),
  /** What the instalments add up to (payment-plan.ts); absent: the tenant's setting. */
  basis: z.enum(['principal', 'total']).optional(),
  /** The plan the debtor signed expressly waives the notice before a lapse (honoured for professionals only). */
  noticeWaived: z.boolean().optional(),
});
export type PaymentPlanRequest = z.infer<typeof paymentPlanSchema>;

export interface PlanDeps {
  repository: DossierRepository;
  logger: Logger;
  tenants?: TenantDirectory | undefined;
  rates?: RateSource | undefined;
}

/**
 * Grants a payment plan on a dossier (POST /dossiers/{id}/payment-plan).
 * 1. the tenant's plan settings and payment policy; 2. on a fresh read of the dossier: the same
 * plan id with the same content is a redelivery (nothing changes), another content or another
 * plan while one runs is a conflict, a dossier no longer pursued (paid, closed, disputed, judicial)
 * is a conflict; 3. the balance of the day on the plan's basis, as the legal engine computes it;
 * 4. the rules of checkPlan (400 naming the field); 5. the plan written with a conditional write,
 * the dossier due today so the sweep's next step sends the confirmation; 6. the timeline event.
 */
export async function createPaymentPlan(
  deps: PlanDeps,
  input: { tenantId: string; dossierId: string; request: PaymentPlanRequest; receivedAt: string },
): Promise<{ plan: PlanView; duplicate: boolean }> {
  const { tenantId, dossierId, request, receivedAt } = input;
  const day = parisDate(receivedAt);
  const settings = await paymentPlanSettingsOf(deps.tenants, tenantId);
  const waives = {
    ...DEFAULT_PAYMENT_POLICY,
    ...(await findTenant(deps.tenants, tenantId))?.paymentPolicy,
  }.waiveAccessoriesWhenPrincipalPaid;
  const rates = deps.rates ? (await deps.rates.current()).table : undefined;
  let timeline: TimelineEvent[] = [];
  let plan: PaymentPlan | undefined;
  let duplicate = false;
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (dossier) => {
      const known = dossier.paymentPlans?.find((p) => p.planId === request.planId);
      if (known) {
        if (!samePlan(known, request))
          throw new ConflictError(`payment plan ${request.planId} was recorded with other instalments`);
        plan = known;
        duplicate = true;
        return undefined;
      }
      if (dossier.status !== 'open')
        throw new ConflictError(`dossier ${dossierId} is ${dossier.status}: no payment plan`);
      const running = activePlan(dossier.paymentPlans);
      if (running) throw new ConflictError(`payment plan ${running.planId} is active: cancel it first`);
      const basis: PlanBasis = request.basis ?? settings.basis;
      // On principal alone the dossier closes only if the creditor waives the accessories then.
      if (basis === 'principal' && !waives)
        throw new ValidationError(
          'basis',
          "the tenant's payment policy does not waive interest and indemnities once the principal is paid: a plan on the principal alone would not settle the dossier (use 'total')",
        );
      const balance = dossierBalance(dossier, timeline, day, rates);
      const balanceCents = basis === 'principal' ? balance.principalDueCents : balance.totalDueCents;
      checkPlan(request, { day, balanceCents, settings });
      plan = {
        planId: request.planId,
        status: 'active',
        agreedOn: day,
        createdAt: receivedAt,
        // The list settlePayment appends to: an old dossier's payments as the engine rebuilds them.
        paymentsBefore: (dossier.payments ?? legacyPayments(dossier, timeline, day)).length,
        basis,
        balanceCents,
        instalments: request.instalments.map((i) => ({ dueOn: i.dueOn, amountCents: i.amountCents })),
        graceDays: settings.graceDays,
        reminderDaysBefore: settings.reminderDaysBefore,
        lapseNoticeDays: lapseNoticeDaysFor(dossier.debtor.type, request.noticeWaived, settings),
      };
      return {
        ...dossier,
        paymentPlans: [...(dossier.paymentPlans ?? []), plan],
        nextActionOn: earlier(dossier.nextActionOn, day),
        updatedAt: receivedAt,
      };
    },
    async () => {
      timeline = await deps.repository.listTimeline(tenantId, dossierId);
    },
  );
  if (!plan) throw new Error('unreachable: changeDossier always calls change');
  const stored = after ?? before;
  // Written after the plan (its id is the plan's): a redelivery writes it if a crash left it out.
  await deps.repository.appendEvent({
    tenantId,
    dossierId,
    eventId: `${plan.agreedOn}#PLAN#${plan.planId}#AGREED`,
    type: 'payment-plan-agreed',
    at: plan.createdAt,
    day: plan.agreedOn,
    actor: 'creditor',
    source: 'api',
    idempotencyKey: plan.planId,
    amountCents: plan.balanceCents,
    legalBasis: ['C.civ. 1342 (payment plan granted by the creditor)', 'C.civ. 1343-5 (reference: 2 years)'],
    note: `${plan.instalments.length} instalment(s) from ${plan.instalments[0]!.dueOn} to ${plan.instalments.at(-1)!.dueOn}, ${plan.basis} basis`,
  });
  if (!duplicate)
    deps.logger.info('payment plan agreed', {
      tenantId,
      dossierId,
      planId: plan.planId,
      instalments: plan.instalments.length,
    });
  return { plan: planView(plan, stored, day), duplicate };
}

function earlier(scheduled: LocalDate | undefined, day: LocalDate): LocalDate {
  return scheduled && scheduled < day ? scheduled : day;
}

/** The dossier's plans, newest last; the API shows the running one, else the last that ended. */
export function currentPlan(dossier: Dossier): PaymentPlan | undefined {
  return activePlan(dossier.paymentPlans) ?? dossier.paymentPlans?.at(-1);
}
