import * as z from 'zod';
import { isLocalDate } from '../../domain/calendar';
import { NotFoundError } from '../../domain/errors';
import { recordDeliveryReceipt } from '../events/record-delivery-receipt';
import type { DossierRepository, Logger, ProcessedEvents, TenantDirectory } from '../ports';
import { letterLookupId } from './letter-ref';
import { recordLetterPosting } from './record-letter-posting';

/**
 * One event of the registered-mail provider's webhook (the contract HttpRegisteredMail speaks;
 * a real provider's payload is mapped to it in functions/registered-mail-webhook). `clientReference`
 * is what we sent with the letter (`<tenant>#<dossier>#<event>`), echoed back.
 */
export const providerEventSchema = z.object({
  eventId: z.string().trim().min(1).max(200),
  type: z.enum(['letter.posted', 'letter.delivered', 'letter.returned']),
  trackingRef: z.string().trim().min(1).max(64),
  clientReference: z.string().max(600).optional(),
  /** Paris day of the posting, the delivery, or the first presentation of a returned letter. */
  occurredOn: z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)'),
  occurredAt: z.iso.datetime({ offset: true }),
  reason: z.string().trim().max(200).optional(),
});
export type ProviderEvent = z.infer<typeof providerEventSchema>;

export const REGISTERED_MAIL_SOURCE = 'registered-mail';

export interface ProviderEventOutcome {
  eventId: string;
  status: 'recorded' | 'duplicate';
}

/**
 * A verified event of the provider (the signature is checked before this runs):
 * 1. an event id already processed is a duplicate (the provider retries, or replays);
 * 2. find the letter's tenant and dossier: the lookup stored when it was posted
 *    (TrackedRegisteredMail), else the client reference the provider echoes (the webhook may
 *    come before the lookup was written); neither: 404, and the provider retries later;
 * 3. a posting records `letter-posted` (the 15-day fallback counts from it); a delivery or a
 *    return goes through recordDeliveryReceipt, which moves the deadline as in the embedded run;
 * 4. remember the event id.
 */
export async function handleProviderEvent(
  deps: {
    repository: DossierRepository;
    tenants: TenantDirectory;
    logger: Logger;
    processed: ProcessedEvents;
  },
  event: ProviderEvent,
  receivedAt: string,
): Promise<ProviderEventOutcome> {
  if (await deps.processed.has(REGISTERED_MAIL_SOURCE, event.eventId))
    return { eventId: event.eventId, status: 'duplicate' };
  const { tenantId, dossierId } = await locate(deps.repository, event);
  if (event.type === 'letter.posted') {
    await recordLetterPosting(deps, {
      tenantId,
      dossierId,
      letterRef: event.trackingRef,
      posting: { postedOn: event.occurredOn },
      receivedAt,
      actor: 'pipeline',
    });
  } else {
    await recordDeliveryReceipt(deps, {
      tenantId,
      dossierId,
      trackingRef: event.trackingRef,
      status: event.type === 'letter.delivered' ? 'delivered' : 'returned',
      day: event.occurredOn,
      at: event.occurredAt,
      ...(event.reason ? { reason: event.reason } : {}),
    });
  }
  await deps.processed.add(REGISTERED_MAIL_SOURCE, event.eventId, receivedAt);
  deps.logger.info('registered-mail event recorded', { tenantId, dossierId, type: event.type });
  return { eventId: event.eventId, status: 'recorded' };
}

async function locate(
  repository: DossierRepository,
  event: ProviderEvent,
): Promise<{ tenantId: string; dossierId: string }> {
  const ref = await repository.getMessageRef(letterLookupId(event.trackingRef));
  if (ref) return { tenantId: ref.tenantId, dossierId: ref.dossierId };
  const [tenantId, dossierId] = event.clientReference?.split('#') ?? [];
  if (tenantId && dossierId) return { tenantId, dossierId };
  throw new NotFoundError(`no registered letter ${event.trackingRef}`);
}
