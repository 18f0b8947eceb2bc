import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/calendar';
import { applyDeliveryFailure, needsLetterFallback } from '../../shared/domain/delivery-feedback';
import { decideNextStep } from '../../shared/domain/escalation';
import { reachableChannels } from '../../shared/domain/escalation-levels';
import { DEFAULT_B2B_SCENARIO as B2B } from '../../shared/domain/scenario';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aDebtor, aDossier } from '../support/builders';

// Reference due date 2026-03-03 (a Tuesday): courtesy 02-28, R1 03-04, R2 03-11.
const on = (offset: number) => addDays('2026-03-03', offset);

function sent(level: string, channel: TimelineEvent['channel'], day: string): TimelineEvent {
  return {
    tenantId: 'tenant-a',
    dossierId: 'DOS-CLI-001',
    eventId: `${day}#ACT#${level}#${channel}`,
    type: 'action-sent',
    at: `${day}T07:00:00.000Z`,
    day,
    actor: 'pipeline',
    level,
    channel,
    state: 'done',
  };
}

function failed(level: string, kind: 'bounce' | 'complaint' | 'sms-failure', day: string): TimelineEvent {
  return {
    tenantId: 'tenant-a',
    dossierId: 'DOS-CLI-001',
    eventId: `${day}#FAIL#fb-${level}-${kind}`,
    type: 'delivery-failed',
    at: `${day}T07:01:00.000Z`,
    day,
    actor: kind === 'complaint' ? 'debtor' : 'pipeline',
    level,
    channel: kind === 'sms-failure' ? 'sms' : 'email',
    deliveryFailure: kind,
  };
}

describe('applyDeliveryFailure', () => {
  it('marks a bounced e-mail failing, once', () => {
    const first = applyDeliveryFailure(aDebtor(), 'bounce');
    expect(first).toMatchObject({ changed: true, debtor: { failingChannels: ['email'], optOuts: [] } });
    expect(applyDeliveryFailure(first.debtor, 'bounce').changed).toBe(false);
  });

  it('marks a failed SMS failing, and leaves e-mail alone', () => {
    expect(applyDeliveryFailure(aDebtor(), 'sms-failure').debtor.failingChannels).toEqual(['sms']);
  });

  it('turns a complaint into an opt-out of e-mail (docs/legal.md §8: stop on opt-out)', () => {
    const { debtor } = applyDeliveryFailure(aDebtor(), 'complaint');
    expect(debtor.optOuts).toEqual(['email']);
    expect(reachableChannels(debtor, ['email', 'sms'])).toEqual(['sms']);
  });
});

describe('needsLetterFallback', () => {
  it('owes the letter when the e-mail of the level bounced', () => {
    expect(
      needsLetterFallback('reminder-1', [
        sent('reminder-1', 'email', on(1)),
        failed('reminder-1', 'bounce', on(1)),
      ]),
    ).toBe(true);
  });

  it('owes the letter when the e-mail bounced even though the SMS went through', () => {
    const timeline = [
      sent('reminder-2', 'email', on(8)),
      sent('reminder-2', 'sms', on(8)),
      failed('reminder-2', 'bounce', on(8)),
    ];
    expect(needsLetterFallback('reminder-2', timeline)).toBe(true);
  });

  it('owes nothing when only the SMS failed and the e-mail was delivered', () => {
    const timeline = [
      sent('reminder-2', 'email', on(8)),
      sent('reminder-2', 'sms', on(8)),
      failed('reminder-2', 'sms-failure', on(8)),
    ];
    expect(needsLetterFallback('reminder-2', timeline)).toBe(false);
  });

  it('owes nothing for a complaint, another level, or once the letter went out', () => {
    expect(
      needsLetterFallback('reminder-1', [
        sent('reminder-1', 'email', on(1)),
        failed('reminder-1', 'complaint', on(1)),
      ]),
    ).toBe(false);
    expect(
      needsLetterFallback('reminder-2', [
        sent('reminder-1', 'email', on(1)),
        failed('reminder-1', 'bounce', on(1)),
      ]),
    ).toBe(false);
    const done = [
      sent('reminder-1', 'email', on(1)),
      failed('reminder-1', 'bounce', on(1)),
      sent('reminder-1', 'letter', on(3)),
    ];
    expect(needsLetterFallback('reminder-1', done)).toBe(false);
  });
});

describe('decideNextStep after a bounce', () => {
  const bounced = aDossier({
    debtor: aDebtor({ failingChannels: ['email'] }),
    levelIndex: 1,
    lastActionOn: on(1),
    nextActionOn: on(1),
  });
  const timeline = [sent('reminder-1', 'email', on(1)), failed('reminder-1', 'bounce', on(1))];

  it('re-sends the level performed by letter, once the spacing allows, and keeps the next level after it', () => {
    const early = decideNextStep(bounced, B2B, timeline, on(2));
    expect(early).toMatchObject({
      kind: 'reschedule',
      guard: 'spacing',
      level: 'reminder-1',
      nextActionOn: on(3),
    });
    const decision = decideNextStep(bounced, B2B, timeline, on(3));
    expect(decision).toMatchObject({
      kind: 'act',
      fallback: true,
      level: 'reminder-1',
      levelIndex: 1,
      skipped: [],
      actions: [{ level: 'reminder-1', channel: 'letter', template: 'reminder-1' }],
      nextActionOn: on(8),
    });
  });

  it('never sends the fallback twice: not the same day, not once the letter is on the timeline', () => {
    expect(decideNextStep({ ...bounced, lastActionOn: on(3) }, B2B, timeline, on(3)).kind).toBe('none');
    const after = [...timeline, sent('reminder-1', 'letter', on(3))];
    const next = decideNextStep({ ...bounced, lastActionOn: on(3) }, B2B, after, on(8));
    // Reminder 2 goes on without the failing e-mail: the SMS only.
    expect(next).toMatchObject({ kind: 'act', level: 'reminder-2', actions: [{ channel: 'sms' }] });
    expect(next.kind === 'act' && next.fallback).toBeFalsy();
  });

  it('falls back to a letter for a later level whose every channel failed', () => {
    const dossier = aDossier({
      debtor: aDebtor({ failingChannels: ['email', 'sms'] }),
      levelIndex: 1,
      lastActionOn: on(1),
    });
    const decision = decideNextStep(dossier, B2B, [...timeline, sent('reminder-1', 'letter', on(3))], on(8));
    expect(decision).toMatchObject({ kind: 'act', level: 'reminder-2', actions: [{ channel: 'letter' }] });
  });

  it('holds the fallback on a Sunday like any contact', () => {
    // 2026-03-08 is a Sunday.
    const decision = decideNextStep(bounced, B2B, timeline, '2026-03-08');
    expect(decision).toMatchObject({ kind: 'reschedule', guard: 'rest-day', level: 'reminder-1' });
  });
});
