import * as z from 'zod';
import { type LocalDate, minDate, parisDate } from '../../domain/calendar';
import {
  applyDeliveryFailure,
  DELIVERY_FAILURE_KINDS,
  type DeliveryFailureKind,
  failedChannel,
} from '../../domain/delivery-feedback';
import type { Dossier } from '../../domain/dossier';
import { ConflictError } from '../../domain/errors';
import type { TimelineEvent } from '../../domain/timeline';
import type { DossierRepository, Logger } from '../ports';

/**
 * One delivery failure as the delivery-feedback handler parsed it from the provider's notification.
 * The message is named either by its dossier (SES tags or the X-Recouvrement-Key header) or only by
 * the provider's message id (SNS SMS delivery status), looked up in the message references.
 */
export const deliveryFailureSchema = z.object({
  kind: z.enum(DELIVERY_FAILURE_KINDS as [DeliveryFailureKind, ...DeliveryFailureKind[]]),
  /** Provider id of this notification (SES feedbackId; the SMS's message id): the idempotency key. */
  feedbackId: z.string().trim().min(1).max(200),
  /** Provider id of the message that failed. */
  messageId: z.string().trim().min(1).max(200),
  /** When the provider saw the failure (UTC ISO). */
  occurredAt: z.iso.datetime({ offset: true }),
  tenantId: z.string().min(1).optional(),
  dossierId: z.string().min(1).optional(),
  level: z.string().min(1).optional(),
  /** The `<day>#ACT#<level>#<channel>` event of the message, when the notification carries it. */
  actionEventId: z.string().min(1).optional(),
  /** Provider's classification (e.g. `Permanent/NoEmail`, `abuse`): an enum, never an address. */
  detail: z
    .string()
    .regex(/^[A-Za-z0-9/_. -]{1,80}$/)
    .optional(),
});
export type DeliveryFailure = z.infer<typeof deliveryFailureSchema>;

export interface DeliveryFailureOutcome {
  status: 'recorded' | 'duplicate' | 'unknown-message';
  tenantId?: string;
  dossierId?: string;
  channel: 'email' | 'sms' | 'letter' | 'call';
}

/**
 * Records that a message did not reach the debtor, once per provider notification.
 * 1. find the dossier: from the notification's ids, else from the message reference;
 * 2. append a `delivery-failed` event keyed by the feedback id (a redelivered notification lands on it);
 * 3. mark the channel failing on the debtor (a complaint is an opt-out of e-mail, docs/legal.md §8)
 *    and, for a bounce or a failed SMS, bring the dossier back on the sweep: the next step sends
 *    the level's letter (decideNextStep). Conditional write, retried on a concurrent change.
 * Logs carry ids and the kind only, never the address or number that failed.
 */
export async function recordDeliveryFailure(
  deps: { repository: DossierRepository; logger: Logger },
  failure: DeliveryFailure,
): Promise<DeliveryFailureOutcome> {
  const channel = failedChannel(failure.kind);
  const target = await locate(deps.repository, failure);
  if (!target) {
    deps.logger.warn('delivery failure for an unknown message', { kind: failure.kind, channel });
    return { status: 'unknown-message', channel };
  }
  const { tenantId, dossierId, level } = target;
  const day = parisDate(failure.occurredAt);
  const event: TimelineEvent = {
    tenantId,
    dossierId,
    eventId: `${day}#FAIL#${failure.feedbackId}`,
    type: 'delivery-failed',
    at: failure.occurredAt,
    day,
    actor: failure.kind === 'complaint' ? 'debtor' : 'pipeline',
    channel,
    deliveryFailure: failure.kind,
    ...(level ? { level } : {}),
    ...(failure.detail ? { note: failure.detail } : {}),
    ...(failure.kind === 'complaint' ? { legalBasis: ['C.conso L121-6, L121-7 (opt-out)'] } : {}),
  };
  const appended = await deps.repository.appendEvent(event);
  for (let attempt = 0; ; attempt++) {
    const dossier = await deps.repository.getDossier(tenantId, dossierId);
    if (!dossier) {
      deps.logger.warn('delivery failure for an unknown dossier', {
        tenantId,
        dossierId,
        kind: failure.kind,
      });
      return { status: 'unknown-message', tenantId, dossierId, channel };
    }
    const updated = withFailure(dossier, failure.kind, day);
    if (!updated) {
      if (!appended) return { status: 'duplicate', tenantId, dossierId, channel };
      break;
    }
    try {
      await deps.repository.saveDossier({
        ...updated,
        updatedAt: failure.occurredAt,
        version: dossier.version + 1,
      });
      break;
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
  }
  deps.logger.info('delivery failure recorded', {
    tenantId,
    dossierId,
    scenarioLevel: level,
    kind: failure.kind,
  });
  return { status: 'recorded', tenantId, dossierId, channel };
}

/** The dossier with the failure applied, or undefined when it already shows it. */
function withFailure(dossier: Dossier, kind: DeliveryFailureKind, day: LocalDate): Dossier | undefined {
  const { debtor, changed } = applyDeliveryFailure(dossier.debtor, kind);
  // The sweep looks at the dossier again from the day of the failure, so the fallback letter goes
  // out at the next step instead of waiting for the next level's date.
  const wake = kind !== 'complaint' && dossier.status === 'open';
  const nextActionOn = wake
    ? minDate([day, ...(dossier.nextActionOn ? [dossier.nextActionOn] : [])])
    : dossier.nextActionOn;
  if (!changed && nextActionOn === dossier.nextActionOn) return undefined;
  return { ...dossier, debtor, ...(nextActionOn ? { nextActionOn } : {}) };
}

async function locate(
  repository: DossierRepository,
  failure: DeliveryFailure,
): Promise<{ tenantId: string; dossierId: string; level?: string } | undefined> {
  if (failure.tenantId && failure.dossierId) {
    const level = failure.level ?? failure.actionEventId?.split('#')[2];
    return { tenantId: failure.tenantId, dossierId: failure.dossierId, ...(level ? { level } : {}) };
  }
  const ref = await repository.getMessageRef(failure.messageId);
  return ref ? { tenantId: ref.tenantId, dossierId: ref.dossierId, level: ref.level } : undefined;
}
