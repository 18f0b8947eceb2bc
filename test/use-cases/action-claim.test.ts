import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineEvent } from '../../shared/domain/timeline';
import {
  CLAIM_LEASE_MS,
  ClaimInFlightError,
  claimAction,
  markClaimDone,
} from '../../shared/use-cases/escalation/action-claim';
import type { MessageMeta, Messenger, SentReceipt } from '../../shared/use-cases/ports';
import { MemoryDossierRepository } from '../support/memory-repository';

/**
 * The claim of an action as the hold of its send (action-claim.ts), over the in-memory store that
 * keeps the DynamoDB conditions (test/support/memory-repository.ts; the conditions themselves on
 * dynalite: test/integration/claim-leases.test.ts). Time is in the test's hands: the lease clock
 * through claimAction's `now`, the waits through the module's sleep, which here only records how
 * long it was asked to wait and yields once, so a 5 s wait costs nothing and nothing is timed.
 */
const waits = vi.hoisted(() => ({ asked: [] as number[], onWait: undefined as (() => void) | undefined }));
vi.mock('node:timers/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:timers/promises')>();
  const sleep = async (ms: number) => {
    waits.asked.push(ms);
    waits.onWait?.();
    await actual.setImmediate();
  };
  return { ...actual, setTimeout: sleep, default: { ...actual, setTimeout: sleep } };
});

const T = Date.parse('2026-11-30T06:00:00.000Z');
const at = () => T;

const claim: TimelineEvent = {
  tenantId: 'claims',
  dossierId: 'DOS-1',
  eventId: '2026-11-30#ACT#reminder-1#email',
  type: 'action-sent',
  at: '2026-11-30T06:00:00.000Z',
  day: '2026-11-30',
  actor: 'pipeline',
  level: 'reminder-1',
  channel: 'email',
  template: 'reminder-1',
  state: 'pending',
};
const done: TimelineEvent = { ...claim, state: 'done', document: { key: 'mail/1.eml', sha256: 'ab' } };
const held: MessageMeta = {
  at: claim.at,
  tenantId: claim.tenantId,
  dossierId: claim.dossierId,
  debtorId: 'D1',
  level: 'reminder-1',
  template: 'reminder-1',
  idempotencyKey: `claims#DOS-1#${claim.eventId}`,
  heldByClaim: true,
};
const receipt: SentReceipt = { channel: 'email', reference: 'ses-1', document: done.document };

let repository: MemoryDossierRepository;
const stored = () => repository.getEvent(claim.tenantId, claim.dossierId, claim.eventId);

beforeEach(() => {
  repository = new MemoryDossierRepository();
  waits.asked = [];
  waits.onWait = undefined;
});

describe('claimAction', () => {
  it('holds a fresh claim with a lease: this run sends and the claim is its evidence', async () => {
    expect(await claimAction(repository, claim, at)).toEqual({ kind: 'send', heldByClaim: true });
    expect(await stored()).toMatchObject({ state: 'pending', leaseUntil: T + CLAIM_LEASE_MS });
    expect(waits.asked).toEqual([]);
  });

  it('finds a claim marked done: sent already, nothing goes out, the claim is left as it is', async () => {
    await repository.appendEvent(claim);
    await repository.markEventDone(done);
    const takeOver = vi.spyOn(repository, 'takeOverClaim');
    expect(await claimAction(repository, claim, at)).toEqual({ kind: 'done' });
    expect(takeOver).not.toHaveBeenCalled();
    expect(await stored()).toEqual(done);
  });

  it('waits for a claim under a live lease, then gives the step up to its retry', async () => {
    await repository.appendEvent({ ...claim, leaseUntil: T + CLAIM_LEASE_MS });
    // One second later, the lease still runs for 59 s.
    await expect(claimAction(repository, claim, () => T + 1_000)).rejects.toBeInstanceOf(ClaimInFlightError);
    expect(waits.asked).toEqual(Array(25).fill(200));
    expect(await stored()).toMatchObject({ state: 'pending', leaseUntil: T + CLAIM_LEASE_MS });
  });

  it('stops waiting as soon as the holder marks the claim done', async () => {
    await repository.appendEvent({ ...claim, leaseUntil: T + CLAIM_LEASE_MS });
    waits.onWait = () => {
      if (waits.asked.length === 3) void repository.markEventDone(done);
    };
    expect(await claimAction(repository, claim, () => T + 1_000)).toEqual({ kind: 'done' });
    expect(waits.asked).toHaveLength(3);
  });

  it('takes over a claim whose lease ran out: sent through the messenger, which keeps its own evidence', async () => {
    await repository.appendEvent({ ...claim, leaseUntil: T });
    const later = T + 1;
    expect(await claimAction(repository, claim, () => later)).toEqual({ kind: 'send', heldByClaim: false });
    expect(await stored()).toMatchObject({ state: 'pending', leaseUntil: later + CLAIM_LEASE_MS });
    expect(waits.asked).toEqual([]);
  });

  it('does not take over a lease that ends at this very instant', async () => {
    await repository.appendEvent({ ...claim, leaseUntil: T });
    await expect(claimAction(repository, claim, at)).rejects.toBeInstanceOf(ClaimInFlightError);
  });

  it('takes over a pending claim written before leases (none on it)', async () => {
    await repository.appendEvent(claim);
    expect(await claimAction(repository, claim, at)).toEqual({ kind: 'send', heldByClaim: false });
    expect(await stored()).toMatchObject({ state: 'pending', leaseUntil: T + CLAIM_LEASE_MS });
  });

  it('lets exactly one of two concurrent runs send; the other waits for its done mark', async () => {
    const messenger = aMessenger();
    const sent: string[] = [];
    const otherWaits = new Promise<void>((resolve) => {
      waits.onWait = resolve;
    });
    const run = async (name: string) => {
      const outcome = await claimAction(repository, claim, at);
      if (outcome.kind === 'send') {
        sent.push(name);
        // The provider answers only once the other run is waiting on the claim.
        await otherWaits;
        await markClaimDone({ repository, messenger }, done, outcome.heldByClaim ? held : undefined, receipt);
      }
      return outcome;
    };
    const outcomes = await Promise.all([run('first'), run('second')]);
    expect(sent).toHaveLength(1);
    expect(outcomes).toEqual(
      expect.arrayContaining([{ kind: 'send', heldByClaim: true }, { kind: 'done' }]),
    );
    expect(waits.asked.length).toBeGreaterThan(0);
    expect(waits.asked.length).toBeLessThan(25);
    expect(await stored()).toEqual(done);
  });
});

describe('markClaimDone', () => {
  /** The store whose 'done' mark fails `failures` times before it lands; the order of the writes kept. */
  function failingMarks(failures: number, order: string[]) {
    let left = failures;
    return {
      markEventDone: async (event: TimelineEvent) => {
        if (left-- > 0) throw new Error(`mark failed (${failures - left} of ${failures})`);
        order.push('mark');
        await repository.markEventDone(event);
      },
      releaseClaim: async (event: TimelineEvent) => {
        order.push('release');
        await repository.releaseClaim(event);
      },
    };
  }

  it('after 4 failed marks keeps the evidence with the messenger, then lets the lease go, and fails the step', async () => {
    await claimAction(repository, claim, at);
    const order: string[] = [];
    const messenger = aMessenger(order);
    await expect(
      markClaimDone({ repository: failingMarks(4, order), messenger }, done, held, receipt),
    ).rejects.toThrow('mark failed (4 of 4)');
    expect(messenger.keepEvidence).toHaveBeenCalledExactlyOnceWith(held, receipt);
    // The evidence before the release: a run that takes the claim over must find it.
    expect(order).toEqual(['evidence', 'release']);
    const left = await stored();
    expect(left?.state).toBe('pending');
    expect(left).not.toHaveProperty('leaseUntil');
    // The next run takes the claim over at once (the messenger then finds the evidence).
    waits.asked = [];
    expect(await claimAction(repository, claim, () => T + 1)).toEqual({ kind: 'send', heldByClaim: false });
    expect(waits.asked).toEqual([]);
  });

  it('after fewer failures marks the claim done in place, no evidence kept elsewhere', async () => {
    await claimAction(repository, claim, at);
    const order: string[] = [];
    const messenger = aMessenger(order);
    await markClaimDone({ repository: failingMarks(3, order), messenger }, done, held, receipt);
    expect(messenger.keepEvidence).not.toHaveBeenCalled();
    expect(order).toEqual(['mark']);
    expect(await stored()).toEqual(done);
    expect(waits.asked).toEqual([50, 100, 200]);
  });

  it('keeps nothing with the messenger for a send it did not hold (the messenger recorded it itself)', async () => {
    await repository.appendEvent(claim);
    await claimAction(repository, claim, at);
    const order: string[] = [];
    const messenger = aMessenger(order);
    await expect(
      markClaimDone({ repository: failingMarks(4, order), messenger }, done, undefined, receipt),
    ).rejects.toThrow('mark failed');
    expect(messenger.keepEvidence).not.toHaveBeenCalled();
  });
});

function aMessenger(order: string[] = []): Messenger & { keepEvidence: ReturnType<typeof vi.fn> } {
  const never = () => Promise.reject(new Error('no message goes out in these tests'));
  return {
    sendEmail: never,
    sendSms: never,
    sendLetter: never,
    announceCall: never,
    keepEvidence: vi.fn(async () => {
      order.push('evidence');
    }),
  };
}
