import { addDays, parisDate, parisInstant, parisTime } from '../../../shared/domain/calendar';
import { SWEEP_SCHEDULES } from '../../sweep-schedules';

export type ScheduleName =
  | 'prescription-sweep'
  | 'judicial-sweep'
  | 'retention-sweep'
  | 'overdue-sweep'
  | 'monthly-statements'
  | 'registered-mail';

/** A daily job at a Paris wall-clock hour, as EventBridge Scheduler runs it on AWS (cron, Europe/Paris). */
export interface ServeSchedule {
  name: ScheduleName;
  label: string;
  hour: number;
  /**
   * Real seconds between the scheduled time and the start. The overdue sweep's state machine
   * holds `holdSeconds` for the contact window, but Wait states last 0 s embedded (asl-runner):
   * starting it that much later keeps the first e-mail at 08:00 in real time too.
   */
  startDelaySeconds: number;
}

/** The same hours as infra/aws (stateless/daily-sweeps.ts), from the same constants. */
export const SERVE_SCHEDULES: readonly ServeSchedule[] = [
  {
    name: 'prescription-sweep',
    label: 'prescription sweep',
    hour: SWEEP_SCHEDULES.prescription.hour,
    startDelaySeconds: 0,
  },
  {
    name: 'judicial-sweep',
    label: 'judicial sweep',
    hour: SWEEP_SCHEDULES.judicial.hour,
    startDelaySeconds: 0,
  },
  {
    name: 'retention-sweep',
    label: 'retention sweep (personal data)',
    hour: SWEEP_SCHEDULES.retention.hour,
    startDelaySeconds: 0,
  },
  {
    name: 'overdue-sweep',
    label: 'overdue sweep',
    hour: SWEEP_SCHEDULES.overdue.hour,
    startDelaySeconds: SWEEP_SCHEDULES.overdue.holdSeconds,
  },
  { name: 'monthly-statements', label: 'monthly statements', hour: 9, startDelaySeconds: 0 },
  // Not an AWS schedule: the simulated LRAR service's receipts (its webhook on AWS) at noon, as in the demo.
  { name: 'registered-mail', label: 'registered-mail receipts (simulated)', hour: 12, startDelaySeconds: 0 },
];

/** A sweep missed while the server was down runs at start-up if it is at most this old. */
export const CATCH_UP_DAYS = 7;

export interface Occurrence {
  schedule: ServeSchedule;
  /** The scheduled time: the job's `asOf`, like the scheduler's `scheduledTime`. */
  scheduledAt: Date;
  /** When it may start (scheduled time + start delay). */
  startsAt: Date;
}

/**
 * The scheduled time on `day`, or undefined on the spring DST day when the hour does not exist
 * in Paris (02:00 → 03:00): the scheduler skips that run, and the next night's sweep catches up.
 */
function occurrenceOn(schedule: ServeSchedule, day: string): Occurrence | undefined {
  const instant = parisInstant(day, schedule.hour);
  if (parisTime(instant).hour !== schedule.hour || parisDate(instant) !== day) return undefined;
  const scheduledAt = new Date(instant);
  return {
    schedule,
    scheduledAt,
    startsAt: new Date(scheduledAt.getTime() + schedule.startDelaySeconds * 1000),
  };
}

/** Occurrences scheduled after `after` (exclusive) whose start is at or before `now`, oldest first. */
export function dueOccurrences(schedule: ServeSchedule, after: Date, now: Date): Occurrence[] {
  const oldest = new Date(now.getTime() - CATCH_UP_DAYS * 86_400_000);
  const from = after > oldest ? after : oldest;
  const due: Occurrence[] = [];
  for (let day = parisDate(from); day <= parisDate(now); day = addDays(day, 1)) {
    const occurrence = occurrenceOn(schedule, day);
    if (occurrence && occurrence.scheduledAt > from && occurrence.startsAt <= now) due.push(occurrence);
  }
  return due;
}

/** The first occurrence scheduled after `after`. */
export function nextOccurrence(schedule: ServeSchedule, after: Date): Occurrence {
  for (let day = parisDate(after); ; day = addDays(day, 1)) {
    const occurrence = occurrenceOn(schedule, day);
    if (occurrence && occurrence.scheduledAt > after) return occurrence;
  }
}

/** "2026-03-03 06:00 Europe/Paris" for the start-up banner. */
export function parisLabel(instant: Date): string {
  const { hour, minute } = parisTime(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${parisDate(instant)} ${pad(hour)}:${pad(minute)} Europe/Paris`;
}
