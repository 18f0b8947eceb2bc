import * as z from 'zod';
import { isLocalDate, type LocalDate } from '../domain/calendar';

/**
 * A day the caller reports as past (an acknowledgment, a mediation's start, a letter's posting):
 * a real calendar date (YYYY-MM-DD, Europe/Paris) and not after `today`, each refusal naming why.
 */
export function pastDaySchema(today: LocalDate) {
  return z
    .string()
    .refine(isLocalDate, 'not a date (YYYY-MM-DD)')
    .refine((day) => day <= today, `must not be after ${today}`);
}
