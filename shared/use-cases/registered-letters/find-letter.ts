import { NotFoundError } from '../../domain/errors';
import type { TimelineEvent } from '../../domain/timeline';

/** A registered letter as the timeline shows it: its sending, its posting and its receipt, if any. */
export interface LetterOnTimeline {
  sent: TimelineEvent;
  posted?: TimelineEvent;
  receipt?: TimelineEvent;
  /** Posted by hand (a `registered-letter` task was opened for it), rather than by a provider. */
  byHand: boolean;
}

export function findLetter(
  timeline: readonly TimelineEvent[],
  letterRef: string,
  dossierId: string,
): LetterOnTimeline {
  const sent = timeline.find((e) => e.type === 'action-sent' && e.trackingRef === letterRef);
  if (!sent) throw new NotFoundError(`no registered letter ${letterRef} on dossier ${dossierId}`);
  const posted = timeline.find((e) => e.type === 'letter-posted' && e.trackingRef === letterRef);
  const receipt = timeline.find(
    (e) => (e.type === 'letter-delivered' || e.type === 'letter-returned') && e.trackingRef === letterRef,
  );
  const byHand = timeline.some(
    (e) => e.type === 'task-created' && e.channel === 'letter' && e.trackingRef === letterRef,
  );
  return { sent, byHand, ...(posted ? { posted } : {}), ...(receipt ? { receipt } : {}) };
}
