import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from '../../shared/domain/calendar';
import { type CallOutcome, runningPromise } from '../../shared/domain/call-outcome';
import type { Dossier } from '../../shared/domain/dossier';
import { decideNextStep, type StepDecision } from '../../shared/domain/escalation';
import { reachableChannels } from '../../shared/domain/escalation-levels';
import { DEFAULT_B2B_SCENARIO as B2B, DEFAULT_B2C_SCENARIO as B2C } from '../../shared/domain/scenario';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aDebtor, aDossier, anInvoice } from '../support/builders';

// Reference due date 2026-03-03 (B2B): R1 03-04, R2 03-11, call 03-18, notice 03-25, judicial 04-07.
const DUE = '2026-03-03';
const on = (offset: number) => addDays(DUE, offset);

function callOutcome(
  day: LocalDate,
  outcome: CallOutcome,
  promisedOn?: LocalDate,
  taskId = `${on(15)}-call`,
): TimelineEvent {
  return {
    tenantId: 'tenant-a',
    dossierId: 'DOS-CLI-001',
    eventId: `${day}#CALL#${taskId}`,
    type: 'call-outcome',
    at: `${day}T13:00:00.000Z`,
    day,
    actor: 'agent',
    call: { taskId, outcome, ...(promisedOn ? { promisedOn } : {}) },
  };
}

/** The dossier right after the call task of the B2B ladder (level 3) went out on D+15. */
const afterCall = (overrides: Partial<Dossier> = {}) =>
  aDossier({ levelIndex: 3, lastActionOn: on(15), nextActionOn: on(22), ...overrides });

describe('runningPromise', () => {
  it('is the latest promised date still to come, and resumes the day after it', () => {
    const timeline = [
      callOutcome(on(15), 'promise-to-pay', on(20)),
      callOutcome(on(16), 'promise-to-pay', on(27), 'other'),
      callOutcome(on(16), 'no-answer'),
    ];
    expect(runningPromise(timeline, on(18))).toEqual({ promisedOn: on(27), resumeOn: on(28) });
    // The promised day itself is still the debtor's.
    expect(runningPromise(timeline, on(27))).toEqual({ promisedOn: on(27), resumeOn: on(28) });
    expect(runningPromise(timeline, on(28))).toBeUndefined();
  });

  it('ignores every other outcome and every other event', () => {
    const timeline: TimelineEvent[] = [
      callOutcome(on(15), 'reached'),
      callOutcome(on(15), 'no-answer'),
      callOutcome(on(15), 'wrong-number'),
      { ...callOutcome(on(15), 'reached'), type: 'task-created', call: undefined },
    ];
    expect(runningPromise(timeline, on(16))).toBeUndefined();
    expect(runningPromise([], on(16))).toBeUndefined();
  });
});

describe('decideNextStep with call outcomes', () => {
  it('holds the ladder while a promise to pay runs, with the reason, then resumes the day after', () => {
    const timeline = [callOutcome(on(16), 'promise-to-pay', on(30))];

    // The formal notice was due on D+22: the promise holds it.
    const held = decideNextStep(afterCall(), B2B, timeline, on(22));
    const resumed = decideNextStep(afterCall({ nextActionOn: on(31) }), B2B, timeline, on(31));

    expect(held).toEqual({
      kind: 'reschedule',
      day: on(22),
      nextActionOn: on(31),
      reason: `promise to pay by ${on(30)}`,
    });
    expect(resumed).toMatchObject({ kind: 'act', level: 'formal-notice' });
  });

  it('a kept promise is a payment: the dossier stops as paid, whatever the promise says', () => {
    const paid = afterCall({ invoices: [anInvoice({ dueDate: DUE, paidCents: 120_000 })] });
    const decision = decideNextStep(paid, B2B, [callOutcome(on(16), 'promise-to-pay', on(30))], on(22));
    expect(decision).toMatchObject({ kind: 'stop', status: 'paid' });
  });

  it('no answer and reached change nothing: the next level goes out on its day', () => {
    for (const outcome of ['no-answer', 'reached'] as const) {
      const decision = decideNextStep(afterCall(), B2B, [callOutcome(on(16), outcome)], on(22));
      expect(decision, outcome).toMatchObject({ kind: 'act', level: 'formal-notice' });
    }
  });

  it('a wrong number closes SMS and calls: a call level falls back to a letter, SMS levels lose the SMS', () => {
    const debtor = aDebtor({ failingChannels: ['sms', 'call'] });

    expect(reachableChannels(debtor, ['email', 'sms', 'call', 'letter'])).toEqual(['email', 'letter']);
    const call = decideNextStep(aDossier({ debtor, levelIndex: 2, lastActionOn: on(8) }), B2B, [], on(15));
    const reminder2 = decideNextStep(
      aDossier({ debtor, levelIndex: 1, lastActionOn: on(1) }),
      B2B,
      [],
      on(8),
    );

    expect(call).toMatchObject({ kind: 'act', level: 'call', actions: [{ channel: 'letter' }] });
    expect(reminder2).toMatchObject({ kind: 'act', level: 'reminder-2', actions: [{ channel: 'email' }] });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const dossierArb = fc
  .record({
    dueOffsets: fc.array(fc.integer({ min: -20, max: 40 }), { minLength: 1, maxLength: 3 }),
    consumer: fc.boolean(),
    phone: fc.boolean(),
    failing: fc.subarray(['sms', 'call'] as const),
  })
  .map(({ dueOffsets, consumer, phone, failing }) =>
    aDossier({
      scenarioId: consumer ? B2C.id : B2B.id,
      debtor: aDebtor({
        type: consumer ? 'consumer' : 'professional',
        ...(phone ? {} : { phone: undefined }),
        failingChannels: [...failing],
      }),
      invoices: dueOffsets.map((offset, i) =>
        anInvoice({ number: `F-${i}`, dueDate: on(offset), amountCents: 10_000 * (i + 1) }),
      ),
    }),
  );

/** Applies a decision as recordStep does, and puts what went out on the timeline as Act does. */
function apply(dossier: Dossier, timeline: TimelineEvent[], decision: StepDecision): Dossier {
  if (decision.kind === 'act') {
    for (const action of decision.actions)
      timeline.push({
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        eventId: `${decision.day}#ACT#${action.level}#${action.channel}`,
        type: action.channel === 'call' ? 'task-created' : 'action-sent',
        at: `${decision.day}T08:00:00.000Z`,
        day: decision.day,
        actor: 'pipeline',
        level: action.level,
        channel: action.channel,
        state: 'done',
      });
    const { nextActionOn: _n, ...rest } = dossier;
    return {
      ...rest,
      levelIndex: decision.levelIndex,
      lastActionOn: decision.day,
      ...(decision.levelKind === 'judicial-review' ? { status: 'judicial' as const } : {}),
      ...(decision.nextActionOn ? { nextActionOn: decision.nextActionOn } : {}),
    };
  }
  if (decision.kind === 'reschedule') return { ...dossier, nextActionOn: decision.nextActionOn };
  if (decision.kind === 'stop') return { ...dossier, status: decision.status };
  return dossier;
}

describe('call outcome properties', () => {
  it('no message goes out while a promise to pay is running', () => {
    fc.assert(
      fc.property(
        dossierArb,
        fc.integer({ min: -1, max: 4 }),
        fc.integer({ min: -10, max: 90 }),
        fc.integer({ min: 0, max: 60 }),
        (dossier, levelIndex, dayOffset, promisedIn) => {
          const day = on(dayOffset);
          const promise = callOutcome(addDays(day, -1), 'promise-to-pay', addDays(day, promisedIn));
          const decision = decideNextStep({ ...dossier, levelIndex }, B2B, [promise], day);
          expect(decision.kind).not.toBe('act');
          if (decision.kind === 'reschedule')
            expect(decision.nextActionOn).toBe(addDays(day, promisedIn + 1));
        },
      ),
    );
  });

  it('along any sequence of days, a promise holds every contact up to its date, and only that long', () => {
    fc.assert(
      fc.property(
        dossierArb,
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 5, maxLength: 40 }),
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 1, max: 60 }),
        (start, gaps, promiseAt, promisedIn) => {
          const scenario = start.scenarioId === B2C.id ? B2C : B2B;
          const timeline: TimelineEvent[] = [];
          let dossier = start;
          let day = on(-5);
          let promisedOn: LocalDate | undefined;
          for (const [index, gap] of gaps.entries()) {
            day = addDays(day, gap);
            const decision = decideNextStep(dossier, scenario, timeline, day);
            if (promisedOn && day <= promisedOn) {
              expect(decision.kind, `${day} under a promise until ${promisedOn}`).not.toBe('act');
            }
            if (promisedOn && day > promisedOn) {
              // Once the date has passed the promise no longer holds anything.
              expect(runningPromise(timeline, day)).toBeUndefined();
            }
            dossier = apply(dossier, timeline, decision);
            if (index === promiseAt && dossier.status === 'open') {
              promisedOn = addDays(day, promisedIn);
              timeline.push(callOutcome(day, 'promise-to-pay', promisedOn));
            }
          }
        },
      ),
    );
  });
});
