/**
 * A level performed again rather than a new one: the letter that replaces a lost written demand,
 * and the channels a half-sent level still owes. Apart from escalation.ts because both are
 * recovery paths (bounces, failed executions), not steps up the ladder.
 */
import type { LocalDate } from './calendar';
import type { ContactPolicy } from './contact-policy';
import { needsLetterFallback } from './delivery-feedback';
import type { Dossier } from './dossier';
import type { StepDecision } from './escalation';
import {
  actionOf,
  contactPostponement,
  levelDate,
  nextLevelOn,
  reachableChannels,
} from './escalation-levels';
import { levelClaims, unfinishedChannels, withFirstClaims } from './level-claims';
import type { Channel } from './parties';
import type { Scenario, ScenarioLevel } from './scenario';
import type { TimelineEvent } from './timeline';

/**
 * The last level performed lost its written demand (an e-mail bounced, or its only messages
 * failed): send that level again, by letter, once. The contact guards hold as for any level, the
 * letter's day counts as the level's day for the spacing, and its claim id
 * (`<day>#ACT#<level>#letter`) keeps a retried step from posting it twice.
 */
export function letterFallback(
  scenario: Scenario,
  timeline: readonly TimelineEvent[],
  levelIndex: number,
  reference: LocalDate,
  day: LocalDate,
  context: { at?: string; policy?: ContactPolicy },
  ladderStartedOn?: LocalDate,
): StepDecision | undefined {
  const level = scenario.levels[levelIndex];
  if (!level || level.kind === 'judicial-review' || !needsLetterFallback(level.id, timeline))
    return undefined;
  return performAgain(
    { scenario, level, timeline, levelIndex, reference, day, context, ladderStartedOn },
    ['letter'],
    'letter fallback: ',
    true,
  );
}

/**
 * A level the timeline shows partly sent and never recorded: a step sent one channel, another
 * channel failed, and the step's execution failed with it (nothing recorded on the dossier).
 * Its unsent channels are still due: performed now, under their first claims, through the contact
 * guards like any level (docs/reliability.md). Without this the next step took the level as
 * reached from its one done message, and the failed channel was never sent.
 */
export function finishLevel(
  dossier: Dossier,
  scenario: Scenario,
  timeline: readonly TimelineEvent[],
  levelIndex: number,
  reference: LocalDate,
  day: LocalDate,
  context: { at?: string; policy?: ContactPolicy },
): StepDecision | undefined {
  const level = scenario.levels[levelIndex];
  if (!level || level.kind === 'judicial-review' || dossier.levelIndex >= levelIndex) return undefined;
  const owed = reachableChannels(
    dossier.debtor,
    unfinishedChannels(levelClaims(timeline, level.id, dossier.ladderStartedOn)),
  );
  if (owed.length === 0) return undefined;
  return performAgain(
    {
      scenario,
      level,
      timeline,
      levelIndex,
      reference,
      day,
      context,
      ladderStartedOn: dossier.ladderStartedOn,
    },
    owed,
    'unfinished level: ',
  );
}

/** Where a level is performed again: the ladder, the dossier's timeline and the sweep's day. */
interface RepeatContext {
  scenario: Scenario;
  /** The scenario's level at `levelIndex`. */
  level: ScenarioLevel;
  timeline: readonly TimelineEvent[];
  levelIndex: number;
  reference: LocalDate;
  day: LocalDate;
  context: { at?: string; policy?: ContactPolicy };
  ladderStartedOn: LocalDate | undefined;
}

/**
 * Performs the level at `levelIndex` again on `channels`: postponed when a contact guard says so
 * (the reason prefixed with why the level is repeated), else acted now under the level's first
 * claims, with the next level's day as for any level. `fallback`: the letter replacing a lost demand.
 */
function performAgain(
  at: RepeatContext,
  channels: readonly Channel[],
  reasonPrefix: string,
  fallback = false,
): StepDecision {
  const { scenario, level, timeline, levelIndex, reference, day, context } = at;
  // The invoices that made the level due may have left the ladder since (disputed, credited):
  // it is not repeated before its own day for what is still pursued, so nothing but the courtesy
  // reminder precedes a due date. Found by the lifecycle properties: a bounced reminder-1 went
  // again by letter on the due date of the only invoice left, its overdue one being disputed.
  const due = levelDate(reference, level);
  if (day < due)
    return { kind: 'reschedule', day, nextActionOn: due, reason: `${reasonPrefix}waits for the level's day` };
  const postponed = contactPostponement(level, channels, timeline, day, context, reasonPrefix);
  if (postponed) return postponed;
  const next = nextLevelOn(scenario, levelIndex, reference, day);
  return {
    kind: 'act',
    day,
    levelIndex,
    level: level.id,
    levelKind: level.kind,
    skipped: [],
    ...(fallback ? { fallback: true } : {}),
    actions: withFirstClaims(
      channels.map((channel) => actionOf(level, channel, day)),
      timeline,
      at.ladderStartedOn,
    ),
    ...(next ? { nextActionOn: next } : {}),
  };
}
