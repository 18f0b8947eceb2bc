/**
 * The escalation step's decision: given a dossier and its timeline, stop, pause, reschedule or
 * perform one level. The rules it applies live beside it: ladder-pauses.ts (why no level today),
 * escalation-levels.ts (which level, when, on which channels), level-repeats.ts (a level sent
 * again), payment-plan-step.ts (a plan's own messages).
 */
import { addDays, type LocalDate, maxDate } from './calendar';
import type { ContactGuard, ContactPolicy } from './contact-policy';
import { type Dossier, referenceDueDate } from './dossier';
import {
  actionOf,
  contactPostponement,
  gapAfter,
  levelDate,
  nextLevelOn,
  performedFromTimeline,
  pickLevel,
  reachableChannels,
} from './escalation-levels';
import { ladderStop, promiseHold } from './ladder-pauses';
import { ladderResume, resumeLevel } from './ladder-resume';
import { withFirstClaims } from './level-claims';
import { finishLevel, letterFallback } from './level-repeats';
import { type DecisionNote, noticeGate } from './notice-delivery';
import type { Channel } from './parties';
import { endPlan } from './payment-plan';
import { type PlanActionRef, type PlanEnd, planDecision, planStep } from './payment-plan-step';
import { DEFAULT_PROMISE_GRACE_DAYS } from './promises';
import type { LevelKind, Scenario, ScenarioLevel } from './scenario';
import type { TimelineEvent } from './timeline';

/** One thing the step performs: a message on one channel (the Map state runs them in parallel). */
export interface EscalationAction {
  level: string;
  levelKind: LevelKind;
  channel: Channel;
  template: string;
  tone: ScenarioLevel['tone'];
  day: LocalDate;
  paymentDeadlineDays?: number;
  /**
   * Day of this level's first claim on this channel in the ladder, when earlier than `day`: the
   * action is performed under that claim and its idempotency key (level-claims.ts).
   */
  claimDay?: LocalDate;
  /** A payment plan's message (payment-plan-step.ts): composed from the plan, not the scenario's template. */
  plan?: PlanActionRef;
}

export type StepDecision = (
  | {
      kind: 'act';
      day: LocalDate;
      levelIndex: number;
      level: string;
      levelKind: LevelKind;
      actions: EscalationAction[];
      /** Levels passed over because a later one was already due (catch-up after a late intake). */
      skipped: string[];
      nextActionOn?: LocalDate;
      /** The level was performed already; this re-sends it by letter because its message bounced or failed. */
      fallback?: boolean;
      /** Written on the timeline by the record step (e.g. a formal notice without a delivery receipt). */
      note?: DecisionNote;
      /** A payment plan's message: the ladder's level stays where it was. */
      plan?: PlanActionRef;
    }
  | { kind: 'stop'; day: LocalDate; status: 'paid' | 'disputed' | 'prescribed'; reason: string }
  | {
      kind: 'reschedule';
      day: LocalDate;
      nextActionOn: LocalDate;
      reason: string;
      /** Set when a contact guard postponed a due level: the timeline records the postponement. */
      guard?: ContactGuard;
      level?: string;
      note?: DecisionNote;
    }
  | { kind: 'none'; day: LocalDate; reason: string }
) & {
  /** The payment plan ended on this step (lapsed or kept): the record step writes it. */
  planEnded?: PlanEnd;
};

/**
 * Given a dossier, its timeline and today's Paris date, what the escalation step must do.
 * Pure: the same inputs always give the same decision, which makes the step replayable.
 */
export function decideNextStep(
  dossier: Dossier,
  scenario: Scenario,
  timeline: readonly TimelineEvent[],
  day: LocalDate,
  context: { at?: string; policy?: ContactPolicy; promiseGraceDays?: number } = {},
): StepDecision {
  // Closed, disputed, insolvent, paid or prescribed: no level today (ladder-pauses.ts).
  const stopped = ladderStop(dossier, timeline, day);
  if (stopped) return stopped;
  // A payment plan pauses the ladder while it is kept (payment-plan-step.ts); once it lapses or is
  // kept, the ladder decides on the whole balance as if it had never paused, from where it stood.
  const plan = planStep(dossier, timeline, day);
  if (plan?.kind === 'end') {
    const decision = decideNextStep(endPlan(dossier, plan.end, day), scenario, timeline, day, context);
    return { ...decision, planEnded: plan.end };
  }
  if (plan) return planDecision(dossier, plan, day, { timeline, at: context.at, policy: context.policy });
  // A promise to pay (the API, a file, or an agent's call: promises.ts) holds the ladder to its
  // date plus the tenant's grace days; a kept one ends the pause, a broken one resumes one level up.
  const graceDays = context.promiseGraceDays ?? DEFAULT_PROMISE_GRACE_DAYS;
  const held = promiseHold(dossier, timeline, day, graceDays);
  if (held) return held;
  // The timeline is the evidence of what went out: if a step sent its messages but failed to
  // record them on the dossier, the level still counts as reached and is never sent again.
  const performed = performedFromTimeline(scenario, timeline, dossier.ladderStartedOn);
  const levelIndex = Math.max(dossier.levelIndex, performed.levelIndex);
  const lastActionOn = maxDate([...(dossier.lastActionOn ? [dossier.lastActionOn] : []), ...performed.days]);
  if (lastActionOn === day) return { kind: 'none', day, reason: 'already acted today' };
  const reference = referenceDueDate(dossier)!;
  const unfinished = finishLevel(dossier, scenario, timeline, levelIndex, reference, day, context);
  if (unfinished) return unfinished;
  const fallback = letterFallback(
    scenario,
    timeline,
    levelIndex,
    reference,
    day,
    context,
    dossier.ladderStartedOn,
  );
  if (fallback) return fallback;
  const fromIndex = levelIndex + 1;
  if (fromIndex >= scenario.levels.length) return { kind: 'none', day, reason: 'scenario finished' };

  // The spacing holds whoever calls the step (a retried or replayed sweep, a reopened dossier),
  // not only through the schedule recorded after the last level.
  const earliest = lastActionOn ? addDays(lastActionOn, gapAfter(scenario.levels[levelIndex])) : undefined;
  // A broken promise or a rejected dispute: the next level now, not the latest one due (ladder-resume.ts).
  const resume = ladderResume(dossier, levelIndex, day, graceDays);
  const index = resume
    ? resumeLevel(scenario, fromIndex, reference, day)
    : pickLevel(scenario, fromIndex, reference, day);
  if (index === undefined) {
    const upcoming = scenario.levels.slice(fromIndex).find((l) => !(l.offsetDays < 0 && day > reference));
    if (!upcoming) return { kind: 'none', day, reason: 'scenario finished' };
    return {
      kind: 'reschedule',
      day,
      nextActionOn: maxDate([levelDate(reference, upcoming), ...(earliest ? [earliest] : [])])!,
      reason: 'next level not due yet',
    };
  }
  if (earliest && day < earliest) {
    return { kind: 'reschedule', day, nextActionOn: earliest, reason: 'too soon after the last level' };
  }
  // The formal notice's deadline runs from its delivery (notice-delivery.ts): nothing after it before then.
  const gate = noticeGate(scenario, index, timeline, day);
  const resumeNote = resume?.note ? { ...resume.note, level: scenario.levels[index]!.id } : undefined;
  const note = gate?.note ? { note: gate.note } : resumeNote ? { note: resumeNote } : {};
  if (gate?.until) return { kind: 'reschedule', day, nextActionOn: gate.until, reason: gate.reason, ...note };
  const level = scenario.levels[index]!;
  const channels = reachableChannels(dossier.debtor, level.channels);
  // A level whose every channel is closed falls back to a letter: the postal address always exists.
  const effective = level.channels.length > 0 && channels.length === 0 ? (['letter'] as Channel[]) : channels;
  const postponed = contactPostponement(level, effective, timeline, day, context);
  if (postponed) return postponed;
  return {
    kind: 'act',
    day,
    levelIndex: index,
    level: level.id,
    levelKind: level.kind,
    skipped: scenario.levels.slice(fromIndex, index).map((l) => l.id),
    ...note,
    actions: withFirstClaims(
      effective.map((channel) => actionOf(level, channel, day)),
      timeline,
      dossier.ladderStartedOn,
    ),
    ...(() => {
      const next = nextLevelOn(scenario, index, reference, day);
      return next ? { nextActionOn: next } : {};
    })(),
  };
}

/** First day the overdue sweep should look at a new or changed dossier. */
export function firstActionOn(dossier: Dossier, scenario: Scenario, day: LocalDate): LocalDate | undefined {
  const decision = decideNextStep(dossier, scenario, [], day);
  if (decision.kind === 'act') return day;
  if (decision.kind === 'reschedule') return decision.nextActionOn;
  return undefined;
}
