import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, type LocalDate } from '../../shared/domain/calendar';
import type { Dossier, DossierStatus } from '../../shared/domain/dossier';
import { decideNextStep, firstActionOn, type StepDecision } from '../../shared/domain/escalation';
import { MIN_DAYS_BETWEEN_LEVELS, reachableChannels } from '../../shared/domain/escalation-levels';
import { DEFAULT_B2B_SCENARIO as B2B, DEFAULT_B2C_SCENARIO as B2C } from '../../shared/domain/scenario';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aDebtor, aDossier, anInvoice } from '../support/builders';

// Reference due date 2026-03-03: courtesy 02-28, R1 03-04, R2 03-11, call 03-18, notice 03-25, judicial 04-07.
const DUE = '2026-03-03';
const on = (offset: number) => addDays(DUE, offset);

function act(decision: StepDecision) {
  if (decision.kind !== 'act')
    throw new Error(`expected act, got ${decision.kind}: ${JSON.stringify(decision)}`);
  return decision;
}

/** Applies a decision as recordStep does, so a test can walk a ladder day by day. */
function apply(dossier: Dossier, decision: StepDecision): Dossier {
  if (decision.kind === 'act') {
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

const dispute: TimelineEvent = {
  tenantId: 'tenant-a',
  dossierId: 'DOS-CLI-001',
  eventId: '2026-03-05#DISPUTE#d1',
  type: 'dispute-opened',
  at: '2026-03-05T10:00:00Z',
  day: '2026-03-05',
  actor: 'debtor',
};

describe('decideNextStep: the B2B ladder', () => {
  it('reschedules to the courtesy reminder when nothing is due yet', () => {
    const decision = decideNextStep(aDossier(), B2B, [], '2026-02-10');
    expect(decision).toMatchObject({ kind: 'reschedule', nextActionOn: '2026-02-28' });
  });

  it('sends the courtesy e-mail 3 days before the due date, then schedules reminder 1 at D+1', () => {
    const decision = act(decideNextStep(aDossier(), B2B, [], on(-3)));
    expect(decision).toMatchObject({ level: 'courtesy', levelIndex: 0, skipped: [], nextActionOn: on(1) });
    expect(decision.actions).toEqual([
      {
        level: 'courtesy',
        levelKind: 'reminder',
        channel: 'email',
        template: 'courtesy',
        tone: 'courteous',
        day: on(-3),
      },
    ]);
  });

  it('still sends the courtesy reminder on the due date itself, never after it', () => {
    expect(act(decideNextStep(aDossier(), B2B, [], DUE)).level).toBe('courtesy');
    const late = act(decideNextStep(aDossier(), B2B, [], on(1)));
    expect(late.level).toBe('reminder-1');
    expect(late.skipped).toEqual(['courtesy']);
  });

  it('walks the whole ladder on its own schedule and ends with judicial review', () => {
    let dossier = aDossier();
    const performed: { day: LocalDate; level: string; channels: string[] }[] = [];
    let day = '2026-02-01';
    while (dossier.status === 'open') {
      const decision = decideNextStep(dossier, B2B, [], day);
      if (decision.kind === 'act')
        performed.push({ day, level: decision.level, channels: decision.actions.map((a) => a.channel) });
      dossier = apply(dossier, decision);
      if (!dossier.nextActionOn) break;
      day = dossier.nextActionOn;
    }
    expect(performed).toEqual([
      { day: on(-3), level: 'courtesy', channels: ['email'] },
      { day: on(1), level: 'reminder-1', channels: ['email'] },
      { day: on(8), level: 'reminder-2', channels: ['email', 'sms'] },
      { day: on(15), level: 'call', channels: ['call'] },
      { day: on(22), level: 'formal-notice', channels: ['letter'] },
      { day: on(35), level: 'judicial-review', channels: [] },
    ]);
    expect(dossier.status).toBe('judicial');
    expect(dossier.nextActionOn).toBeUndefined();
  });

  it('gives the formal notice its 8-day deadline and schedules judicial review at D+35', () => {
    const dossier = aDossier({ levelIndex: 3, lastActionOn: on(15) });
    const decision = act(decideNextStep(dossier, B2B, [], on(22)));
    expect(decision.levelKind).toBe('formal-notice');
    expect(decision.actions).toEqual([
      expect.objectContaining({ channel: 'letter', paymentDeadlineDays: 8 }),
    ]);
    expect(decision.nextActionOn).toBe(on(35));
  });

  it('waits for the end of a late formal notice deadline before judicial review', () => {
    // Notice sent at D+30: its 8 days run to D+38, judicial review the day after, not at D+35.
    const decision = act(decideNextStep(aDossier({ levelIndex: 3, lastActionOn: on(15) }), B2B, [], on(30)));
    expect(decision.level).toBe('formal-notice');
    expect(decision.nextActionOn).toBe(on(39));
  });

  it('ends with judicial review: no message, nothing scheduled after it', () => {
    const decision = act(decideNextStep(aDossier({ levelIndex: 4, lastActionOn: on(22) }), B2B, [], on(35)));
    expect(decision).toMatchObject({ level: 'judicial-review', levelKind: 'judicial-review', actions: [] });
    expect(decision.nextActionOn).toBeUndefined();
    expect(decideNextStep(aDossier({ levelIndex: 5, lastActionOn: on(35) }), B2B, [], on(60))).toMatchObject({
      kind: 'none',
      reason: 'scenario finished',
    });
  });

  it('does nothing twice on the same day', () => {
    const dossier = aDossier({ levelIndex: 1, lastActionOn: on(8) });
    expect(decideNextStep(dossier, B2B, [], on(8))).toMatchObject({ kind: 'none' });
  });

  it('counts offsets from the oldest unpaid due date of the dossier', () => {
    const dossier = aDossier({
      invoices: [
        anInvoice({ number: 'A', dueDate: '2026-03-03', amountCents: 5_000, paidCents: 5_000 }),
        anInvoice({ number: 'B', dueDate: '2026-03-20' }),
        anInvoice({ number: 'C', dueDate: '2026-04-10' }),
      ],
    });
    // A is paid: the reference is B's due date, so on 03-21 reminder 1 (D+1) is due, not reminder 2.
    expect(act(decideNextStep(dossier, B2B, [], '2026-03-21')).level).toBe('reminder-1');
  });
});

describe('decideNextStep: catch-up after a late intake', () => {
  it('picks the latest due level and records the skipped ones', () => {
    const decision = act(decideNextStep(aDossier(), B2B, [], on(9)));
    expect(decision).toMatchObject({
      level: 'reminder-2',
      levelIndex: 2,
      skipped: ['courtesy', 'reminder-1'],
      nextActionOn: on(15),
    });
    expect(decision.actions.map((a) => a.channel)).toEqual(['email', 'sms']);
  });

  it('never makes the formal notice the first contact: the last written reminder comes first', () => {
    const decision = act(decideNextStep(aDossier(), B2B, [], on(23)));
    // Not the phone call either: a first contact is written (reminder-2 is e-mail + SMS).
    expect(decision.level).toBe('reminder-2');
    expect(decision.skipped).toEqual(['courtesy', 'reminder-1']);
    // The notice follows after the minimum spacing, not on the same day.
    expect(decision.nextActionOn).toBe(addDays(on(23), MIN_DAYS_BETWEEN_LEVELS));
  });

  it('never makes judicial review the first contact either', () => {
    const decision = act(decideNextStep(aDossier(), B2B, [], on(60)));
    expect(decision.levelKind).toBe('reminder');
    const b2c = act(decideNextStep(aDossier({ scenarioId: B2C.id }), B2C, [], on(90)));
    expect(b2c.level).toBe('reminder-2');
    expect(b2c.nextActionOn).toBe(addDays(on(90), MIN_DAYS_BETWEEN_LEVELS));
  });

  it('never jumps over the formal notice: a late contacted dossier gets its last reminder, then the notice', () => {
    const late = aDossier({ levelIndex: 1, lastActionOn: on(1) });
    const decision = act(decideNextStep(late, B2B, [], on(23)));
    expect(decision.level).toBe('call');
    expect(decision.skipped).toEqual(['reminder-2']);
    const after = aDossier({ levelIndex: 3, lastActionOn: on(23) });
    expect(act(decideNextStep(after, B2B, [], on(60))).level).toBe('formal-notice');
  });

  it('never reaches judicial review without the formal notice', () => {
    const contacted = aDossier({ levelIndex: 3, lastActionOn: on(15) });
    const decision = act(decideNextStep(contacted, B2B, [], on(200)));
    expect(decision.level).toBe('formal-notice');
    expect(decision.skipped).toEqual([]);
  });
});

describe('decideNextStep: spacing between levels', () => {
  it('schedules the next level at least MIN_DAYS_BETWEEN_LEVELS after a late one', () => {
    // Reminder 1 performed late at D+7: reminder 2 (D+8) waits until D+9.
    const decision = act(decideNextStep(aDossier({ levelIndex: 0, lastActionOn: on(-3) }), B2B, [], on(7)));
    expect(decision.level).toBe('reminder-1');
    expect(decision.nextActionOn).toBe(on(7 + MIN_DAYS_BETWEEN_LEVELS));
  });

  it('does not contact the debtor the day after the last level even if a level is due', () => {
    const dossier = aDossier({ levelIndex: 1, lastActionOn: on(7), nextActionOn: on(9) });
    const decision = decideNextStep(dossier, B2B, [], on(8));
    expect(decision.kind).not.toBe('act');
    if (decision.kind === 'reschedule') expect(decision.nextActionOn).toBe(on(9));
  });

  it('does not go to judicial review before the formal notice deadline has run out', () => {
    const dossier = aDossier({ levelIndex: 4, lastActionOn: on(30), nextActionOn: on(39) });
    expect(decideNextStep(dossier, B2B, [], on(36)).kind).not.toBe('act');
    expect(act(decideNextStep(dossier, B2B, [], on(39))).level).toBe('judicial-review');
  });
});

describe('decideNextStep: guards', () => {
  it.each<DossierStatus>(['paid', 'disputed', 'prescribed', 'judicial'])(
    'does nothing on a %s dossier',
    (status) => {
      expect(decideNextStep(aDossier({ status }), B2B, [], on(10))).toMatchObject({ kind: 'none' });
    },
  );

  it('stops an open dossier whose debtor disputes the claim', () => {
    expect(decideNextStep(aDossier(), B2B, [dispute], on(10))).toMatchObject({
      kind: 'stop',
      status: 'disputed',
    });
  });

  it('contacts no debtor in insolvency proceedings from the day they opened (C.com. L622-21)', () => {
    const insolvent = aDossier({
      debtor: aDebtor({ insolvency: { kind: 'receivership', openedOn: on(12) } }),
    });
    expect(act(decideNextStep(insolvent, B2B, [], on(8))).level).toBe('reminder-2');
    expect(decideNextStep(insolvent, B2B, [], on(12))).toMatchObject({
      kind: 'none',
      reason: expect.stringContaining('insolvency'),
    });
  });

  it('stops a fully paid open dossier as paid', () => {
    const dossier = aDossier({ invoices: [anInvoice({ paidCents: 120_000 })] });
    expect(decideNextStep(dossier, B2B, [], on(10))).toMatchObject({ kind: 'stop', status: 'paid' });
  });

  it('stops as prescribed when every unpaid invoice is time-barred', () => {
    const dossier = aDossier({
      invoices: [
        anInvoice({ number: 'A', paidCents: 120_000 }),
        anInvoice({ number: 'B', prescribed: true, prescriptionDate: '2026-01-01' }),
      ],
    });
    expect(decideNextStep(dossier, B2B, [], on(10))).toMatchObject({ kind: 'stop', status: 'prescribed' });
  });

  it('never acts past the prescription deadline, even before the sweep marked the invoices', () => {
    const dossier = aDossier({ prescriptionDate: on(9) });
    expect(decideNextStep(dossier, B2B, [], on(10))).toMatchObject({ kind: 'none' });
    // The deadline's own day is still within the period.
    expect(decideNextStep(dossier, B2B, [], on(9)).kind).toBe('act');
  });
});

describe('decideNextStep: channels', () => {
  it('falls back to a letter when the debtor has neither e-mail nor phone', () => {
    const dossier = aDossier({ debtor: aDebtor({ email: undefined, phone: undefined }) });
    expect(act(decideNextStep(dossier, B2B, [], on(-3))).actions.map((a) => a.channel)).toEqual(['letter']);
    expect(act(decideNextStep(dossier, B2B, [], on(9))).actions.map((a) => a.channel)).toEqual(['letter']);
    const call = act(decideNextStep({ ...dossier, levelIndex: 2, lastActionOn: on(8) }, B2B, [], on(15)));
    expect(call.actions.map((a) => a.channel)).toEqual(['letter']);
  });

  it('uses what is left when only part of a level is reachable', () => {
    const noPhone = aDossier({ debtor: aDebtor({ phone: undefined }) });
    expect(act(decideNextStep(noPhone, B2B, [], on(9))).actions.map((a) => a.channel)).toEqual(['email']);
    const optedOut = aDossier({ debtor: aDebtor({ optOuts: ['email'] }) });
    expect(act(decideNextStep(optedOut, B2B, [], on(9))).actions.map((a) => a.channel)).toEqual(['sms']);
  });

  it('reachableChannels drops opted-out and unknown channels, keeps letters', () => {
    const debtor = aDebtor({ email: undefined, optOuts: ['sms'] });
    expect(reachableChannels(debtor, ['email', 'sms', 'call', 'letter'])).toEqual(['call', 'letter']);
  });
});

describe('firstActionOn', () => {
  it('is today when a level is due, the courtesy day before that, nothing when closed', () => {
    expect(firstActionOn(aDossier(), B2B, on(6))).toBe(on(6));
    // on(5) is a Sunday: the first contact waits for Monday (contact guards, docs/legal.md §8).
    expect(firstActionOn(aDossier(), B2B, on(5))).toBe(on(6));
    expect(firstActionOn(aDossier(), B2B, '2026-02-01')).toBe(on(-3));
    expect(firstActionOn(aDossier({ status: 'paid' }), B2B, on(5))).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const dayArb = fc.integer({ min: -40, max: 120 }).map((offset) => on(offset));
const invoiceArb = fc.record({
  number: fc.string({ minLength: 1, maxLength: 8 }),
  dueOffset: fc.integer({ min: -30, max: 60 }),
  amountCents: fc.integer({ min: 1, max: 10_000_000 }),
  paidShare: fc.constantFrom(0, 0.5, 1),
});
const dossierArb = fc
  .record({
    invoices: fc.array(invoiceArb, { minLength: 1, maxLength: 4 }),
    email: fc.boolean(),
    phone: fc.boolean(),
    optOuts: fc.subarray(['email', 'sms', 'call'] as const),
    consumer: fc.boolean(),
  })
  .map(({ invoices, email, phone, optOuts, consumer }) =>
    aDossier({
      scenarioId: consumer ? B2C.id : B2B.id,
      debtor: aDebtor({
        type: consumer ? 'consumer' : 'professional',
        ...(email ? {} : { email: undefined }),
        ...(phone ? {} : { phone: undefined }),
        optOuts: [...optOuts],
      }),
      invoices: invoices.map((inv, i) =>
        anInvoice({
          number: `${inv.number}-${i}`,
          dueDate: on(inv.dueOffset),
          amountCents: inv.amountCents,
          paidCents: Math.floor(inv.amountCents * inv.paidShare),
        }),
      ),
    }),
  );
const scenarioOf = (dossier: Dossier) => (dossier.scenarioId === B2C.id ? B2C : B2B);
/** Strictly increasing sweep days: gaps of 1 to 20 days from a start. */
const daysArb = fc
  .tuple(
    fc.integer({ min: -40, max: 30 }),
    fc.array(fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 20 })), {
      minLength: 1,
      maxLength: 25,
    }),
  )
  .map(([start, gaps]) => {
    const days = [on(start)];
    for (const gap of gaps) days.push(addDays(days.at(-1)!, gap));
    return days;
  });

describe('decideNextStep properties', () => {
  it('never acts on a paid, disputed, prescribed or judicial dossier', () => {
    fc.assert(
      fc.property(
        dossierArb,
        fc.constantFrom<DossierStatus>('paid', 'disputed', 'prescribed', 'judicial'),
        dayArb,
        (dossier, status, day) => {
          expect(decideNextStep({ ...dossier, status }, scenarioOf(dossier), [], day).kind).toBe('none');
        },
      ),
    );
  });

  it('never acts once a dispute is on the timeline, or when nothing is left to claim', () => {
    fc.assert(
      fc.property(dossierArb, dayArb, (dossier, day) => {
        expect(decideNextStep(dossier, scenarioOf(dossier), [dispute], day).kind).toBe('stop');
        const settled = {
          ...dossier,
          invoices: dossier.invoices.map((i) => ({ ...i, paidCents: i.amountCents })),
        };
        expect(decideNextStep(settled, scenarioOf(dossier), [], day)).toMatchObject({
          kind: 'stop',
          status: 'paid',
        });
        const barred = { ...dossier, invoices: dossier.invoices.map((i) => ({ ...i, prescribed: true })) };
        expect(decideNextStep(barred, scenarioOf(dossier), [], day).kind).not.toBe('act');
      }),
    );
  });

  it('schedules the next look strictly after the day it decides on', () => {
    fc.assert(
      fc.property(dossierArb, fc.integer({ min: -1, max: 4 }), dayArb, (dossier, levelIndex, day) => {
        const decision = decideNextStep({ ...dossier, levelIndex }, scenarioOf(dossier), [], day);
        if (decision.kind === 'act' && decision.nextActionOn) expect(decision.nextActionOn > day).toBe(true);
        if (decision.kind === 'reschedule') expect(decision.nextActionOn > day).toBe(true);
      }),
    );
  });

  it('along any sequence of days: the level never goes back, contacts are spaced, the first is a reminder', () => {
    fc.assert(
      fc.property(dossierArb, daysArb, (start, days) => {
        const scenario = scenarioOf(start);
        let dossier = start;
        let lastAct: LocalDate | undefined;
        let firstAct = true;
        for (const day of days) {
          const before = dossier.levelIndex;
          const decision = decideNextStep(dossier, scenario, [], day);
          if (decision.kind === 'act') {
            expect(decision.levelIndex).toBeGreaterThan(before);
            if (firstAct) expect(decision.levelKind).toBe('reminder');
            if (lastAct) expect(daysBetween(lastAct, day)).toBeGreaterThanOrEqual(MIN_DAYS_BETWEEN_LEVELS);
            // The skipped levels are exactly those between the previous and the new level.
            expect(decision.skipped).toEqual(
              scenario.levels.slice(before + 1, decision.levelIndex).map((l) => l.id),
            );
            lastAct = day;
            firstAct = false;
          }
          dossier = apply(dossier, decision);
          expect(dossier.levelIndex).toBeGreaterThanOrEqual(before);
        }
      }),
    );
  });

  it('is pure: the same inputs give the same decision', () => {
    fc.assert(
      fc.property(dossierArb, dayArb, (dossier, day) => {
        const copy = structuredClone(dossier);
        expect(decideNextStep(dossier, scenarioOf(dossier), [], day)).toEqual(
          decideNextStep(copy, scenarioOf(copy), [], day),
        );
        expect(dossier).toEqual(copy);
      }),
    );
  });
});
