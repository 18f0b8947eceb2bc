import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import type { PaymentPlan, PaymentPlanStatus, PlanBasis } from '../../domain/payment-plan';
import { type InstalmentState, planProgress } from '../../domain/payment-plan-progress';

/** A payment plan as the API and the demo show it: its instalments with what each received. */
export interface PlanView {
  planId: string;
  /** A running plan whose dossier got paid shows as completed before the next step records it. */
  status: PaymentPlanStatus;
  agreedOn: LocalDate;
  basis: PlanBasis;
  balanceCents: number;
  paidCents: number;
  remainingCents: number;
  graceDays: number;
  reminderDaysBefore: number;
  lapseNoticeDays: number;
  instalments: {
    number: number;
    dueOn: LocalDate;
    amountCents: number;
    paidCents: number;
    state: InstalmentState;
  }[];
  endedOn?: LocalDate;
  endReason?: string;
}

export function planView(plan: PaymentPlan, dossier: Dossier, day: LocalDate): PlanView {
  const progress = planProgress(plan, dossier, day);
  const status = plan.status === 'active' && dossier.status === 'paid' ? 'completed' : plan.status;
  return {
    planId: plan.planId,
    status,
    agreedOn: plan.agreedOn,
    basis: plan.basis,
    balanceCents: plan.balanceCents,
    paidCents: progress.paidCents,
    remainingCents: progress.remainingCents,
    graceDays: plan.graceDays,
    reminderDaysBefore: plan.reminderDaysBefore,
    lapseNoticeDays: plan.lapseNoticeDays,
    instalments: progress.instalments.map(({ number, dueOn, amountCents, paidCents, state }) => ({
      number,
      dueOn,
      amountCents,
      paidCents,
      state,
    })),
    ...(plan.endedOn ? { endedOn: plan.endedOn } : {}),
    ...(plan.endReason ? { endReason: plan.endReason } : {}),
  };
}
