import { addDays, isoWeekday, type LocalDate } from './calendar';
import { publicHolidays } from './contact-policy';

/** Monday to Friday, not a French public holiday. */
export function isWorkingDay(day: LocalDate): boolean {
  return isoWeekday(day) < 6 && !publicHolidays(Number(day.slice(0, 4))).has(day);
}

/** The first working day of `day`'s month: when monthly statements go out (1 January is a holiday). */
export function firstWorkingDayOfMonth(day: LocalDate): LocalDate {
  let candidate = `${day.slice(0, 8)}01` as LocalDate;
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}
