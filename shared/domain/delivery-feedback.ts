import type { Channel, Debtor } from './parties';
import type { TimelineEvent } from './timeline';

/**
 * What the provider reported back about a message that went out:
 * - `bounce`: the mailbox does not exist or refuses mail for good (SES permanent bounce);
 * - `complaint`: the debtor marked the e-mail as spam (SES complaint, feedback loop);
 * - `sms-failure`: the operator could not deliver the SMS (SNS delivery status FAILURE).
 */
export type DeliveryFailureKind = 'bounce' | 'complaint' | 'sms-failure';

export const DELIVERY_FAILURE_KINDS: readonly DeliveryFailureKind[] = ['bounce', 'complaint', 'sms-failure'];

export function failedChannel(kind: DeliveryFailureKind): Channel {
  return kind === 'sms-failure' ? 'sms' : 'email';
}

function withChannel(channels: readonly Channel[] | undefined, channel: Channel): Channel[] {
  return channels?.includes(channel) ? [...channels] : [...(channels ?? []), channel];
}

/**
 * The debtor after a delivery failure. A bounce or a failed SMS marks the channel failing: it is
 * skipped from then on, and a level left with no channel falls back to a letter. A complaint is
 * the debtor refusing e-mail: an opt-out, which stops the channel at once (docs/legal.md §8;
 * repeated unwanted solicitations, C.conso L121-6, L121-7). `changed` is false when the debtor
 * already had it, so a redelivered notification changes nothing.
 */
export function applyDeliveryFailure(
  debtor: Debtor,
  kind: DeliveryFailureKind,
): { debtor: Debtor; changed: boolean } {
  const channel = failedChannel(kind);
  if (kind === 'complaint') {
    if (debtor.optOuts.includes(channel)) return { debtor, changed: false };
    return { debtor: { ...debtor, optOuts: withChannel(debtor.optOuts, channel) }, changed: true };
  }
  if (debtor.failingChannels?.includes(channel)) return { debtor, changed: false };
  return {
    debtor: { ...debtor, failingChannels: withChannel(debtor.failingChannels, channel) },
    changed: true,
  };
}

/**
 * Does a level already performed still owe the debtor its letter? Yes when one of its messages
 * bounced or failed, none of its e-mails reached the debtor (the e-mail is the written demand with
 * the invoices; an SMS alone is only a notice), and no letter of that level went out yet.
 * A complaint is no reason: that e-mail was delivered.
 */
export function needsLetterFallback(levelId: string, timeline: readonly TimelineEvent[]): boolean {
  const failures = timeline.filter(
    (event) =>
      event.type === 'delivery-failed' && event.level === levelId && event.deliveryFailure !== 'complaint',
  );
  if (failures.length === 0) return false;
  const sent = timeline.filter(
    (event) => event.type === 'action-sent' && event.level === levelId && event.state !== 'pending',
  );
  if (sent.some((event) => event.channel === 'letter')) return false;
  const emailFailed = failures.some((event) => event.channel === 'email');
  const emailDelivered = !emailFailed && sent.some((event) => event.channel === 'email');
  return !emailDelivered;
}
