import type { LocalDate } from './calendar';
import type { Channel } from './parties';
import type { TimelineEvent } from './timeline';

/**
 * What the timeline shows of one level's messages in the current ladder, channel by channel:
 * the day each was first claimed and whether any claim of it is done.
 *
 * Why: an action's claim (`<day>#ACT#<level>#<channel>`) carries the day it was made. A step
 * whose message went out but whose claim stayed `pending` (the step failed before marking it,
 * or a branch of its Map was still sending when the execution failed) used to be performed again
 * by the next day's step under a new day's claim: a second, identical reminder. A retried level
 * now keeps its first claim, so the message keeps its idempotency key and is sent at most once.
 */
export interface ChannelClaim {
  /** Day of the earliest claim of this channel for the level in this ladder. */
  firstDay: LocalDate;
  done: boolean;
}

const CLAIM_TYPES = new Set<TimelineEvent['type']>(['action-sent', 'task-created']);

export function levelClaims(
  timeline: readonly TimelineEvent[],
  level: string,
  ladderStartedOn: LocalDate | undefined,
): Map<Channel, ChannelClaim> {
  const claims = new Map<Channel, ChannelClaim>();
  for (const event of timeline) {
    if (!CLAIM_TYPES.has(event.type) || event.level !== level || !event.channel) continue;
    if (!event.eventId.includes('#ACT#')) continue;
    // A reopened dossier's earlier ladder is another run of the scenario: its claims do not count.
    if (ladderStartedOn && event.day < ladderStartedOn) continue;
    const known = claims.get(event.channel);
    const done = event.state !== 'pending';
    if (!known) claims.set(event.channel, { firstDay: event.day, done });
    else
      claims.set(event.channel, {
        firstDay: event.day < known.firstDay ? event.day : known.firstDay,
        done: known.done || done,
      });
  }
  return claims;
}

/**
 * Channels of a level the timeline shows claimed but never done: the step that claimed them
 * failed after another channel of the same level went out. They are still owed (a due action is
 * never dropped), under their first claim.
 */
export function unfinishedChannels(claims: Map<Channel, ChannelClaim>): Channel[] {
  const anyDone = [...claims.values()].some((claim) => claim.done);
  if (!anyDone) return [];
  return [...claims.entries()].filter(([, claim]) => !claim.done).map(([channel]) => channel);
}

/** An action as far as its claim goes: the day it is performed and, when earlier, the day of its first claim. */
interface Claimable {
  level: string;
  channel: Channel;
  day: LocalDate;
  claimDay?: LocalDate;
}

/**
 * Gives each action the day of its level's first claim on that channel in this ladder, when a
 * step before today made one: the action is performed under that claim (same event id, same
 * message idempotency key), so a message already out is recognised instead of sent again.
 */
export function withFirstClaims<A extends Claimable>(
  actions: readonly A[],
  timeline: readonly TimelineEvent[],
  ladderStartedOn: LocalDate | undefined,
): A[] {
  return actions.map((action) => {
    const first = levelClaims(timeline, action.level, ladderStartedOn).get(action.channel)?.firstDay;
    return first && first < action.day ? { ...action, claimDay: first } : action;
  });
}

/** The day an action is claimed under: its first claim's, else its own. */
export function claimDayOf(action: Claimable): LocalDate {
  return action.claimDay ?? action.day;
}
