import { addDays, type LocalDate } from './calendar';
import type { Dossier } from './dossier';
import type { Instalment, PaymentPlan } from './payment-plan';

/**
 * How far a plan has been kept on a day. Payments are not imputed here: the legal engine imputes
 * them to the debts (docs/legal.md §13, record-payment.ts); the plan only counts what was received
 * since it was made and lays it over the instalments in date order, so a payment early or larger
 * than one instalment counts for the next ones, and a short one leaves its instalment partly paid.
 */

export type InstalmentState = 'paid' | 'partly-paid' | 'upcoming' | 'due' | 'missed';

export interface InstalmentProgress extends Instalment {
  /** 1-based, as the debtor's letter numbers them. */
  number: number;
  paidCents: number;
  state: InstalmentState;
  /** First day the instalment counts as missed: its date plus the grace days, plus one. */
  missedOn: LocalDate;
}

export interface PlanProgress {
  receivedCents: number;
  paidCents: number;
  remainingCents: number;
  instalments: InstalmentProgress[];
  /** Every instalment covered. */
  kept: boolean;
  /** The first instalment unpaid beyond its grace days, if any. */
  missed?: InstalmentProgress;
  /** The first instalment not fully paid (the next the debtor owes). */
  next?: InstalmentProgress;
}

/**
 * Payments recorded on the dossier after the plan was made count for it, whatever their value date:
 * the plan's balance already took in every payment recorded before. By position in the list, not
 * by instant: a payment and a plan recorded in the same millisecond stay apart.
 */
export function receivedForPlan(plan: PaymentPlan, dossier: Dossier): number {
  return (dossier.payments ?? [])
    .slice(plan.paymentsBefore)
    .reduce((total, payment) => total + payment.amountCents, 0);
}

export function planProgress(plan: PaymentPlan, dossier: Dossier, day: LocalDate): PlanProgress {
  const receivedCents = receivedForPlan(plan, dossier);
  // A dossier closed while the plan ran (the payments covered it) has kept the plan.
  const closedPaid = dossier.status === 'paid';
  let left = receivedCents;
  const instalments = plan.instalments.map((instalment, i): InstalmentProgress => {
    const paidCents = closedPaid ? instalment.amountCents : Math.min(left, instalment.amountCents);
    left -= paidCents;
    const missedOn = addDays(instalment.dueOn, plan.graceDays + 1);
    const state: InstalmentState =
      paidCents >= instalment.amountCents
        ? 'paid'
        : day >= missedOn
          ? 'missed'
          : day >= instalment.dueOn
            ? 'due'
            : paidCents > 0
              ? 'partly-paid'
              : 'upcoming';
    return { ...instalment, number: i + 1, paidCents, state, missedOn };
  });
  const paidCents = instalments.reduce((total, instalment) => total + instalment.paidCents, 0);
  const missed = instalments.find((instalment) => instalment.state === 'missed');
  const next = instalments.find((instalment) => instalment.state !== 'paid');
  return {
    receivedCents,
    paidCents,
    remainingCents: plan.balanceCents - paidCents,
    instalments,
    kept: instalments.every((instalment) => instalment.state === 'paid'),
    ...(missed ? { missed } : {}),
    ...(next ? { next } : {}),
  };
}
