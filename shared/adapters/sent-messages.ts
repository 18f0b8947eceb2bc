import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError } from '../domain/errors';
import type { Channel } from '../domain/parties';
import type { MessageMeta, SentReceipt } from '../use-cases/ports';

/**
 * Evidence that a provider accepted a message, keyed by the message's idempotency key
 * (`<tenant>#<dossier>#<eventId>`): written right after SES or SNS answered, read before sending.
 * SES v2 SendEmail takes no client token and SNS Publish deduplicates only on FIFO topics (not
 * SMS), so the providers cannot refuse a second send of one key: this record is what does.
 * While a send is under way the key is held (`sending`, with a lease): a second execution of the
 * same step at the same time (a StartExecution retried after a time-out) waits for the first's
 * answer instead of sending too.
 */
export interface SentMessage {
  tenantId: string;
  dossierId: string;
  idempotencyKey: string;
  channel: Channel;
  status: 'sending' | 'sent';
  /** While `sending`: epoch milliseconds after which another sender may take the key over. */
  leaseUntil?: number;
  /** The provider's message id (SES, SNS) or the outbox file; set once `sent`. */
  reference?: string;
  document?: { key: string; sha256: string };
  /** Instant of the send (UTC ISO). */
  at: string;
}

export interface SentMessageLog {
  find(idempotencyKey: string): Promise<SentMessage | undefined>;
  /** Holds the key for a send: true when absent or its lease ran out (`now`, epoch ms), false when another holds it or sent it. */
  hold(sending: SentMessage & { status: 'sending'; leaseUntil: number }, now: number): Promise<boolean>;
  /** Lets the key go after a send the provider refused, so a retry sends at once. */
  release(idempotencyKey: string): Promise<void>;
  record(sent: SentMessage & { status: 'sent' }): Promise<void>;
}

/** Longer than any one provider call with the SDK's retries; a crashed holder blocks its key this long. */
export const SEND_LEASE_MS = 60_000;
/** How long a second sender waits for the holder's answer before it gives up (its step is retried). */
const WAITS = 25;
const WAIT_MS = 200;

/** The key is held by another send still under way: the step fails and is retried later. */
export class SendInFlightError extends ConflictError {
  override name = 'SendInFlightError';
}

/**
 * Sends at most once per idempotency key as far as the provider's answer reaches us: the evidence
 * found, its receipt is returned and nothing goes out; a send under way elsewhere is waited for;
 * otherwise the key is held, the message sent, then its evidence written.
 * Left open: a crash (or a lost answer the SDK retried) between the provider's acceptance and
 * `record`, which no key of ours can close while the provider takes none (docs/reliability.md).
 */
export async function sendOnce(
  log: SentMessageLog,
  message: MessageMeta,
  channel: Channel,
  send: () => Promise<SentReceipt>,
  now: () => number = Date.now,
): Promise<SentReceipt> {
  const base = {
    tenantId: message.tenantId,
    dossierId: message.dossierId,
    idempotencyKey: message.idempotencyKey,
    channel,
    at: message.at,
  };
  // The hold first: it succeeds only when no evidence exists (absent, or a lapsed lease), so the
  // usual first send costs two writes and no read; the evidence is read only when it is refused.
  for (let wait = 0; ; wait++) {
    if (await log.hold({ ...base, status: 'sending', leaseUntil: now() + SEND_LEASE_MS }, now())) break;
    const previous = await log.find(message.idempotencyKey);
    if (previous?.status === 'sent') return receiptOf(previous);
    if (wait >= WAITS) throw new SendInFlightError(`a send of ${message.dossierId}'s message is under way`);
    // Held by a send under way (or released between our two calls): wait, then try to hold again.
    if (previous) await sleep(WAIT_MS);
  }
  let receipt: SentReceipt;
  try {
    receipt = await send();
  } catch (error) {
    await log.release(message.idempotencyKey).catch(() => undefined);
    throw error;
  }
  await log.record({
    ...base,
    status: 'sent',
    reference: receipt.reference,
    ...(receipt.document ? { document: receipt.document } : {}),
  });
  return receipt;
}

function receiptOf(sent: SentMessage): SentReceipt {
  return {
    channel: sent.channel,
    reference: sent.reference ?? '',
    ...(sent.document ? { document: sent.document } : {}),
  };
}
