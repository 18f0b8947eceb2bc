import type { Dossier } from '../../domain/dossier';
import type { TimelineEvent } from '../../domain/timeline';
import type { PipelineDeps } from '../escalation/deps';
import { type CreditorAlert, sendCreditorAlert } from './creditor-alert';

/**
 * Notes an event on the timeline and tells the creditor about it, once: the event is claimed
 * 'pending', the e-mail sent, the event marked 'done' (with the e-mail's evidence). A retry that
 * finds the event still 'pending' — its e-mail failed, or the step died before the mark — sends
 * again; the messenger's evidence of accepted sends keeps that to one e-mail. Before, the event
 * was written first and the e-mail sent only when the write was new: a failure between the two
 * lost the alert for good (the chaos run without retries lost a court-title e-mail so).
 * An event without a state (written before this change) counts as told.
 * Returns whether the event is new.
 */
export async function noteAndAlertOnce(
  deps: Pick<PipelineDeps, 'repository' | 'tenants' | 'messenger' | 'senderEmail'>,
  dossier: Dossier,
  event: Omit<TimelineEvent, 'state'>,
  alert: CreditorAlert,
): Promise<boolean> {
  const fresh = await deps.repository.appendEvent({ ...event, state: 'pending' });
  if (!fresh) {
    const seen = await deps.repository.getEvent(event.tenantId, event.dossierId, event.eventId);
    if (seen?.state !== 'pending') return false;
  }
  const receipt = await sendCreditorAlert(deps, dossier, alert, event.at, event.eventId);
  await deps.repository.markEventDone({
    ...event,
    state: 'done',
    ...(receipt.document ? { document: receipt.document } : {}),
  });
  return fresh;
}
