import { addDays, type LocalDate, minDate } from './calendar';
import { type ContactPolicy, checkContact } from './contact-policy';
import type { Dossier } from './dossier';
import type { EscalationAction, StepDecision } from './escalation';
import type { Channel, Debtor } from './parties';
import { activePlan, type PaymentPlan } from './payment-plan';
import { planProgress } from './payment-plan-progress';
import type { TimelineEvent } from './timeline';

/**
 * What a running payment plan makes the sweep-driven escalation step do instead of the ladder
 * (decideNextStep's hook): confirm the plan to the debtor, send a courtesy reminder a few days
 * before each instalment, give notice when an instalment is missed beyond the grace days, and
 * lapse the plan (déchéance du terme) when the notice's delay ran out unpaid (docs/legal.md §14).
 * At most one plan message a day; each is sent once, whatever the day the step runs.
 */

export type PlanMessageKind = 'confirmation' | 'reminder' | 'notice';

/** Carried by a plan message's action: performAction composes it from the plan, not a template. */
export interface PlanActionRef {
  planId: string;
  message: PlanMessageKind;
  /** The instalment a reminder or a notice is about (1-based). */
  instalment?: number;
}

/** The plan ended on this step: the record step writes it on the dossier and the timeline. */
export interface PlanEnd {
  planId: string;
  status: 'lapsed' | 'completed';
  reason: string;
  /** The instalment whose miss lapsed the plan. */
  instalment?: number;
}

export type PlanStep =
  | { kind: 'hold'; nextActionOn: LocalDate; reason: string }
  | {
      kind: 'send';
      ref: PlanActionRef;
      channels: Channel[];
      /** Channels claimed on an earlier day and never marked done (pendingClaims). */
      claimDays?: Partial<Record<Channel, LocalDate>>;
    }
  | { kind: 'end'; end: PlanEnd };

/** The level id a plan message is recorded under on the timeline: `plan-<id>-reminder-2`. */
export function planLevel(ref: PlanActionRef): string {
  return `plan-${ref.planId}-${ref.message}${ref.instalment !== undefined ? `-${ref.instalment}` : ''}`;
}

export function isPlanLevel(level: string | undefined): boolean {
  return level?.startsWith('plan-') ?? false;
}

/**
 * The message went out: the day of a done claim of its level. A claim still pending (the step
 * failed between the claim and the send) is not "sent": the next step performs it again under
 * that first claim (`claimDay`), so the messenger's idempotency key keeps it to one copy — the
 * notice before a lapse must not be skipped because a step crashed.
 */
function sentOn(timeline: readonly TimelineEvent[], level: string): LocalDate | undefined {
  return timeline.find(
    (event) => event.type === 'action-sent' && event.level === level && event.state !== 'pending',
  )?.day;
}

/** Per channel, the earliest claim of a level not yet done before `day`: its retry keeps that claim's id. */
function pendingClaims(
  timeline: readonly TimelineEvent[],
  level: string,
  day: LocalDate,
): Partial<Record<Channel, LocalDate>> {
  const claims: Partial<Record<Channel, LocalDate>> = {};
  for (const event of timeline) {
    if (event.type !== 'action-sent' || event.level !== level || event.state !== 'pending') continue;
    if (!event.channel || event.day >= day) continue;
    const known = claims[event.channel];
    if (!known || event.day < known) claims[event.channel] = event.day;
  }
  return claims;
}

export function planStep(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  day: LocalDate,
): PlanStep | undefined {
  const plan = activePlan(dossier.paymentPlans);
  if (!plan) return undefined;
  const progress = planProgress(plan, dossier, day);
  if (progress.kept)
    return {
      kind: 'end',
      end: { planId: plan.planId, status: 'completed', reason: 'every instalment paid' },
    };
  const tomorrow = addDays(day, 1);
  const sentToday = timeline.some(
    (event) =>
      event.type === 'action-sent' &&
      event.state !== 'pending' &&
      event.day === day &&
      event.level?.startsWith(`plan-${plan.planId}-`),
  );
  const send = (ref: PlanActionRef, channels: Channel[]): PlanStep => {
    if (sentToday) return { kind: 'hold', nextActionOn: tomorrow, reason: 'one plan message a day' };
    const claimDays = pendingClaims(timeline, planLevel(ref), day);
    return { kind: 'send', ref, channels, ...(Object.keys(claimDays).length > 0 ? { claimDays } : {}) };
  };
  const debtor = dossier.debtor;

  const confirmation: PlanActionRef = { planId: plan.planId, message: 'confirmation' };
  if (!sentOn(timeline, planLevel(confirmation))) return send(confirmation, writtenChannel(debtor));

  const missed = progress.missed;
  if (missed) {
    const lapse: PlanStep = {
      kind: 'end',
      end: {
        planId: plan.planId,
        status: 'lapsed',
        instalment: missed.number,
        reason: `instalment ${missed.number} of ${missed.dueOn} unpaid beyond ${plan.graceDays} grace days`,
      },
    };
    if (plan.lapseNoticeDays === 0) return lapse;
    const notice: PlanActionRef = { planId: plan.planId, message: 'notice', instalment: missed.number };
    const noticeDay = sentOn(timeline, planLevel(notice));
    if (!noticeDay) return send(notice, noticeChannels(debtor));
    const lapseOn = noticeLapseDay(plan, noticeDay);
    if (day >= lapseOn) return lapse;
    return {
      kind: 'hold',
      nextActionOn: lapseOn,
      reason: `notice of ${noticeDay}: the plan lapses on ${lapseOn} unless paid`,
    };
  }

  const next = progress.next!;
  const reminder: PlanActionRef = { planId: plan.planId, message: 'reminder', instalment: next.number };
  const reminderOn = addDays(next.dueOn, -plan.reminderDaysBefore);
  // The confirmation lists an instalment due within the reminder's days: no reminder right after it.
  const remind =
    plan.reminderDaysBefore > 0 && reminderOn > plan.agreedOn && !sentOn(timeline, planLevel(reminder));
  if (remind && day >= reminderOn && day <= next.dueOn) return send(reminder, courtesyChannel(debtor));
  const nextOn = minDate([next.missedOn, ...(remind && reminderOn > day ? [reminderOn] : [])])!;
  return {
    kind: 'hold',
    nextActionOn: nextOn > day ? nextOn : tomorrow,
    reason: `payment plan ${plan.planId}: instalment ${next.number} due ${next.dueOn}`,
  };
}

/** The notice gives `lapseNoticeDays` full days from its own day; the plan lapses the day after. */
export function noticeLapseDay(plan: PaymentPlan, noticeDay: LocalDate): LocalDate {
  return addDays(noticeDay, plan.lapseNoticeDays + 1);
}

/**
 * The plan step as the escalation step's decision: a plan message is an act that leaves the
 * ladder's level. The contact guards hold (docs/legal.md §8): no message on a rest day, no SMS
 * outside the hours; the notice, a demand, also keeps the spacing and weekly limit, while the
 * confirmation and the courtesy reminders, which the debtor's own agreement calls for, do not
 * count the ladder's earlier contacts.
 */
export function planDecision(
  dossier: Dossier,
  step: Exclude<PlanStep, { kind: 'end' }>,
  day: LocalDate,
  context: {
    timeline: readonly TimelineEvent[];
    at?: string | undefined;
    policy?: ContactPolicy | undefined;
  },
): StepDecision {
  if (step.kind === 'hold')
    return { kind: 'reschedule', day, nextActionOn: step.nextActionOn, reason: step.reason };
  const level = planLevel(step.ref);
  const contact = checkContact({
    day,
    ...(context.at ? { at: context.at } : {}),
    channels: step.channels,
    timeline: step.ref.message === 'notice' ? context.timeline : [],
    ...(context.policy ? { policy: context.policy } : {}),
  });
  if (!contact.allowed)
    return {
      kind: 'reschedule',
      day,
      nextActionOn: contact.nextDay,
      reason: contact.reason,
      guard: contact.guard,
      level,
    };
  return {
    kind: 'act',
    day,
    levelIndex: dossier.levelIndex,
    level,
    levelKind: 'reminder',
    skipped: [],
    plan: step.ref,
    // The next step works out what the plan needs next (a reminder, the miss, the notice's end).
    nextActionOn: addDays(day, 1),
    actions: step.channels.map(
      (channel): EscalationAction => ({
        level,
        levelKind: 'reminder',
        channel,
        template: `payment-plan-${step.ref.message}`,
        tone: step.ref.message === 'notice' ? 'firm' : 'courteous',
        day,
        ...(step.claimDays?.[channel] ? { claimDay: step.claimDays[channel] } : {}),
        plan: step.ref,
      }),
    ),
  };
}

function usable(debtor: Debtor, channel: Channel): boolean {
  if (debtor.optOuts.includes(channel) || debtor.failingChannels?.includes(channel)) return false;
  if (channel === 'email') return Boolean(debtor.email);
  if (channel === 'sms') return Boolean(debtor.phone);
  return true;
}

/** The confirmation lists every instalment: an e-mail, else a letter (the postal address always exists). */
function writtenChannel(debtor: Debtor): Channel[] {
  return usable(debtor, 'email') ? ['email'] : ['letter'];
}

/** A courtesy reminder takes the cheapest channel that reaches the debtor. */
function courtesyChannel(debtor: Debtor): Channel[] {
  if (usable(debtor, 'email')) return ['email'];
  if (usable(debtor, 'sms')) return ['sms'];
  return ['letter'];
}

/** The notice before a lapse is the debtor's last chance and the creditor's evidence: a letter, and an e-mail too. */
function noticeChannels(debtor: Debtor): Channel[] {
  return usable(debtor, 'email') ? ['letter', 'email'] : ['letter'];
}
