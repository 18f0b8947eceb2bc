import { describe, expect, it } from 'vitest';
import { withDisputeOpened, withDisputeResolved } from '../../shared/domain/dispute-lifecycle';
import type { DossierDispute } from '../../shared/domain/disputes';
import { type Dossier, dossierOutstandingCents, earliestPrescriptionDate } from '../../shared/domain/dossier';
import { decideNextStep, type StepDecision } from '../../shared/domain/escalation';
import { buildMessageContext } from '../../shared/domain/messages/message-context';
import type { DossierPromise } from '../../shared/domain/promises';
import { DEFAULT_B2B_SCENARIO as B2B } from '../../shared/domain/scenario';
import { aDossier, anInvoice } from '../support/builders';

// B2B ladder from the reference due date: courtesy -3, reminder-1 +1, reminder-2 +8, call +15, notice +22, review +35.
const AT = '2026-03-06T09:00:00.000Z';

function act(decision: StepDecision) {
  if (decision.kind !== 'act') throw new Error(`expected act, got ${JSON.stringify(decision)}`);
  return decision;
}

const twoInvoices = (overrides: Partial<Dossier> = {}) =>
  aDossier({
    invoices: [
      anInvoice({
        number: 'F-1',
        dueDate: '2026-03-03',
        amountCents: 100_000,
        prescriptionDate: '2031-03-03',
      }),
      anInvoice({
        number: 'F-2',
        dueDate: '2026-02-01',
        amountCents: 20_000,
        prescriptionDate: '2027-02-01',
      }),
    ],
    ...overrides,
  });

const dispute = (overrides: Partial<DossierDispute> = {}): DossierDispute => ({
  disputeId: 'LIT-1',
  reason: 'defective',
  openedOn: '2026-03-06',
  levelIndex: 1,
  ...overrides,
});

describe('a dispute of one invoice of two', () => {
  const disputed = withDisputeOpened(twoInvoices(), dispute({ invoices: ['F-2'], levelIndex: -1 }), AT);

  it('pauses only that invoice: the other is still pursued, on its own due date and amount', () => {
    expect(disputed.status).toBe('open');
    expect(dossierOutstandingCents(disputed)).toBe(100_000);
    // F-2 (due 1 Feb) no longer sets the ladder's dates: the courtesy reminder waits for F-1's (28 Feb).
    expect(decideNextStep(disputed, B2B, [], '2026-02-27')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-02-28',
    });
    expect(act(decideNextStep(twoInvoices(), B2B, [], '2026-02-27')).level).toBe('reminder-2');
    expect(act(decideNextStep(disputed, B2B, [], '2026-03-04')).level).toBe('reminder-1');
    const letter = buildMessageContext(disputed, { name: 'Atelier', email: 'a@b.example' }, '2026-03-04');
    expect(letter.invoices.map((inv) => inv.number)).toEqual(['F-1']);
    expect(letter.totalCents).toBe(100_000);
  });

  it('still watches its prescription: a dispute does not stop the limitation period', () => {
    expect(earliestPrescriptionDate(disputed)).toBe('2027-02-01');
  });

  it('a dispute of the whole dossier stops it and takes it off the sweep', () => {
    const all = withDisputeOpened({ ...twoInvoices(), nextActionOn: '2026-03-11' }, dispute(), AT);
    expect(all.status).toBe('disputed');
    expect(all).not.toHaveProperty('nextActionOn');
    expect(decideNextStep({ ...all, status: 'open' }, B2B, [], '2026-03-11')).toMatchObject({
      kind: 'stop',
      status: 'disputed',
    });
  });
});

describe('resolving a dispute', () => {
  // Reminder-1 went out on 4 March (level 1), the whole dossier was disputed on 6 March.
  const held = withDisputeOpened(
    twoInvoices({ levelIndex: 1, lastActionOn: '2026-03-04', nextActionOn: '2026-03-11' }),
    dispute(),
    AT,
  );
  const resolvedOn = (outcome: 'rejected' | 'upheld' | 'partly-upheld', extra = {}) =>
    withDisputeResolved(
      held,
      'LIT-1',
      { outcome, on: '2026-04-10', ...extra },
      {
        at: '2026-04-10T09:00:00.000Z',
        day: '2026-04-10',
        source: 'api',
        closureId: 'DISPUTE-LIT-1',
      },
    );

  it('rejected: the ladder resumes at the level after the one reached (reminder-2), not the latest due', () => {
    const resumed = resolvedOn('rejected');
    expect(resumed).toMatchObject({ status: 'open', levelIndex: 1, nextActionOn: '2026-04-10' });
    const decision = act(decideNextStep(resumed, B2B, [], '2026-04-10'));
    // On 10 April reminder-2 (11 Mar), the call (18 Mar) and the notice (25 Mar) are all due: without
    // the resume the step would jump to the call and pass reminder-2 over.
    expect(decision.level).toBe('reminder-2');
    expect(decision.skipped).toEqual([]);
    // Once performed, the resume no longer applies: the ladder runs by its dates again.
    const after = { ...resumed, levelIndex: 2, lastActionOn: '2026-04-10' };
    expect(decideNextStep(after, B2B, [], '2026-04-11')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-04-12',
    });
    expect(act(decideNextStep(after, B2B, [], '2026-04-13')).level).toBe('call'); // 12 April: a Sunday
  });

  it('rejected: the spacing rules still hold on the resume', () => {
    const resumed = withDisputeResolved(
      withDisputeOpened(twoInvoices({ levelIndex: 1, lastActionOn: '2026-03-04' }), dispute(), AT),
      'LIT-1',
      { outcome: 'rejected', on: '2026-03-05' },
      { at: '2026-03-05T09:00:00.000Z', day: '2026-03-05', source: 'api', closureId: 'X' },
    );
    expect(decideNextStep(resumed, B2B, [], '2026-03-05')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-03-06',
      reason: 'too soon after the last level',
    });
  });

  it('partly upheld: the invoice is pursued for its new amount, the original kept', () => {
    const reduced = resolvedOn('partly-upheld', { newAmounts: { 'F-1': 60_000 } });
    expect(reduced.invoices.find((inv) => inv.number === 'F-1')).toMatchObject({
      amountCents: 60_000,
      originalAmountCents: 100_000,
    });
    expect(reduced.status).toBe('open');
    expect(dossierOutstandingCents(reduced)).toBe(80_000);
  });

  it('upheld for every invoice: nothing is owed, the dossier closes as cancelled', () => {
    const cancelled = resolvedOn('upheld', { remedy: 'credit-note' });
    expect(cancelled.status).toBe('closed');
    expect(cancelled.closure).toMatchObject({ kind: 'cancelled', on: '2026-04-10' });
    expect(cancelled.invoices.every((inv) => inv.settledOn === '2026-04-10')).toBe(true);
    expect(cancelled).not.toHaveProperty('nextActionOn');
  });
});

describe('a promise to pay', () => {
  // Reminder-1 went out on 4 March; on 5 March the debtor promises the whole 1,200 EUR by 20 March.
  const promise: DossierPromise = {
    promiseId: 'P-1',
    promisedOn: '2026-03-20',
    amountCents: 120_000,
    madeOn: '2026-03-05',
    levelIndex: 1,
    source: 'api',
  };
  const promised = twoInvoices({ levelIndex: 1, lastActionOn: '2026-03-04', promises: [promise] });

  it('holds the ladder to its date plus the grace days', () => {
    expect(decideNextStep(promised, B2B, [], '2026-03-15')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-03-24',
    });
    expect(decideNextStep(promised, B2B, [], '2026-03-23', { promiseGraceDays: 3 }).kind).toBe('reschedule');
    expect(decideNextStep(promised, B2B, [], '2026-03-21', { promiseGraceDays: 0 }).kind).toBe('act');
  });

  it('broken: the ladder resumes one level up (reminder-2), with a timeline note saying why', () => {
    const decision = act(decideNextStep(promised, B2B, [], '2026-03-24'));
    // reminder-2 and the call are both due on 24 March: the broken promise resumes one level up from reminder-1.
    expect(decision.level).toBe('reminder-2');
    expect(decision.note).toEqual({
      eventId: '2026-03-24#PROMISE#P-1#BROKEN',
      type: 'promise-broken',
      level: 'reminder-2',
      text: 'promise P-1 to pay 120000 cents by 2026-03-20 not kept (grace 3 days): the ladder resumes one level up',
    });
  });

  it('kept (paid by its date): the pause just ends, nothing is forced', () => {
    const kept = {
      ...promised,
      promises: [{ ...promise, amountCents: 50_000 }],
      payments: [
        {
          paymentId: 'V-1',
          date: '2026-03-19',
          amountCents: 50_000,
          currency: 'EUR' as const,
          receivedAt: AT,
        },
      ],
    };
    const decision = act(decideNextStep(kept, B2B, [], '2026-03-24'));
    expect(decision.level).toBe('call');
    expect(decision).not.toHaveProperty('note');
  });
});
