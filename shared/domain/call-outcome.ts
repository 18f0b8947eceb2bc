import { addDays, type LocalDate, maxDate } from './calendar';
import type { Channel } from './parties';
import type { TimelineEvent } from './timeline';

/** What an agent reports after a call task. */
export const CALL_OUTCOMES = ['reached', 'promise-to-pay', 'dispute', 'wrong-number', 'no-answer'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** How an outcome is kept on the timeline (`TimelineEvent.call` of a `call-outcome` event). */
export interface CallOutcomeRecord {
  taskId: string;
  outcome: CallOutcome;
  /** Last day of a promise to pay. */
  promisedOn?: LocalDate;
  promisedAmountCents?: number;
}

/**
 * Furthest a promise may hold the ladder. No statute sets it: a longer delay is a payment plan,
 * which the creditor grants (C.civ. 1343-5 lets only the judge impose one, up to 2 years).
 */
export const MAX_PROMISE_DAYS = 60;

/** A wrong number closes every channel that rings or buzzes that phone. */
export const PHONE_CHANNELS: readonly Channel[] = ['sms', 'call'];

/**
 * The promise to pay still running on `day`: the latest promised date on or after it, if any.
 * A kept promise arrives as a payment, which stops the dossier before this matters; a broken one
 * simply runs out, and the ladder resumes the day after.
 */
export function runningPromise(
  timeline: readonly TimelineEvent[],
  day: LocalDate,
): { promisedOn: LocalDate; resumeOn: LocalDate } | undefined {
  const promisedOn = maxDate(
    timeline
      .filter((event) => event.type === 'call-outcome' && event.call?.outcome === 'promise-to-pay')
      .map((event) => event.call?.promisedOn)
      .filter((promised): promised is LocalDate => promised !== undefined && promised >= day),
  );
  return promisedOn ? { promisedOn, resumeOn: addDays(promisedOn, 1) } : undefined;
}
