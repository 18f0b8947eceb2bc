import { daysBetween, type LocalDate, parisDate, parisTime } from '../../../shared/domain/calendar';
import { type ContactPolicy, DEFAULT_CONTACT_POLICY } from '../../../shared/domain/contact-policy';
import type { Channel } from '../../../shared/domain/parties';

/** A dunning message as the outbox index records it (creditor e-mails and statements left out). */
export interface DebtorContact {
  at: string;
  channel: Channel;
  dossierId: string;
}

/**
 * How close a ladder runs to the contact limits of docs/legal.md §8. The guards make the limits
 * themselves unbreakable; what draws complaints (C.conso L121-6, L121-7: repeated unwanted
 * solicitations) is living at them. A contact day is "at a limit" when any of these holds:
 * - spacing: it comes at the minimum spacing (fewer than minDaysBetweenContacts + 1 days after
 *   the debtor's previous contact day);
 * - weekly: it is the debtor's maxContactDaysPer7Days-th contact day in 7 days (the ceiling reached);
 * - hours: an SMS or a call in the first or the last hour of the window (08:00–08:59, 19:00–19:59);
 * - channels: more than one channel that day (an e-mail and an SMS: one contact day, two intrusions).
 * The risk is the share of contact days at a limit; `peak7` the most messages one debtor got in 7 days.
 */
export interface ComplaintsRisk {
  debtors: number;
  messages: number;
  contactDays: number;
  atLimit: { spacing: number; weekly: number; hours: number; channels: number };
  contactDaysAtLimit: number;
  /** contactDaysAtLimit / contactDays, in percent (one decimal). */
  riskPercent: number;
  /** Most dunning messages one debtor received in any 7 consecutive days, and its mean over debtors. */
  peak7: { max: number; mean: number };
}

export function complaintsRisk(
  contacts: readonly DebtorContact[],
  policy: ContactPolicy = DEFAULT_CONTACT_POLICY,
): ComplaintsRisk {
  const byDebtor = new Map<string, DebtorContact[]>();
  for (const contact of contacts) {
    const list = byDebtor.get(contact.dossierId) ?? [];
    list.push(contact);
    byDebtor.set(contact.dossierId, list);
  }
  const atLimit = { spacing: 0, weekly: 0, hours: 0, channels: 0 };
  let contactDays = 0;
  let contactDaysAtLimit = 0;
  const peaks: number[] = [];
  for (const list of byDebtor.values()) {
    const days = new Map<LocalDate, DebtorContact[]>();
    for (const contact of [...list].sort((a, b) => a.at.localeCompare(b.at))) {
      const day = parisDate(contact.at);
      days.set(day, [...(days.get(day) ?? []), contact]);
    }
    const ordered = [...days.keys()].sort();
    ordered.forEach((day, index) => {
      const sameDay = days.get(day)!;
      const previous = ordered[index - 1];
      const spacing = previous !== undefined && daysBetween(previous, day) <= policy.minDaysBetweenContacts;
      const inWeek = ordered.filter((d) => d <= day && daysBetween(d, day) < 7).length;
      const weekly = inWeek >= policy.maxContactDaysPer7Days;
      const hours = sameDay.some((contact) => {
        if (contact.channel !== 'sms' && contact.channel !== 'call') return false;
        const { hour } = parisTime(contact.at);
        return hour === policy.windowStartHour || hour === policy.windowEndHour - 1;
      });
      const channels = new Set(sameDay.map((contact) => contact.channel)).size > 1;
      atLimit.spacing += Number(spacing);
      atLimit.weekly += Number(weekly);
      atLimit.hours += Number(hours);
      atLimit.channels += Number(channels);
      contactDays++;
      if (spacing || weekly || hours || channels) contactDaysAtLimit++;
    });
    peaks.push(
      Math.max(
        ...ordered.map((day) =>
          ordered
            .filter((d) => d >= day && daysBetween(day, d) < 7)
            .reduce((sum, d) => sum + days.get(d)!.length, 0),
        ),
      ),
    );
  }
  const round1 = (value: number) => Math.round(value * 10) / 10;
  return {
    debtors: byDebtor.size,
    messages: contacts.length,
    contactDays,
    atLimit,
    contactDaysAtLimit,
    riskPercent: contactDays ? round1((100 * contactDaysAtLimit) / contactDays) : 0,
    peak7: {
      max: peaks.length ? Math.max(...peaks) : 0,
      mean: peaks.length ? round1(peaks.reduce((a, b) => a + b, 0) / peaks.length) : 0,
    },
  };
}
