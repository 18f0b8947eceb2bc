import { addMonths, type LocalDate } from './calendar';
import type { Dossier } from './dossier';
import { ValidationError } from './errors';
import type { DebtorType } from './parties';

/**
 * A payment plan (échéancier, plan d'apurement) the creditor grants a debtor: the balance split
 * into dated instalments. It pauses the ladder while it is kept; a missed instalment beyond the
 * grace period lapses it (déchéance du terme) after a prior notice where one is required, and the
 * ladder resumes on the whole balance (docs/legal.md §14).
 */

export interface Instalment {
  dueOn: LocalDate;
  amountCents: number;
}

export type PaymentPlanStatus = 'active' | 'completed' | 'lapsed' | 'cancelled';

/**
 * What the plan's sum must equal, at the plan's date. `principal`: the principal still due — with
 * the default payment policy (waive accessories once the principal is paid, docs/legal.md §13)
 * the dossier closes on the last instalment. `total`: principal, interest or penalties and
 * indemnities due that day, as a formal notice would claim them.
 */
export type PlanBasis = 'principal' | 'total';

export interface PaymentPlan {
  /** The client's id: posting the same plan twice changes nothing. */
  planId: string;
  status: PaymentPlanStatus;
  /** The plan's date (Paris): the balance it splits is the one of that day. */
  agreedOn: LocalDate;
  createdAt: string;
  /**
   * Payments the dossier held when the plan was made (the length of `Dossier.payments`, which
   * only grows): the plan's balance took them in, the instalments count only those after.
   */
  paymentsBefore: number;
  basis: PlanBasis;
  /** The balance at agreedOn on `basis`: the instalments add up to it. */
  balanceCents: number;
  instalments: Instalment[];
  /** Days after an instalment's date before it counts as missed (the tenant's, when the plan was made). */
  graceDays: number;
  /** Days before each instalment the courtesy reminder goes out. */
  reminderDaysBefore: number;
  /**
   * Last delay the prior notice gives before the lapse; 0: no notice (a professional debtor whose
   * plan expressly waives it). Consumers always get one (docs/legal.md §14).
   */
  lapseNoticeDays: number;
  /** Day the plan ended (completed, lapsed, cancelled) and why. */
  endedOn?: LocalDate;
  endReason?: string;
}

export interface PaymentPlanSettings {
  /** Longest plan, in months from its date. C.civ. 1343-5 caps judicial grace at two years. */
  maxMonths: number;
  reminderDaysBefore: number;
  graceDays: number;
  /** The last delay the notice before a lapse gives (commonly 8 or 15 days in practice). */
  lapseNoticeDays: number;
  basis: PlanBasis;
}

export const DEFAULT_PAYMENT_PLAN_SETTINGS: PaymentPlanSettings = {
  maxMonths: 24,
  reminderDaysBefore: 3,
  graceDays: 5,
  lapseNoticeDays: 15,
  basis: 'principal',
};

/** The longest plan a tenant may set: beyond, no reference supports it; a typo should not pass. */
export const MAX_PLAN_MONTHS_SETTING = 60;

export interface PlanRequest {
  planId: string;
  instalments: Instalment[];
  /** Overrides the tenant's basis for this plan. */
  basis?: PlanBasis | undefined;
  /** The plan signed by the debtor expressly waives the notice before the lapse (professionals only). */
  noticeWaived?: boolean | undefined;
}

/**
 * Checks a plan against the balance of its day. Each broken rule is a ValidationError naming its
 * field (a 400 at the API), the first one found:
 * - at least one instalment, each a positive amount in cents;
 * - the first not before the plan's date (no instalment already late on the day it is agreed);
 * - dates strictly increasing (one instalment a day at most, in order);
 * - the last within `maxMonths` of the plan's date (C.civ. 1343-5: two years for a judge; the
 *   tenant may set another maximum for the plans it grants);
 * - the sum equals the balance on the plan's basis, to the cent.
 */
export function checkPlan(
  request: PlanRequest,
  context: { day: LocalDate; balanceCents: number; settings: PaymentPlanSettings },
): void {
  const { instalments } = request;
  const { day, balanceCents, settings } = context;
  if (instalments.length === 0) throw new ValidationError('instalments', 'at least one instalment');
  const last = addMonths(day, settings.maxMonths);
  instalments.forEach((instalment, i) => {
    if (!Number.isInteger(instalment.amountCents) || instalment.amountCents <= 0)
      throw new ValidationError(`instalments.${i}.amountCents`, 'a positive whole number of cents');
    if (i === 0 && instalment.dueOn < day)
      throw new ValidationError(
        'instalments.0.dueOn',
        `in the past: the first instalment is due on or after the plan's date (${day})`,
      );
    const previous = instalments[i - 1];
    if (previous && instalment.dueOn <= previous.dueOn)
      throw new ValidationError(
        `instalments.${i}.dueOn`,
        `not after the previous instalment (${previous.dueOn}): dates must increase`,
      );
    if (instalment.dueOn > last)
      throw new ValidationError(
        `instalments.${i}.dueOn`,
        `beyond ${settings.maxMonths} months from the plan's date (last day ${last}; C.civ. 1343-5)`,
      );
  });
  const sum = instalments.reduce((total, instalment) => total + instalment.amountCents, 0);
  if (sum !== balanceCents)
    throw new ValidationError(
      'instalments',
      `the instalments add up to ${sum} cents, the balance on the ${request.basis ?? settings.basis} basis is ${balanceCents} cents on ${day}`,
    );
}

/**
 * The notice before the lapse. A consumer always gets one: case law requires a prior formal notice
 * before the déchéance du terme unless the contract expressly waives it (Cass. 1re civ., 3 June
 * 2015, n° 14-15.655), and a consumer clause waiving it without a reasonable delay is held abusive
 * (Cass. 1re civ., 22 March 2023, n° 21-16.044), so the pipeline never relies on such a waiver.
 * A professional gets one too unless the plan expressly waives it.
 */
export function lapseNoticeDaysFor(
  debtorType: DebtorType,
  noticeWaived: boolean | undefined,
  settings: PaymentPlanSettings,
): number {
  if (debtorType === 'consumer' || !noticeWaived) return Math.max(1, settings.lapseNoticeDays);
  return 0;
}

export function activePlan(plans: readonly PaymentPlan[] | undefined): PaymentPlan | undefined {
  return plans?.find((plan) => plan.status === 'active');
}

/** The same request as the plan already recorded under its id (a redelivery), or another one. */
export function samePlan(plan: PaymentPlan, request: PlanRequest): boolean {
  return (
    plan.instalments.length === request.instalments.length &&
    plan.instalments.every(
      (instalment, i) =>
        instalment.dueOn === request.instalments[i]!.dueOn &&
        instalment.amountCents === request.instalments[i]!.amountCents,
    ) &&
    (request.basis === undefined || request.basis === plan.basis)
  );
}

/**
 * The dossier with its running plan ended on `day`. A dossier still pursued resumes its ladder
 * where it stood: the level after the one reached comes at the next step (`resumeAfter`, as after
 * a rejected dispute), not the latest level whose date passed during the plan, and not one up: the
 * notice before the lapse already warned the debtor, who paid part of the balance meanwhile.
 */
export function endPlan(
  dossier: Dossier,
  end: { planId: string; status: 'lapsed' | 'completed' | 'cancelled'; reason: string },
  day: LocalDate,
): Dossier {
  const resume = dossier.status === 'open' && dossier.levelIndex >= 0;
  return {
    ...dossier,
    ...(resume
      ? {
          resumeAfter: {
            levelIndex: dossier.levelIndex,
            reason: `payment plan ${end.planId} ${end.status}: the ladder resumes where it stood`,
            on: day,
          },
        }
      : {}),
    paymentPlans: (dossier.paymentPlans ?? []).map((plan) =>
      plan.planId === end.planId && plan.status === 'active'
        ? { ...plan, status: end.status, endedOn: day, endReason: end.reason }
        : plan,
    ),
  };
}
