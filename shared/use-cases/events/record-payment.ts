import * as z from 'zod';
import { isLocalDate, parisDate } from '../../domain/calendar';
import type { Dossier, DossierPayment } from '../../domain/dossier';
import { dossierBalance } from '../../domain/legal/dossier-balance';
import {
  DEFAULT_PAYMENT_POLICY,
  type PaymentPolicy,
  type PaymentResult,
  settlePayment,
  waivedCents,
} from '../../domain/payment-settlement';
import type { TimelineEvent } from '../../domain/timeline';
import { countingTogether } from '../escalation/page-counts';
import { findTenant } from '../find-tenant';
import { completePlanOnClose, notePlanAfterPayment } from '../payment-plans/plan-after-payment';
import type { DossierRepository, Logger, RateSource, TenantDirectory } from '../ports';
import { changeDossierWithTimeline } from './change-dossier';
import { noteKeptPromises } from './note-kept-promises';

export const paymentSchema = z.object({
  paymentId: z.string().trim().min(1).max(80),
  date: z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)'),
  amountCents: z.number().int().positive(),
  /** ISO 4217; absent: the dossier's currency. Another currency is refused (422). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code, e.g. EUR')
    .optional(),
  invoice: z.string().trim().min(1).optional(),
});
export type Payment = z.infer<typeof paymentSchema>;

export interface PaymentOutcome {
  dossierId: string;
  /** Of this payment, imputed to the debts (principal, interest, penalties, indemnities). */
  appliedCents: number;
  /** The dossier's credit: what it holds beyond everything owed, to give back. */
  creditCents: number;
  /** Accessories the creditor's policy waived when this payment closed the dossier. */
  waivedCents: number;
  /** Everything claimed still due today, as the formal notice would claim it; 0 once paid. */
  outstandingCents: number;
  status: Dossier['status'];
  duplicate: boolean;
}

export interface PaymentDeps {
  repository: DossierRepository;
  logger: Logger;
  /** The tenant's payment policy; absent: DEFAULT_PAYMENT_POLICY. */
  tenants?: TenantDirectory | undefined;
  /** The rate table the formal notice computes with; absent: the packaged one. */
  rates?: RateSource | undefined;
}

/**
 * Records a payment on a dossier, once per paymentId (docs/legal.md §13; the rules are in
 * settlePayment). Read-change-write with a conditional write, again from a fresh read when
 * someone else wrote in between (changeDossier). The payment's record in the dossier is the
 * source of truth; the timeline events are derived from it with deterministic ids, after the
 * write, and a redelivered payment writes any that a crash left out.
 */
export async function recordPayment(
  deps: PaymentDeps,
  input: { tenantId: string; dossierId: string; payment: Payment; receivedAt: string },
): Promise<PaymentOutcome> {
  const { tenantId, dossierId, payment, receivedAt } = input;
  const policy = await paymentPolicyOf(deps, tenantId);
  const rates = deps.rates ? (await deps.rates.current()).table : undefined;
  let result: PaymentResult | undefined;
  // The formal notices the engine needs come with the dossier, fresh on every attempt.
  const { before, after, timeline } = await changeDossierWithTimeline(
    deps.repository,
    input,
    (dossier, timeline) => {
      result = settlePayment(dossier, timeline, payment, { receivedAt, policy, rates });
      // A payment that closes the dossier keeps its payment plan (plan-after-payment.ts).
      return result.kind === 'recorded' ? completePlanOnClose(result.dossier, receivedAt) : undefined;
    },
  );
  if (!result) throw new Error('unreachable: changeDossier always calls change');
  // The events' KPI increments in one ADD at the end, not one per event (kpi-aggregates.ts). A
  // failed ADD loses the figures only (at most once): the payment stands and is not retried.
  const together = <T>(work: () => Promise<T>) =>
    countingTogether(deps, work, { what: 'payment', ids: { tenantId, dossierId } });
  if (result.kind === 'duplicate') {
    const { record } = result;
    // `before` is the dossier as stored, the payment's record on it: the KPIs need no read.
    if (record)
      await together(() => appendPaymentEvents(deps.repository, tenantId, dossierId, record, before));
    const today = parisDate(receivedAt);
    const open = before.status !== 'paid' && before.invoices.some((inv) => !inv.settledOn);
    return {
      dossierId,
      appliedCents: 0,
      creditCents: before.creditCents ?? 0,
      waivedCents: 0,
      outstandingCents: open ? dossierBalance(before, timeline, today, rates).totalDueCents : 0,
      status: before.status,
      duplicate: true,
    };
  }
  const { dossier, record, outstandingCents } = result;
  await together(async () => {
    // `after` is the dossier just saved: what a read for the KPIs would return.
    await appendPaymentEvents(deps.repository, tenantId, dossierId, record, after);
    await noteKeptPromises(deps, dossier, receivedAt);
    await notePlanAfterPayment(deps.repository, completePlanOnClose(dossier, receivedAt), receivedAt);
  });
  deps.logger.info('payment recorded', {
    tenantId,
    dossierId,
    appliedCents: record.imputation.appliedCents,
    creditCents: record.imputation.creditCents,
    closed: record.imputation.closed,
  });
  return {
    dossierId,
    appliedCents: record.imputation.appliedCents,
    creditCents: dossier.creditCents ?? 0,
    waivedCents: waivedCents(record.imputation),
    outstandingCents,
    status: dossier.status,
    duplicate: false,
  };
}

async function paymentPolicyOf(deps: PaymentDeps, tenantId: string): Promise<PaymentPolicy> {
  const tenant = await findTenant(deps.tenants, tenantId);
  return { ...DEFAULT_PAYMENT_POLICY, ...tenant?.paymentPolicy };
}

/**
 * The payment, the accessories waived and the "paid" milestone, each keyed on the payment (or
 * the closing day): a redelivery never adds a second one, a changed payment is refused before.
 */
async function appendPaymentEvents(
  repository: DossierRepository,
  tenantId: string,
  dossierId: string,
  record: DossierPayment,
  stored: Dossier | undefined,
) {
  const imputation = record.imputation;
  if (!imputation) return;
  const append = (event: TimelineEvent) => repository.appendEvent(event, stored);
  const base = { tenantId, dossierId, at: record.receivedAt };
  const closedOn = record.settledOn ?? parisDate(record.receivedAt);
  const waived = waivedCents(imputation);
  await append({
    ...base,
    eventId: `${record.date}#PAY#${record.paymentId}`,
    type: 'payment-received',
    day: record.date,
    actor: 'debtor',
    amountCents: record.amountCents,
    ...(imputation.invoices.length > 0 ? { invoiceNumbers: imputation.invoices } : {}),
    legalBasis: [
      'C.civ. 1342',
      'C.civ. 1342-10, 1343-1 (imputation)',
      ...(imputation.closed ? [] : ['C.civ. 2240 (partial payment: acknowledgment)']),
      ...(imputation.creditCents > 0 ? ['C.civ. 1302-1 (credit: received beyond what is owed)'] : []),
    ],
    note: `imputed ${imputation.appliedCents} cents, credit ${imputation.creditCents} cents`,
  });
  if (waived > 0)
    await append({
      ...base,
      // Sorts after its payment and before the STOP of the same day.
      eventId: `${closedOn}#PAY#${record.paymentId}#WAIVED`,
      type: 'accessories-waived',
      day: closedOn,
      actor: 'creditor',
      amountCents: waived,
      legalBasis: ['C.civ. 1350 (remise de dette: paymentPolicy.waiveAccessoriesWhenPrincipalPaid)'],
      note: `interest and penalties ${imputation.waivedInterestCents} cents, indemnities ${imputation.waivedIndemnityCents} cents waived: principal paid`,
    });
  if (imputation.closed)
    await append({
      ...base,
      eventId: `${closedOn}#STOP#paid`,
      type: 'dossier-paid',
      day: closedOn,
      actor: 'pipeline',
      ...(imputation.creditCents > 0
        ? { note: `credit of ${imputation.creditCents} cents to give back` }
        : {}),
    });
}
