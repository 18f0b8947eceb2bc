import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError } from '../../domain/errors';
import type { TimelineEvent } from '../../domain/timeline';
import type { DossierRepository, MessageMeta, Messenger, SentReceipt } from '../ports';

/**
 * The claim of one action on the timeline (`<day>#ACT#<level>#<channel>`, 'pending') is also the
 * hold of its send: it carries a lease, and its 'done' mark with the provider's receipt is the
 * evidence that the message went out. One conditional put and one update a message, where a
 * separate evidence item (sent-messages.ts) cost two more writes on every send.
 *
 * - The first claim holds the send (`heldByClaim`: the messenger keeps no evidence of its own).
 * - A claim found 'done' was sent: nothing goes out.
 * - A claim found 'pending' under a running lease is a send under way elsewhere (the same page
 *   started twice): it is waited for, as the messenger's hold was.
 * - A claim found 'pending' without a lease, or whose lease ran out (a run that crashed, or a
 *   claim written before leases), is taken over with a conditional update; that send goes through
 *   the messenger's evidence (a send accepted before the crash under the old design is found
 *   there). Left, as before: a crash between the provider's acceptance and the 'done' mark
 *   (docs/reliability.md, "Known limits").
 */

/** Longer than any one provider call with the SDK's retries; a crashed holder blocks its claim this long. */
export const CLAIM_LEASE_MS = 60_000;
/** How long a second run waits for the holder's 'done' mark before its step is retried later. */
const WAITS = 25;
const WAIT_MS = 200;

/** The claim is held by a send still under way: the dossier's step fails and is retried later. */
export class ClaimInFlightError extends ConflictError {
  override name = 'ClaimInFlightError';
}

export type ClaimOutcome =
  /** This run sends: `heldByClaim` when its own fresh claim holds the key. */
  | { kind: 'send'; heldByClaim: boolean }
  /** An earlier run marked it 'done': sent already. */
  | { kind: 'done' };

export async function claimAction(
  repository: Pick<DossierRepository, 'appendEvent' | 'getEvent' | 'takeOverClaim'>,
  claim: TimelineEvent,
  now: () => number = Date.now,
): Promise<ClaimOutcome> {
  const leases = repository.takeOverClaim !== undefined;
  const first = leases ? { ...claim, leaseUntil: now() + CLAIM_LEASE_MS } : claim;
  if (await repository.appendEvent(first)) return { kind: 'send', heldByClaim: leases };
  for (let wait = 0; ; wait++) {
    const previous = await repository.getEvent(claim.tenantId, claim.dossierId, claim.eventId);
    if (previous?.state === 'done') return { kind: 'done' };
    // A store without leases: the messenger's evidence alone decides (sent-messages.ts).
    if (!repository.takeOverClaim) return { kind: 'send', heldByClaim: false };
    if (await repository.takeOverClaim(claim, now(), now() + CLAIM_LEASE_MS))
      return { kind: 'send', heldByClaim: false };
    if (wait >= WAITS)
      throw new ClaimInFlightError(`a send of ${claim.dossierId}'s ${claim.channel} is under way`);
    await sleep(WAIT_MS);
  }
}

/**
 * Marks the claim 'done' once the provider accepted: this write is the evidence, so a failure is
 * tried again here (it is idempotent). Should it still fail, a send the claim held leaves its
 * evidence with the messenger (Messenger.keepEvidence) and lets the lease go: the next run takes
 * the claim over, finds that evidence and marks the claim, without sending again.
 */
export async function markClaimDone(
  deps: { repository: Pick<DossierRepository, 'markEventDone' | 'releaseClaim'>; messenger: Messenger },
  done: TimelineEvent,
  held: MessageMeta | undefined,
  receipt: SentReceipt,
): Promise<void> {
  try {
    await afterTheSend(() => deps.repository.markEventDone(done));
  } catch (error) {
    if (held && deps.messenger.keepEvidence) {
      const keep = deps.messenger.keepEvidence.bind(deps.messenger);
      await afterTheSend(() => keep(held, receipt));
      await deps.repository.releaseClaim?.(done).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * An idempotent write that follows an accepted send: tried `attempts` times, whatever the error,
 * since failing the step now would not undo the message.
 */
export async function afterTheSend(write: () => Promise<void>, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(25 * 2 ** attempt);
    }
  }
}
