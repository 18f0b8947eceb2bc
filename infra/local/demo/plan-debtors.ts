import { addDays, type LocalDate } from '../../../shared/domain/calendar';
import { dossierOutstandingCents } from '../../../shared/domain/dossier';
import type { Instalment } from '../../../shared/domain/payment-plan';
import { apiRequest } from '../api-request';
import type { EmbeddedStack } from '../embedded-stack';
import type { DebtorBehaviour } from './debtor-behaviour';

/** Debtors of the demo who ask for a payment plan, at most this many per run. */
const PLAN_TAKERS = 3;
const INSTALMENTS = 3;

interface Taken {
  instalments: Instalment[];
  /** Pays the first instalment, then nothing: the plan lapses after its notice, the ladder resumes. */
  breaks: boolean;
  paid: number;
}

/**
 * Payment plans in the demo (docs/legal.md §14), every step through the API as the creditor and
 * the bank would send it. A debtor who paid part after the second reminder asks for a plan for
 * the rest: the creditor grants three monthly instalments of the principal still due, the first
 * two weeks later (POST /dossiers/{id}/payment-plan). The first and third such debtors pay each
 * instalment the day before its date and keep the plan (the dossier closes); the second pays the
 * first one only: the plan lapses after the notice and the ladder resumes on the whole balance.
 */
export class PlanDebtors {
  private readonly candidates = new Set<string>();
  private readonly taken = new Map<string, Taken>();
  granted = 0;
  payments = 0;
  errors = 0;

  constructor(
    private readonly stack: EmbeddedStack,
    private readonly tenantId: string,
    private readonly behaviour: DebtorBehaviour,
  ) {}

  /** `heard`: the dossiers whose debtors may act today (simulation.ts), to spot the partial payers. */
  async day(heard: readonly { dossierId: string }[], day: LocalDate): Promise<void> {
    for (const { dossierId } of heard)
      if (this.behaviour.profileOf(dossierId) === 'partial' && !this.taken.has(dossierId))
        this.candidates.add(dossierId);
    if (this.taken.size < PLAN_TAKERS && this.candidates.size > 0) await this.grant(day);
    for (const [dossierId, plan] of this.taken) await this.pay(dossierId, plan, day);
  }

  private async grant(day: LocalDate): Promise<void> {
    const dossiers = await this.stack.repository.getDossiers(this.tenantId, [...this.candidates].sort());
    for (const dossier of [...dossiers.values()].sort((a, b) => a.dossierId.localeCompare(b.dossierId))) {
      if (this.taken.size >= PLAN_TAKERS) return;
      const paidPart = dossier.invoices.some((invoice) => invoice.paidCents > 0);
      const balance = dossierOutstandingCents(dossier);
      if (dossier.status !== 'open' || !paidPart || balance < INSTALMENTS) {
        if (dossier.status !== 'open') this.candidates.delete(dossier.dossierId);
        continue;
      }
      const instalments = monthly(balance, addDays(day, 14));
      const response = await this.call('POST /dossiers/{dossierId}/payment-plan', dossier.dossierId, {
        planId: `PLAN-${dossier.dossierId}`,
        instalments,
      });
      this.candidates.delete(dossier.dossierId);
      if (response !== 200) {
        this.errors++;
        continue;
      }
      this.granted++;
      this.taken.set(dossier.dossierId, { instalments, breaks: this.taken.size === 1, paid: 0 });
    }
  }

  private async pay(dossierId: string, plan: Taken, day: LocalDate): Promise<void> {
    const next = plan.instalments[plan.paid];
    if (!next || addDays(next.dueOn, -1) > day || (plan.breaks && plan.paid >= 1)) return;
    const response = await this.call('POST /dossiers/{dossierId}/payments', dossierId, {
      paymentId: `VIR-${dossierId}-E${plan.paid + 1}`,
      date: day,
      amountCents: next.amountCents,
    });
    if (response === 200) this.payments++;
    else this.errors++;
    plan.paid++;
  }

  private async call(routeKey: string, dossierId: string, body: unknown): Promise<number> {
    const response = (await this.stack.functions.api!(
      apiRequest(routeKey, { tenantId: this.tenantId, pathParameters: { dossierId }, body }),
    )) as { statusCode: number };
    return response.statusCode;
  }
}

/** Equal monthly instalments, the cents left over on the last one, so they add up to the balance. */
export function monthly(balanceCents: number, first: LocalDate): Instalment[] {
  const each = Math.floor(balanceCents / INSTALMENTS);
  return Array.from({ length: INSTALMENTS }, (_, i) => ({
    dueOn: addDays(first, 30 * i),
    amountCents: i === INSTALMENTS - 1 ? balanceCents - each * (INSTALMENTS - 1) : each,
  }));
}
