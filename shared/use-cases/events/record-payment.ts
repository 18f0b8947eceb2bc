import * as z from 'zod';
import { isLocalDate } from '../../domain/calendar';
import { type Dossier, dossierOutstandingCents, outstandingCents } from '../../domain/dossier';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { Invoice } from '../../domain/parties';
import type { TimelineEvent } from '../../domain/timeline';
import type { DossierRepository, Logger } from '../ports';

export const paymentSchema = z.object({
  paymentId: z.string().trim().min(1).max(80),
  date: z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)'),
  amountCents: z.number().int().positive(),
  invoice: z.string().trim().min(1).optional(),
});
export type Payment = z.infer<typeof paymentSchema>;

export interface PaymentOutcome {
  dossierId: string;
  appliedCents: number;
  outstandingCents: number;
  status: Dossier['status'];
  duplicate: boolean;
}

/**
 * Allocates a payment: to the named invoice first, then to the oldest due invoices.
 * (Interest imputation before principal, C.civ. 1343-1, is the legal engine's job when it
 * computes what is owed; the dossier tracks principal.) A partial payment is also an
 * acknowledgment of the debt that interrupts prescription (C.civ. 2240).
 */
function allocate(invoices: Invoice[], payment: Payment): { invoices: Invoice[]; applied: number } {
  let left = payment.amountCents;
  const order = [...invoices].sort((a, b) =>
    a.number === payment.invoice ? -1 : b.number === payment.invoice ? 1 : a.dueDate.localeCompare(b.dueDate),
  );
  const paid = new Map<string, number>();
  for (const inv of order) {
    const take = Math.min(left, outstandingCents(inv));
    if (take > 0) paid.set(inv.number, take);
    left -= take;
  }
  return {
    invoices: invoices.map((inv) => ({ ...inv, paidCents: inv.paidCents + (paid.get(inv.number) ?? 0) })),
    applied: payment.amountCents - left,
  };
}

/**
 * Records a payment on a dossier, once per paymentId.
 * 1. allocate it to invoices and remember its id in the same conditional write (a redelivered
 *    payment is a no-op); 2. close the dossier when nothing is left (the sweep never sees it again);
 * 3. append the payment event (deterministic id, so a retry after a crash completes the timeline).
 */
export async function recordPayment(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; dossierId: string; payment: Payment; receivedAt: string },
): Promise<PaymentOutcome> {
  const { tenantId, dossierId, payment, receivedAt } = input;
  for (let attempt = 0; ; attempt++) {
    const dossier = await deps.repository.getDossier(tenantId, dossierId);
    if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
    const eventId = `${payment.date}#PAY#${payment.paymentId}`;
    if (dossier.appliedPaymentIds?.includes(payment.paymentId)) {
      // Applied before: finish the timeline in case that attempt stopped between its writes.
      const previous = await deps.repository.getEvent(tenantId, dossierId, eventId);
      if (previous?.state === 'pending') await deps.repository.markEventDone({ ...previous, state: 'done' });
      if (dossier.status === 'paid')
        await appendPaid(deps.repository, tenantId, dossierId, payment, receivedAt);
      return {
        dossierId,
        appliedCents: 0,
        outstandingCents: dossierOutstandingCents(dossier),
        status: dossier.status,
        duplicate: true,
      };
    }
    const { invoices, applied } = allocate(dossier.invoices, payment);
    const settled = invoices.every((inv) => outstandingCents(inv) === 0);
    const { nextActionOn, ...rest } = dossier;
    const updated: Dossier = {
      ...rest,
      invoices,
      appliedPaymentIds: [...(dossier.appliedPaymentIds ?? []), payment.paymentId],
      status: settled ? 'paid' : dossier.status,
      ...(settled || !nextActionOn ? {} : { nextActionOn }),
      updatedAt: receivedAt,
      version: dossier.version + 1,
    };
    // The event is claimed ('pending') before the dossier changes and marked 'done' after:
    // whatever step a crash interrupts, the redelivered payment completes the timeline.
    const event: TimelineEvent = {
      tenantId,
      dossierId,
      eventId,
      type: 'payment-received',
      at: receivedAt,
      day: payment.date,
      actor: 'debtor',
      amountCents: applied,
      ...(payment.invoice ? { invoiceNumbers: [payment.invoice] } : {}),
      legalBasis: settled
        ? ['C.civ. 1342']
        : ['C.civ. 1342', 'C.civ. 2240 (partial payment: acknowledgment)'],
      state: 'pending',
    };
    await deps.repository.appendEvent(event);
    try {
      await deps.repository.saveDossier(updated);
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
    await deps.repository.markEventDone({ ...event, state: 'done' });
    if (settled) await appendPaid(deps.repository, tenantId, dossierId, payment, receivedAt);
    deps.logger.info('payment recorded', { tenantId, dossierId, appliedCents: applied, settled });
    return {
      dossierId,
      appliedCents: applied,
      outstandingCents: dossierOutstandingCents(updated),
      status: updated.status,
      duplicate: false,
    };
  }
}

/** The "paid" milestone, keyed on the payment's day so a redelivery never adds a second one. */
async function appendPaid(
  repository: DossierRepository,
  tenantId: string,
  dossierId: string,
  payment: Payment,
  receivedAt: string,
) {
  await repository.appendEvent({
    tenantId,
    dossierId,
    eventId: `${payment.date}#STOP#paid`,
    type: 'dossier-paid',
    at: receivedAt,
    day: payment.date,
    actor: 'pipeline',
  });
}
