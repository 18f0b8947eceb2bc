import type { Dossier } from '../../domain/dossier';
import type { PipelineDeps } from '../escalation/deps';
import type { SentReceipt } from '../ports';

/** What a sweep tells the creditor about one dossier: a deadline it must act on. */
export interface CreditorAlert {
  /** Outbox level and template, e.g. `prescription-30`, `court-service-7`. */
  level: string;
  template: string;
  subject: string;
  /** Plain paragraphs: ids, dates and articles only (the creditor's own mailbox, no debtor contact data). */
  paragraphs: string[];
}

/**
 * E-mails an alert to the creditor (the tenant profile's `email`), once per timeline event: the
 * idempotency key is the event's, so a re-run sweep never sends it twice.
 */
export async function sendCreditorAlert(
  deps: Pick<PipelineDeps, 'tenants' | 'messenger' | 'senderEmail'>,
  dossier: Dossier,
  alert: CreditorAlert,
  at: string,
  eventId: string,
): Promise<SentReceipt> {
  const tenant = await deps.tenants.getTenant(dossier.tenantId);
  const text = alert.paragraphs.join('\n\n');
  return deps.messenger.sendEmail({
    at,
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    debtorId: dossier.debtor.ref,
    level: alert.level,
    template: alert.template,
    idempotencyKey: `${dossier.tenantId}#${dossier.dossierId}#${eventId}`,
    to: tenant.email,
    from: deps.senderEmail,
    subject: alert.subject,
    text,
    html: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n\n/g, '</p><p>')}</p>`,
  });
}
