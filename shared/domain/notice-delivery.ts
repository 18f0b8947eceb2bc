import { addDays, type LocalDate, maxDate } from './calendar';
import type { Scenario } from './scenario';
import type { TimelineEvent } from './timeline';

/**
 * When the formal notice's payment deadline starts: at delivery, not at sending. The notice
 * gives the debtor "N jours à compter de la réception"; the pipeline learns the day of receipt
 * from the registered-mail service's receipt (a `letter-delivered` event), or the day of first
 * presentation of a letter that came back unclaimed (`letter-returned`, "pli avisé et non
 * réclamé": the debtor was given the chance to receive it; docs/legal.md §5 — the LRAR is proof,
 * not a condition of validity, C.civ. 1344). Without a receipt UNDELIVERED_AFTER_DAYS after
 * posting (La Poste keeps an unclaimed LRAR 15 days), the timeline notes it and the deadline is
 * counted from that day, the latest the letter could have been presented. Posting is the day a
 * `letter-posted` event records (the provider's posting event, or the person who posted it by
 * hand); without one, the day the notice was sent.
 */
export const UNDELIVERED_AFTER_DAYS = 15;

/**
 * A letter posted by hand (no provider configured) waits for a person: the next level is looked
 * at again this often, though recording the posting brings it forward (record-letter-posting.ts).
 */
export const AWAITING_POSTING_RECHECK_DAYS = 7;

export interface NoticeDelivery {
  level: string;
  sentOn: LocalDate;
  trackingRef?: string;
  /** Day the letter was handed to the post (`letter-posted`), when recorded; else sending counts. */
  postedOn?: LocalDate;
  /**
   * no-tracking: sent without a registered-mail service (counted from sending);
   * awaiting-posting: to be posted by hand, and nobody has recorded the posting yet.
   */
  status: 'delivered' | 'returned' | 'awaiting-posting' | 'awaiting-receipt' | 'no-receipt' | 'no-tracking';
  /** Day the payment deadline runs from; absent while a receipt is awaited. */
  countsFrom?: LocalDate;
  paymentDeadlineDays: number;
}

/** A timeline note a step decision asks the record step to write (idempotent by its id). */
export interface DecisionNote {
  eventId: string;
  /** promise-broken: a promise to pay ran out (ladder-resume.ts), written when the ladder resumes. */
  type: 'letter-undelivered' | 'promise-broken';
  level: string;
  trackingRef?: string;
  text: string;
}

/** The last formal notice the timeline shows as sent, and where its delivery stands on `day`. */
export function formalNoticeDelivery(
  scenario: Scenario,
  timeline: readonly TimelineEvent[],
  day: LocalDate,
  undeliveredAfterDays = UNDELIVERED_AFTER_DAYS,
): NoticeDelivery | undefined {
  const noticeLevels = new Map(
    scenario.levels.filter((l) => l.kind === 'formal-notice').map((l) => [l.id, l.paymentDeadlineDays ?? 8]),
  );
  const sent = timeline
    .filter(
      (e) =>
        e.type === 'action-sent' &&
        e.channel === 'letter' &&
        e.state !== 'pending' &&
        e.level !== undefined &&
        noticeLevels.has(e.level),
    )
    .sort((a, b) => a.day.localeCompare(b.day))
    .at(-1);
  if (!sent) return undefined;
  const base = {
    level: sent.level!,
    sentOn: sent.day,
    paymentDeadlineDays: noticeLevels.get(sent.level!)!,
  };
  if (!sent.trackingRef) return { ...base, status: 'no-tracking', countsFrom: sent.day };
  const receipt = timeline.find(
    (e) =>
      (e.type === 'letter-delivered' || e.type === 'letter-returned') && e.trackingRef === sent.trackingRef,
  );
  const posted = timeline.find((e) => e.type === 'letter-posted' && e.trackingRef === sent.trackingRef);
  const tracked = { ...base, trackingRef: sent.trackingRef, ...(posted ? { postedOn: posted.day } : {}) };
  if (receipt)
    return {
      ...tracked,
      status: receipt.type === 'letter-delivered' ? 'delivered' : 'returned',
      countsFrom: receipt.day,
    };
  // Posted by hand: a `task-created` event on the letter's reference. Until the posting is
  // recorded nothing runs: the 15 days count from the day the letter really left.
  const byHand = timeline.some(
    (e) => e.type === 'task-created' && e.channel === 'letter' && e.trackingRef === sent.trackingRef,
  );
  if (byHand && !posted) return { ...tracked, status: 'awaiting-posting' };
  const giveUp = addDays(posted?.day ?? sent.day, undeliveredAfterDays);
  return day < giveUp
    ? { ...tracked, status: 'awaiting-receipt' }
    : { ...tracked, status: 'no-receipt', countsFrom: giveUp };
}

/** First day after the notice's deadline: the earliest the next level (judicial review) may come. */
export function noticeDeadlineOver(delivery: NoticeDelivery): LocalDate | undefined {
  return delivery.countsFrom ? addDays(delivery.countsFrom, delivery.paymentDeadlineDays + 1) : undefined;
}

/**
 * Whether a level after the formal notice must wait for its deadline to run from delivery:
 * `until` is the day to come back (the receipt, when it arrives, moves the schedule sooner),
 * `note` what to put on the timeline when no receipt came.
 */
export function noticeGate(
  scenario: Scenario,
  levelIndex: number,
  timeline: readonly TimelineEvent[],
  day: LocalDate,
): { until?: LocalDate; reason: string; note?: DecisionNote } | undefined {
  const delivery = formalNoticeDelivery(scenario, timeline, day);
  if (!delivery) return undefined;
  const noticeIndex = scenario.levels.findIndex((l) => l.id === delivery.level);
  if (levelIndex <= noticeIndex) return undefined;
  const note: DecisionNote | undefined =
    delivery.status === 'no-receipt'
      ? {
          eventId: `${delivery.sentOn}#UNDELIVERED#${delivery.level}`,
          type: 'letter-undelivered',
          level: delivery.level,
          ...(delivery.trackingRef ? { trackingRef: delivery.trackingRef } : {}),
          text: `no delivery receipt ${UNDELIVERED_AFTER_DAYS} days after ${delivery.postedOn ? 'posting' : 'sending'} (${delivery.postedOn ?? delivery.sentOn}); the payment deadline counts from ${delivery.countsFrom}`,
        }
      : undefined;
  if (delivery.status === 'awaiting-posting') {
    return {
      until: addDays(day, AWAITING_POSTING_RECHECK_DAYS),
      reason: 'formal notice not posted yet: a registered-letter task waits for a person',
    };
  }
  if (delivery.status === 'awaiting-receipt') {
    return {
      until: addDays(delivery.postedOn ?? delivery.sentOn, UNDELIVERED_AFTER_DAYS),
      reason: 'formal notice not delivered yet: its payment deadline runs from receipt',
    };
  }
  const over = noticeDeadlineOver(delivery)!;
  if (day < over)
    return {
      until: maxDate([over, addDays(day, 1)])!,
      reason: `formal notice ${delivery.status} on ${delivery.countsFrom}: payment deadline runs until ${addDays(over, -1)}`,
      ...(note ? { note } : {}),
    };
  return note ? { reason: 'formal notice deadline over', note } : undefined;
}
