import { addDays, type LocalDate, maxDate } from './calendar';
import { runningPromise } from './call-outcome';
import { type ContactGuard, type ContactPolicy, checkContact } from './contact-policy';
import { needsLetterFallback } from './delivery-feedback';
import { type Dossier, dossierOutstandingCents, referenceDueDate } from './dossier';
import { type DecisionNote, noticeGate } from './notice-delivery';
import type { Channel, Debtor } from './parties';
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
}

export type StepDecision =
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
  | { kind: 'none'; day: LocalDate; reason: string };

/**
 * Minimum spacing between two levels: 48 h between two contacts is the safe default
 * of docs/legal.md §8 (no statute; aggressive practices, C.conso L121-6, L121-7).
 */
export const MIN_DAYS_BETWEEN_LEVELS = 2;

function levelDate(reference: LocalDate, level: ScenarioLevel): LocalDate {
  return addDays(reference, level.offsetDays);
}

/** Channels the debtor can be reached on, without the refused ones (opt-out stops a channel at once). */
export function reachableChannels(debtor: Debtor, wanted: Channel[]): Channel[] {
  return wanted.filter((channel) => {
    if (debtor.optOuts.includes(channel) || debtor.failingChannels?.includes(channel)) return false;
    if (channel === 'email') return Boolean(debtor.email);
    if (channel === 'sms' || channel === 'call') return Boolean(debtor.phone);
    return true;
  });
}

/**
 * The level to perform today: the latest reminder already due, so a dossier that enters late
 * does not get a week of stale reminders at once. Three rules keep it fair and lawful:
 * - the courtesy reminder (before the due date) is never sent once the invoice is due;
 * - a formal notice or a judicial review is never skipped nor jumped to: each comes at its own
 *   turn, after the levels before it (the judicial review needs the formal notice's evidence);
 * - the first contact is a written reminder (e-mail, SMS or letter), never a phone call or a
 *   formal notice out of the blue.
 */
function pickLevel(
  scenario: Scenario,
  fromIndex: number,
  reference: LocalDate,
  day: LocalDate,
): number | undefined {
  const contacted = fromIndex > 0;
  let picked: number | undefined;
  let lastWritten: number | undefined;
  for (let i = fromIndex; i < scenario.levels.length; i++) {
    const level = scenario.levels[i]!;
    if (levelDate(reference, level) > day) break;
    if (level.offsetDays < 0 && day > reference) continue;
    if (level.kind !== 'reminder') {
      if (picked === undefined && contacted) picked = i;
      break;
    }
    picked = i;
    if (level.channels.some((channel) => channel !== 'call')) lastWritten = i;
  }
  if (picked === undefined) return undefined;
  if (!contacted && scenario.levels[picked]!.channels.every((channel) => channel === 'call'))
    return lastWritten;
  return picked;
}

/** Days the level performed must be left to work: the spacing, or the formal notice's payment deadline. */
function gapAfter(level: ScenarioLevel | undefined): number {
  return level?.kind === 'formal-notice' ? (level.paymentDeadlineDays ?? 8) + 1 : MIN_DAYS_BETWEEN_LEVELS;
}

/** Day the level after `index` falls due, never sooner than the spacing or the formal notice's deadline allow. */
function nextLevelOn(
  scenario: Scenario,
  index: number,
  reference: LocalDate,
  day: LocalDate,
): LocalDate | undefined {
  const next = scenario.levels[index + 1];
  if (!next) return undefined;
  return maxDate([levelDate(reference, next), addDays(day, gapAfter(scenario.levels[index]))])!;
}

/**
 * Given a dossier, its timeline and today's Paris date, what the escalation step must do.
 * Pure: the same inputs always give the same decision, which makes the step replayable.
 */
export function decideNextStep(
  dossier: Dossier,
  scenario: Scenario,
  timeline: readonly TimelineEvent[],
  day: LocalDate,
  context: { at?: string; policy?: ContactPolicy } = {},
): StepDecision {
  if (dossier.status !== 'open') return { kind: 'none', day, reason: `dossier ${dossier.status}` };
  if (timeline.some((event) => event.type === 'dispute-opened')) {
    return { kind: 'stop', day, status: 'disputed', reason: 'the debtor disputes the claim' };
  }
  // Insolvency proceedings stop every individual action for payment, reminders included: the
  // claim is declared to the mandataire instead (C.com. L622-21, L622-24; C.conso L722-2).
  const insolvency = dossier.debtor.insolvency;
  if (insolvency && insolvency.openedOn <= day) {
    return {
      kind: 'none',
      day,
      reason: `debtor in insolvency proceedings (${insolvency.kind}) since ${insolvency.openedOn}: no contact, declare the claim`,
    };
  }
  if (dossierOutstandingCents(dossier) === 0) {
    const unpaidLeft = dossier.invoices.some((inv) => inv.amountCents > inv.paidCents);
    return unpaidLeft
      ? { kind: 'stop', day, status: 'prescribed', reason: 'every unpaid invoice is time-barred' }
      : { kind: 'stop', day, status: 'paid', reason: 'nothing left to pay' };
  }
  const prescribedToday = dossier.prescriptionDate !== undefined && dossier.prescriptionDate < day;
  if (prescribedToday) {
    // The prescription sweep marks invoices; until it has, never act on a claim past its deadline.
    return { kind: 'none', day, reason: 'prescription deadline passed, waiting for the prescription sweep' };
  }
  // A promise to pay made to an agent holds every contact until the day after the promised date:
  // a kept promise is a payment (stopped above), a broken one resumes the ladder where it was.
  const promise = runningPromise(timeline, day);
  if (promise) {
    return {
      kind: 'reschedule',
      day,
      nextActionOn: promise.resumeOn,
      reason: `promise to pay by ${promise.promisedOn}`,
    };
  }
  // The timeline is the evidence of what went out: if a step sent its messages but failed to
  // record them on the dossier, the level still counts as reached and is never sent again.
  const performed = performedFromTimeline(scenario, timeline, dossier.ladderStartedOn);
  const levelIndex = Math.max(dossier.levelIndex, performed.levelIndex);
  const lastActionOn = maxDate([...(dossier.lastActionOn ? [dossier.lastActionOn] : []), ...performed.days]);
  if (lastActionOn === day) return { kind: 'none', day, reason: 'already acted today' };
  const reference = referenceDueDate(dossier)!;
  const fallback = letterFallback(scenario, timeline, levelIndex, reference, day, context);
  if (fallback) return fallback;
  const fromIndex = levelIndex + 1;
  if (fromIndex >= scenario.levels.length) return { kind: 'none', day, reason: 'scenario finished' };

  // The spacing holds whoever calls the step (a retried or replayed sweep, a reopened dossier),
  // not only through the schedule recorded after the last level.
  const earliest = lastActionOn ? addDays(lastActionOn, gapAfter(scenario.levels[levelIndex])) : undefined;
  const index = pickLevel(scenario, fromIndex, reference, day);
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
  const note = gate?.note ? { note: gate.note } : {};
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
    actions: effective.map((channel) => actionOf(level, channel, day)),
    ...(() => {
      const next = nextLevelOn(scenario, index, reference, day);
      return next ? { nextActionOn: next } : {};
    })(),
  };
}

/** The highest level the timeline shows as sent (a done message or call task) and the days of those actions. */
function performedFromTimeline(
  scenario: Scenario,
  timeline: readonly TimelineEvent[],
  ladderStartedOn: LocalDate | undefined,
): { levelIndex: number; days: LocalDate[] } {
  let levelIndex = -1;
  const days: LocalDate[] = [];
  for (const event of timeline) {
    if ((event.type !== 'action-sent' && event.type !== 'task-created') || event.state === 'pending')
      continue;
    // A reopened dossier's earlier ladder does not count for the current one.
    if (ladderStartedOn && event.day < ladderStartedOn) continue;
    const index = scenario.levels.findIndex((level) => level.id === event.level);
    if (index < 0) continue;
    levelIndex = Math.max(levelIndex, index);
    days.push(event.day);
  }
  return { levelIndex, days };
}

/**
 * The last level performed lost its written demand (an e-mail bounced, or its only messages
 * failed): send that level again, by letter, once. The contact guards hold as for any level, the
 * letter's day counts as the level's day for the spacing, and its claim id
 * (`<day>#ACT#<level>#letter`) keeps a retried step from posting it twice.
 */
function letterFallback(
  scenario: Scenario,
  timeline: readonly TimelineEvent[],
  levelIndex: number,
  reference: LocalDate,
  day: LocalDate,
  context: { at?: string; policy?: ContactPolicy },
): StepDecision | undefined {
  const level = scenario.levels[levelIndex];
  if (!level || level.kind === 'judicial-review' || !needsLetterFallback(level.id, timeline))
    return undefined;
  const postponed = contactPostponement(level, ['letter'], timeline, day, context, 'letter fallback: ');
  if (postponed) return postponed;
  const next = nextLevelOn(scenario, levelIndex, reference, day);
  return {
    kind: 'act',
    day,
    levelIndex,
    level: level.id,
    levelKind: level.kind,
    skipped: [],
    fallback: true,
    actions: [actionOf(level, 'letter', day)],
    ...(next ? { nextActionOn: next } : {}),
  };
}

/**
 * Contact guards (docs/legal.md §8): a level they block is postponed to the next allowed day,
 * never dropped; the reschedule names the guard so the timeline can show it.
 */
function contactPostponement(
  level: ScenarioLevel,
  channels: readonly Channel[],
  timeline: readonly TimelineEvent[],
  day: LocalDate,
  context: { at?: string; policy?: ContactPolicy },
  reasonPrefix = '',
): StepDecision | undefined {
  const contact = checkContact({
    day,
    ...(context.at ? { at: context.at } : {}),
    channels,
    timeline,
    ...(context.policy ? { policy: context.policy } : {}),
  });
  if (contact.allowed) return undefined;
  return {
    kind: 'reschedule',
    day,
    nextActionOn: contact.nextDay,
    reason: `${reasonPrefix}${contact.reason}`,
    guard: contact.guard,
    level: level.id,
  };
}

function actionOf(level: ScenarioLevel, channel: Channel, day: LocalDate): EscalationAction {
  return {
    level: level.id,
    levelKind: level.kind,
    channel,
    template: level.template,
    tone: level.tone,
    day,
    ...(level.paymentDeadlineDays !== undefined ? { paymentDeadlineDays: level.paymentDeadlineDays } : {}),
  };
}

/** First day the overdue sweep should look at a new or changed dossier. */
export function firstActionOn(dossier: Dossier, scenario: Scenario, day: LocalDate): LocalDate | undefined {
  const decision = decideNextStep(dossier, scenario, [], day);
  if (decision.kind === 'act') return day;
  if (decision.kind === 'reschedule') return decision.nextActionOn;
  return undefined;
}
