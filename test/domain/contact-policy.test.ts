import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, type LocalDate } from '../../shared/domain/calendar';
import {
  checkContact,
  contactDays,
  DEFAULT_CONTACT_POLICY,
  isRestDay,
  nextContactDay,
  publicHolidays,
} from '../../shared/domain/contact-policy';
import type { Channel } from '../../shared/domain/parties';
import type { TimelineEvent } from '../../shared/domain/timeline';

function sentOn(
  day: LocalDate,
  channel: Channel = 'email',
  state: 'done' | 'pending' = 'done',
): TimelineEvent {
  return {
    tenantId: 't',
    dossierId: 'd',
    eventId: `${day}#ACT#x#${channel}`,
    type: 'action-sent',
    at: `${day}T08:00:00.000Z`,
    day,
    actor: 'pipeline',
    level: 'reminder-1',
    channel,
    state,
  };
}

describe('French public holidays (package @socialgouv/jours-feries)', () => {
  it('knows the fixed and the moving ones of 2026', () => {
    const days = publicHolidays(2026);
    for (const day of ['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25']) {
      expect(days.has(day), day).toBe(true);
    }
    for (const day of ['2026-07-14', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25']) {
      expect(days.has(day), day).toBe(true);
    }
    expect(days.size).toBe(11);
    expect(days.has('2026-12-26')).toBe(false);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const alsace = publicHolidays(2026, true);
    expect(alsace.has('2026-04-03')).toBe(true);
    expect(alsace.has('2026-12-26')).toBe(true);
  });
});

describe('rest days', () => {
  it('are Sundays and public holidays, unless the tenant turns the guard off', () => {
    expect(isRestDay('2026-03-08')).toBe(true); // Sunday
    expect(isRestDay('2026-05-01')).toBe(true); // Friday, Labour Day
    expect(isRestDay('2026-03-07')).toBe(false); // Saturday
    expect(isRestDay('2026-03-08', { ...DEFAULT_CONTACT_POLICY, restOnSundaysAndHolidays: false })).toBe(
      false,
    );
  });

  it('next contact day skips a holiday followed by a Sunday', () => {
    // 2026-11-01 is a Sunday (Toussaint): Monday 2 November.
    expect(nextContactDay('2026-11-01')).toBe('2026-11-02');
    // Friday 1 May 2026 → Saturday 2 May is a working day.
    expect(nextContactDay('2026-05-01')).toBe('2026-05-02');
  });
});

describe('checkContact', () => {
  it('postpones any contact on a Sunday to Monday', () => {
    const check = checkContact({ day: '2026-03-08', channels: ['email'], timeline: [] });
    expect(check).toMatchObject({ allowed: false, guard: 'rest-day', nextDay: '2026-03-09' });
  });

  it('holds SMS and calls outside 08:00-20:00 Paris; e-mail and letters may go', () => {
    const early = '2026-03-10T06:30:00.000Z'; // 07:30 in Paris
    expect(checkContact({ day: '2026-03-10', at: early, channels: ['sms'], timeline: [] })).toMatchObject({
      allowed: false,
      guard: 'outside-hours',
      nextDay: '2026-03-10',
    });
    const late = '2026-03-10T19:30:00.000Z'; // 20:30 in Paris
    expect(checkContact({ day: '2026-03-10', at: late, channels: ['call'], timeline: [] })).toMatchObject({
      guard: 'outside-hours',
      nextDay: '2026-03-11',
    });
    expect(
      checkContact({ day: '2026-03-10', at: early, channels: ['email', 'letter'], timeline: [] }).allowed,
    ).toBe(true);
    const summerNine = '2026-07-07T07:00:00.000Z'; // 09:00 in Paris (UTC+2)
    expect(checkContact({ day: '2026-07-07', at: summerNine, channels: ['sms'], timeline: [] }).allowed).toBe(
      true,
    );
  });

  it('keeps two contact days at least 2 days apart', () => {
    const check = checkContact({ day: '2026-03-11', channels: ['email'], timeline: [sentOn('2026-03-10')] });
    expect(check).toMatchObject({ allowed: false, guard: 'spacing', nextDay: '2026-03-12' });
    expect(
      checkContact({ day: '2026-03-12', channels: ['email'], timeline: [sentOn('2026-03-10')] }).allowed,
    ).toBe(true);
  });

  it('allows at most 2 contact days in any 7, counting coupled channels of one day once', () => {
    const timeline = [sentOn('2026-03-03'), sentOn('2026-03-05'), sentOn('2026-03-05', 'sms')];
    expect(contactDays(timeline)).toEqual(['2026-03-03', '2026-03-05']);
    const check = checkContact({ day: '2026-03-09', channels: ['email'], timeline });
    // 3 and 5 March are in the 7 days ending 9 March: wait until 3 March leaves the window.
    expect(check).toMatchObject({ allowed: false, guard: 'weekly-limit', nextDay: '2026-03-10' });
    expect(checkContact({ day: '2026-03-10', channels: ['email'], timeline }).allowed).toBe(true);
  });

  it('does not count a claimed but unsent action as a contact', () => {
    expect(contactDays([sentOn('2026-03-10', 'email', 'pending')])).toEqual([]);
  });

  it('lets a level without channels (judicial review) through', () => {
    expect(checkContact({ day: '2026-03-08', channels: [], timeline: [] }).allowed).toBe(true);
  });
});

describe('property: following the guard never breaks a rule', () => {
  const start: LocalDate = '2026-01-01';
  it('contacts sent on allowed days only never fall on a rest day, are 2+ days apart and ≤ 2 per 7 days', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 365 }), { minLength: 1, maxLength: 80 }), (offsets) => {
        const timeline: TimelineEvent[] = [];
        for (const offset of [...offsets].sort((a, b) => a - b)) {
          let day = addDays(start, offset);
          // The pipeline follows the guard: try, and on refusal move to the day it names.
          for (let tries = 0; tries < 30; tries++) {
            const check = checkContact({ day, at: `${day}T09:00:00.000Z`, channels: ['sms'], timeline });
            if (check.allowed) break;
            expect(check.nextDay > day || check.guard === 'outside-hours').toBe(true);
            day = check.nextDay;
          }
          if (timeline.some((event) => event.day >= day)) continue;
          timeline.push(sentOn(day, 'sms'));
        }
        const days = contactDays(timeline);
        for (const [i, day] of days.entries()) {
          expect(isoWeekday(day)).not.toBe(7);
          expect(isRestDay(day)).toBe(false);
          if (i > 0) expect(day >= addDays(days[i - 1]!, 2)).toBe(true);
          expect(days.filter((d) => d >= addDays(day, -6) && d <= day).length).toBeLessThanOrEqual(2);
        }
      }),
      { numRuns: 200 },
    );
  });
});
