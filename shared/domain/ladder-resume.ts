import { addDays, type LocalDate } from './calendar';
import type { Dossier } from './dossier';
import type { DecisionNote } from './notice-delivery';
import { brokenPromiseAt } from './promises';
import type { Scenario } from './scenario';

/**
 * Why the next step must perform the level right after the one reached, without waiting for that
 * level's own date: a promise broken at this level ("one level up"), or a rejected dispute (the
 * ladder goes on where it stopped). `note` is written on the timeline by the record step.
 */
export interface LadderResume {
  reason: string;
  note?: DecisionNote;
}

export function ladderResume(
  dossier: Dossier,
  levelIndex: number,
  day: LocalDate,
  graceDays: number,
): LadderResume | undefined {
  const broken = brokenPromiseAt(dossier, levelIndex, day, graceDays);
  if (broken) {
    const text = `promise ${broken.promiseId} to pay ${broken.amountCents} cents by ${broken.promisedOn} not kept (grace ${graceDays} days): the ladder resumes one level up`;
    return {
      reason: text,
      note: {
        eventId: `${addDays(broken.promisedOn, graceDays + 1)}#PROMISE#${broken.promiseId}#BROKEN`,
        type: 'promise-broken',
        level: `${levelIndex}`,
        text,
      },
    };
  }
  if (dossier.resumeAfter && dossier.resumeAfter.levelIndex === levelIndex)
    return { reason: dossier.resumeAfter.reason };
  return undefined;
}

/**
 * The level a resume performs: the next one, except a courtesy reminder whose moment (before the
 * due date) has passed; formal notices and the judicial review come at their turn like any level.
 */
export function resumeLevel(
  scenario: Scenario,
  fromIndex: number,
  reference: LocalDate,
  day: LocalDate,
): number | undefined {
  for (let i = fromIndex; i < scenario.levels.length; i++) {
    const level = scenario.levels[i]!;
    if (level.offsetDays < 0 && day > reference) continue;
    // Nothing but the courtesy reminder before the debt is late (the day after its due date,
    // C.com. L441-10): a promise broken before then waits for the level's own date.
    if (level.offsetDays >= 0 && day <= reference) return undefined;
    return i;
  }
  return undefined;
}
