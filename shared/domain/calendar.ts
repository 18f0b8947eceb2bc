/**
 * Calendar days in Europe/Paris for legal deadlines ("LocalDate", YYYY-MM-DD),
 * instants in UTC ISO-8601. Day arithmetic is done on UTC midnights of the
 * calendar date, so it never depends on the machine's time zone or on DST.
 */
export type LocalDate = string;

export const PARIS = 'Europe/Paris';
const DAY_MS = 86_400_000;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const parisParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});

function partsOf(instant: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of parisParts.formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The Paris calendar day an instant falls on. */
export function parisDate(instant: Date | string): LocalDate {
  const p = partsOf(typeof instant === 'string' ? new Date(instant) : instant);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Paris wall-clock hour and minute of an instant. */
export function parisTime(instant: Date | string): { hour: number; minute: number; weekday: string } {
  const p = partsOf(typeof instant === 'string' ? new Date(instant) : instant);
  return { hour: Number(p.hour), minute: Number(p.minute), weekday: p.weekday ?? '' };
}

/** Offset of Paris from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: Date): number {
  const p = partsOf(instant);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The UTC instant of a Paris wall-clock time on a calendar day (e.g. 06:00 on 2026-03-29). */
export function parisInstant(date: LocalDate, hour = 0, minute = 0): string {
  const guess = new Date(`${date}T${pad(hour)}:${pad(minute)}:00Z`);
  const first = new Date(guess.getTime() - parisOffsetMinutes(guess) * 60_000);
  // A second pass settles the DST change days, where the offset of the guess differs from the result's.
  const second = new Date(guess.getTime() - parisOffsetMinutes(first) * 60_000);
  return second.toISOString();
}

function pad(n: number): string {
  return n.toString().padStart(2, '0');
}

function toUtcMidnight(date: LocalDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(toUtcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Adds calendar years; 29 February falls back to 28 February, the usual
 * reading for a period "of N years" that ends on a day the year lacks.
 */
export function addYears(date: LocalDate, years: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, d));
  if (target.getUTCDate() !== d) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

export function minDate(dates: readonly LocalDate[]): LocalDate | undefined {
  return dates.reduce<LocalDate | undefined>((min, d) => (min === undefined || d < min ? d : min), undefined);
}

export function maxDate(dates: readonly LocalDate[]): LocalDate | undefined {
  return dates.reduce<LocalDate | undefined>((max, d) => (max === undefined || d > max ? d : max), undefined);
}

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function isoWeekday(date: LocalDate): number {
  const day = new Date(toUtcMidnight(date)).getUTCDay();
  return day === 0 ? 7 : day;
}
