import * as z from 'zod';
import { isLocalDate } from '../../domain/calendar';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { formalNoticeDelivery, noticeDeadlineOver } from '../../domain/notice-delivery';
import { activePlan } from '../../domain/payment-plan';
import { resolveScenario } from '../../domain/scenario-catalog';
import type { TimelineEvent, TimelineEventType } from '../../domain/timeline';
import { findTenant } from '../find-tenant';
import type { DeliveryReceipt, DossierRepository, Logger, TenantDirectory } from '../ports';

/** A receipt as a provider's webhook (or the embedded service) delivers it. */
export const deliveryReceiptSchema = z.object({
  tenantId: z.string().min(1),
  dossierId: z.string().min(1),
  trackingRef: z.string().trim().min(1).max(64),
  status: z.enum(['delivered', 'returned']),
  day: z.string().refine(isLocalDate, 'a date (YYYY-MM-DD)'),
  at: z.string().datetime({ offset: true }),
  reason: z.string().trim().max(200).optional(),
});

export interface ReceiptOutcome {
  recorded: boolean;
  /** Day the next level may come, when the receipt moved the schedule. */
  nextActionOn?: string;
}

/**
 * The registered-mail service says what became of a letter.
 * 1. find the letter on the timeline by its tracking reference (unknown: NotFoundError);
 * 2. append `letter-delivered` or `letter-returned` (id from day + tracking ref: a redelivered
 *    receipt is a no-op; a different receipt for the same letter, a ConflictError), with the day
 *    it counts from and C.civ. 1344 as basis;
 * 3. for a formal notice, bring the dossier's next step to the day after its payment deadline,
 *    counted from this day (notice-delivery.ts); a later decision re-checks it anyway.
 */
export async function recordDeliveryReceipt(
  deps: { repository: DossierRepository; tenants: TenantDirectory; logger: Logger },
  receipt: DeliveryReceipt,
): Promise<ReceiptOutcome> {
  const { tenantId, dossierId, trackingRef } = receipt;
  // The dossier comes with its timeline (one Query): step 3 starts from it, not from a new read.
  const read = await deps.repository.getDossierWithTimeline(tenantId, dossierId);
  const timeline = read?.timeline ?? [];
  const sent = timeline.find((event) => event.type === 'action-sent' && event.trackingRef === trackingRef);
  if (!sent) throw new NotFoundError(`no letter ${trackingRef} on dossier ${dossierId}`);
  const type: TimelineEventType = receipt.status === 'delivered' ? 'letter-delivered' : 'letter-returned';
  // A letter has one receipt: the same one again is a replay, another one a conflict for a person.
  const earlier = timeline.find(
    (event) =>
      (event.type === 'letter-delivered' || event.type === 'letter-returned') &&
      event.trackingRef === trackingRef,
  );
  if (earlier && (earlier.type !== type || earlier.day !== receipt.day))
    throw new ConflictError(
      `letter ${trackingRef} already has a receipt (${earlier.type} on ${earlier.day})`,
    );
  const event: TimelineEvent = {
    tenantId,
    dossierId,
    eventId: `${receipt.day}#RECEIPT#${trackingRef}`,
    type,
    at: receipt.at,
    day: receipt.day,
    actor: 'pipeline',
    ...(sent.level ? { level: sent.level } : {}),
    channel: 'letter',
    trackingRef,
    legalBasis: ['C.civ. 1344'],
    note:
      receipt.status === 'delivered'
        ? `avis de réception du ${receipt.day} (lettre du ${sent.day})`
        : `${receipt.reason ?? 'pli non réclamé'} — première présentation le ${receipt.day} (lettre du ${sent.day})`,
  };
  if (!(await deps.repository.appendEvent(event))) return { recorded: false };
  deps.logger.info('delivery receipt recorded', { tenantId, dossierId, status: receipt.status });

  // The first attempt works on what was read plus the receipt just written; a conflict (someone
  // wrote the dossier in between) reads both again.
  let current = read && { dossier: read.dossier, timeline: withEvent(read.timeline, event) };
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) current = await deps.repository.getDossierWithTimeline(tenantId, dossierId);
    const dossier = current?.dossier;
    if (!current || dossier?.status !== 'open') return { recorded: true };
    const tenant = await findTenant(deps.tenants, tenantId);
    const delivery = formalNoticeDelivery(
      resolveScenario(dossier.scenarioId, tenant),
      current.timeline,
      receipt.day,
    );
    const over = delivery?.trackingRef === trackingRef ? noticeDeadlineOver(delivery) : undefined;
    // A running payment plan schedules the dossier itself (payment-plan-step.ts): its reminders stay.
    if (!over || dossier.nextActionOn === over || activePlan(dossier.paymentPlans)) return { recorded: true };
    try {
      await deps.repository.saveDossier({
        ...dossier,
        nextActionOn: over,
        updatedAt: receipt.at,
        version: dossier.version + 1,
      });
      return { recorded: true, nextActionOn: over };
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
  }
}

/** The timeline with `event` in its place: events sort by id, as the partition's Query returns them. */
function withEvent(timeline: readonly TimelineEvent[], event: TimelineEvent): TimelineEvent[] {
  return [...timeline.filter((other) => other.eventId !== event.eventId), event].sort((a, b) =>
    a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0,
  );
}
