import getJoursFeries from '@socialgouv/jours-feries';
import { addDays, isoWeekday, type LocalDate, parisTime } from './calendar';
import type { Channel } from './parties';
import type { TimelineEvent } from './timeline';

/**
 * When a debtor may be contacted. No statute fixes hours or frequency for collection contacts;
 * repeated unwanted solicitations are an aggressive practice (C.conso L121-6, L121-7) and
 * malicious repeated calls an offence (C.pén. 222-16). These are the safe defaults of
 * docs/legal.md §8, configurable per tenant (TenantProfile.contactPolicy).
 */
export interface ContactPolicy {
  /** SMS and calls only from this Paris hour… */
  windowStartHour: number;
  /** …and before this one. */
  windowEndHour: number;
  /** No contact at all on Sundays and French public holidays. */
  restOnSundaysAndHolidays: boolean;
  /** Alsace-Moselle adds Good Friday and 26 December (local law, C. trav. L3134-13). */
  alsaceMoselle: boolean;
  /** At most this many contact days per debtor in any rolling 7 days. */
  maxContactDaysPer7Days: number;
  /**
   * At least this many calendar days between two contact days. Contacts go out in the morning
   * window, so 2 days apart is the 48 h of docs/legal.md §8.
   */
  minDaysBetweenContacts: number;
}

export const DEFAULT_CONTACT_POLICY: ContactPolicy = {
  windowStartHour: 8,
  windowEndHour: 20,
  restOnSundaysAndHolidays: true,
  alsaceMoselle: false,
  maxContactDaysPer7Days: 2,
  minDaysBetweenContacts: 2,
};

export type ContactGuard = 'rest-day' | 'outside-hours' | 'spacing' | 'weekly-limit';

export type ContactCheck =
  | { allowed: true }
  | { allowed: false; guard: ContactGuard; nextDay: LocalDate; reason: string };

/** Channels whose hours are restricted: they ring or buzz the debtor's phone. */
const INTRUSIVE: readonly Channel[] = ['sms', 'call'];

const holidayCache = new Map<string, Set<LocalDate>>();

/** French public holidays of a year (maintained package @socialgouv/jours-feries; C. trav. L3133-1). */
export function publicHolidays(year: number, alsaceMoselle = false): Set<LocalDate> {
  const key = `${year}-${alsaceMoselle}`;
  let days = holidayCache.get(key);
  if (!days) {
    // The package builds each date at local midnight: read it back in local time, whatever the TZ.
    const dates = Object.values(getJoursFeries(year, { alsace: alsaceMoselle }));
    days = new Set(
      dates.map(
        (d) =>
          `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
      ),
    );
    holidayCache.set(key, days);
  }
  return days;
}

export function isRestDay(day: LocalDate, policy: ContactPolicy = DEFAULT_CONTACT_POLICY): boolean {
  if (!policy.restOnSundaysAndHolidays) return false;
  return isoWeekday(day) === 7 || publicHolidays(Number(day.slice(0, 4)), policy.alsaceMoselle).has(day);
}

/** The first day on or after `day` when a contact may go out. */
export function nextContactDay(day: LocalDate, policy: ContactPolicy = DEFAULT_CONTACT_POLICY): LocalDate {
  let candidate = day;
  while (isRestDay(candidate, policy)) candidate = addDays(candidate, 1);
  return candidate;
}

/** Days on which the debtor was actually contacted (a message sent or a call task performed). */
export function contactDays(timeline: readonly TimelineEvent[]): LocalDate[] {
  const days = new Set<LocalDate>();
  for (const event of timeline) {
    const contact = event.type === 'action-sent' || event.type === 'task-created';
    if (contact && event.state !== 'pending' && event.channel) days.add(event.day);
  }
  return [...days].sort();
}

/**
 * May the debtor be contacted on `day` (at instant `at`) on these channels? When not, says which
 * guard blocks and the first day worth trying again: the action is postponed, never dropped.
 */
export function checkContact(input: {
  day: LocalDate;
  at?: string;
  channels: readonly Channel[];
  timeline: readonly TimelineEvent[];
  policy?: ContactPolicy;
}): ContactCheck {
  const policy = input.policy ?? DEFAULT_CONTACT_POLICY;
  const { day } = input;
  if (input.channels.length === 0) return { allowed: true };
  if (isRestDay(day, policy)) {
    return {
      allowed: false,
      guard: 'rest-day',
      nextDay: nextContactDay(addDays(day, 1), policy),
      reason: 'no contact on Sundays and public holidays',
    };
  }
  if (input.at && input.channels.some((channel) => INTRUSIVE.includes(channel))) {
    const { hour } = parisTime(input.at);
    if (hour < policy.windowStartHour || hour >= policy.windowEndHour) {
      // Before the window: later today is fine, and the next sweep run takes it; after it: tomorrow.
      const next = hour < policy.windowStartHour ? day : addDays(day, 1);
      return {
        allowed: false,
        guard: 'outside-hours',
        nextDay: nextContactDay(next, policy),
        reason: `SMS and calls only ${policy.windowStartHour}:00-${policy.windowEndHour}:00 Europe/Paris`,
      };
    }
  }
  const past = contactDays(input.timeline).filter((d) => d < day);
  const last = past.at(-1);
  if (last && addDays(last, policy.minDaysBetweenContacts) > day) {
    return {
      allowed: false,
      guard: 'spacing',
      nextDay: nextContactDay(addDays(last, policy.minDaysBetweenContacts), policy),
      reason: `at least ${policy.minDaysBetweenContacts} days between two contacts`,
    };
  }
  const windowStart = addDays(day, -6);
  const inWindow = past.filter((d) => d >= windowStart);
  if (inWindow.length >= policy.maxContactDaysPer7Days) {
    // The oldest contact that must leave the window for one more to fit.
    const leaving = inWindow[inWindow.length - policy.maxContactDaysPer7Days]!;
    return {
      allowed: false,
      guard: 'weekly-limit',
      nextDay: nextContactDay(addDays(leaving, 7), policy),
      reason: `at most ${policy.maxContactDaysPer7Days} contacts in 7 days`,
    };
  }
  return { allowed: true };
}
