import type { Dossier } from '../../../shared/domain/dossier';
import type { PaymentPlanStatus } from '../../../shared/domain/payment-plan';
import { isPlanLevel } from '../../../shared/domain/payment-plan-step';

export type PlanCounts = Record<PaymentPlanStatus, number>;

/**
 * The run's payment plans by status. A plan still marked active on a dossier the last payment
 * closed counts as completed, as GET /dossiers/{id}/payment-plan shows it.
 */
export function planCounts(dossiers: readonly Dossier[]): PlanCounts {
  const counts: PlanCounts = { active: 0, completed: 0, lapsed: 0, cancelled: 0 };
  for (const dossier of dossiers)
    for (const plan of dossier.paymentPlans ?? [])
      counts[plan.status === 'active' && dossier.status === 'paid' ? 'completed' : plan.status]++;
  return counts;
}

/** `Plans      3 (active 1, completed 1, lapsed 1)`; nothing when the run granted none. */
export function formatPlanCounts(counts: PlanCounts): string[] {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  if (total === 0) return [];
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${status} ${n}`);
  return [`Plans      ${total} (${parts.join(', ')})`];
}

/** A plan's messages show as one `plan` step in the levels a dossier reached. */
export function levelLabel(level: string): string {
  return isPlanLevel(level) ? 'plan' : level;
}
