import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  isLocalDate,
  isoWeekday,
  maxDate,
  minDate,
  parisDate,
  parisInstant,
  parisTime,
} from '../../shared/domain/calendar';

describe('parisDate', () => {
  it.each([
    // Winter (UTC+1): 23:00Z is already the next day in Paris.
    ['2026-01-14T22:59:59.999Z', '2026-01-14'],
    ['2026-01-14T23:00:00.000Z', '2026-01-15'],
    // Summer (UTC+2): 22:00Z is the next day.
    ['2026-07-14T21:59:59.000Z', '2026-07-14'],
    ['2026-07-14T22:00:00.000Z', '2026-07-15'],
    // New Year's Eve: the year changes too.
    ['2025-12-31T23:30:00.000Z', '2026-01-01'],
    // Spring-forward day, 29 March 2026 (02:00 → 03:00 local at 01:00Z).
    ['2026-03-28T22:59:00.000Z', '2026-03-28'],
    ['2026-03-28T23:00:00.000Z', '2026-03-29'],
    ['2026-03-29T21:59:00.000Z', '2026-03-29'],
    ['2026-03-29T22:00:00.000Z', '2026-03-30'],
    // Fall-back day, 25 October 2026 (03:00 → 02:00 local at 01:00Z).
    ['2026-10-24T21:59:00.000Z', '2026-10-24'],
    ['2026-10-24T22:00:00.000Z', '2026-10-25'],
    ['2026-10-25T22:59:00.000Z', '2026-10-25'],
    ['2026-10-25T23:00:00.000Z', '2026-10-26'],
  ])('%s falls on %s in Paris', (instant, day) => {
    expect(parisDate(instant)).toBe(day);
    expect(parisDate(new Date(instant))).toBe(day);
  });
});

describe('parisTime', () => {
  it('reads the wall clock on both sides of the spring-forward change', () => {
    expect(parisTime('2026-03-29T00:59:00Z')).toMatchObject({ hour: 1, minute: 59, weekday: 'Sun' });
    expect(parisTime('2026-03-29T01:00:00Z')).toMatchObject({ hour: 3, minute: 0 });
  });

  it('uses hours 0-23 (midnight is 0, not 24)', () => {
    expect(parisTime('2026-01-14T23:00:00Z').hour).toBe(0);
  });
});

describe('parisInstant', () => {
  it.each([
    ['2026-01-15', 6, '2026-01-15T05:00:00.000Z'],
    ['2026-07-15', 6, '2026-07-15T04:00:00.000Z'],
    ['2026-03-29', 6, '2026-03-29T04:00:00.000Z'],
    ['2026-03-29', 0, '2026-03-28T23:00:00.000Z'],
    ['2026-10-25', 6, '2026-10-25T05:00:00.000Z'],
    ['2026-10-25', 0, '2026-10-24T22:00:00.000Z'],
    ['2026-03-30', 2, '2026-03-30T00:00:00.000Z'],
  ])('%s at %i:00 Paris is %s', (day, hour, instant) => {
    expect(parisInstant(day, hour)).toBe(instant);
  });

  it('is the inverse of parisDate for every morning of a year', () => {
    for (let day = '2026-01-01'; day < '2027-01-01'; day = addDays(day, 1)) {
      const instant = parisInstant(day, 6);
      expect(parisDate(instant)).toBe(day);
      expect(parisTime(instant)).toMatchObject({ hour: 6, minute: 0 });
    }
  });
});

describe('day arithmetic', () => {
  it('adds days across month, year and DST boundaries', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-03', -3)).toBe('2026-02-28');
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-31', 12, '2027-05-31'],
    ['2026-01-31', 0, '2026-01-31'],
  ])('addMonths(%s, %i) = %s (end of month clamps)', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2026-03-03', 5, '2031-03-03'],
    ['2026-03-03', 2, '2028-03-03'],
  ])('addYears(%s, %i) = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it('counts whole calendar days, DST days included, signed', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-10', '2026-03-03')).toBe(-7);
    expect(daysBetween('2026-03-03', '2026-03-03')).toBe(0);
  });

  it('validates calendar dates strictly', () => {
    expect(isLocalDate('2026-02-28')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
    expect(isLocalDate('01/03/2026')).toBe(false);
    expect(isLocalDate('2026-03-01T00:00:00Z')).toBe(false);
  });

  it('finds the min and max day and the ISO weekday', () => {
    expect(minDate(['2026-03-10', '2026-01-02', '2026-02-01'])).toBe('2026-01-02');
    expect(maxDate(['2026-03-10', '2026-01-02', '2026-02-01'])).toBe('2026-03-10');
    expect(minDate([])).toBeUndefined();
    expect(isoWeekday('2026-03-29')).toBe(7);
    expect(isoWeekday('2026-03-30')).toBe(1);
  });
});
