/**
 * The ladder's levels as the escalation step walks them: which level falls due, when the next one
 * may follow, which channels can carry it, what the timeline shows as already performed. Apart
 * from escalation.ts so the decision reads as a list of rules, and these rules read on their own.
 */
import { addDays, type LocalDate, maxDate } from './calendar';
import { type ContactPolicy, checkContact } from './contact-policy';
import type { EscalationAction, StepDecision } from './escalation';
import type { Channel, Debtor } from './parties';
import type { Scenario, ScenarioLevel } from './scenario';
import type { TimelineEvent } from './timeline';

/**
 * Minimum spacing between two levels: 48 h between two contacts is the safe default
 * of docs/legal.md §8 (no statute; aggressive practices, C.conso L121-6, L121-7).
 */
export const MIN_DAYS_BETWEEN_LEVELS = 2;

export function levelDate(reference: LocalDate, level: ScenarioLevel): LocalDate {
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
export function pickLevel(
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
export function gapAfter(level: ScenarioLevel | undefined): number {
  return level?.kind === 'formal-notice' ? (level.paymentDeadlineDays ?? 8) + 1 : MIN_DAYS_BETWEEN_LEVELS;
}

/** Day the level after `index` falls due, never sooner than the spacing or the formal notice's deadline allow. */
export function nextLevelOn(
  scenario: Scenario,
  index: number,
  reference: LocalDate,
  day: LocalDate,
): LocalDate | undefined {
  const next = scenario.levels[index + 1];
  if (!next) return undefined;
  return maxDate([levelDate(reference, next), addDays(day, gapAfter(scenario.levels[index]))])!;
}

/** The highest level the timeline shows as sent (a done message or call task) and the days of those actions. */
export function performedFromTimeline(
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
 * Contact guards (docs/legal.md §8): a level they block is postponed to the next allowed day,
 * never dropped; the reschedule names the guard so the timeline can show it.
 */
export function contactPostponement(
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

export function actionOf(level: ScenarioLevel, channel: Channel, day: LocalDate): EscalationAction {
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
