import { createHash } from 'node:crypto';

/**
 * A registered letter posted by hand gets our own reference, derived from the step's idempotency
 * key (dossier + day + level): a retried step names the same letter, and the reference is what
 * the API's `/registered-letters/{ref}` routes and the timeline's `trackingRef` carry.
 */
export function byHandLetterRef(idempotencyKey: string): string {
  return `LR${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 12).toUpperCase()}`;
}

/** The task of a letter to post by hand: one per letter, found again from its reference. */
export function letterTaskId(letterRef: string): string {
  return `letter-${letterRef}`;
}

/**
 * The lookup a provider's webhook finds a letter by (a MessageRef item): the provider's tracking
 * reference → tenant, dossier and the sending event. Prefixed so it never meets an SNS message id.
 */
export function letterLookupId(trackingRef: string): string {
  return `LRAR#${trackingRef}`;
}
