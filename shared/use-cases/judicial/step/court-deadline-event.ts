import type { LocalDate } from '../../../domain/calendar';
import type { Dossier } from '../../../domain/dossier';
import type { TimelineEvent, TimelineEventType } from '../../../domain/timeline';
import { noteAndAlertOnce } from '../../sweeps/alert-once';
import type { CreditorAlert } from '../../sweeps/creditor-alert';
import type { JudicialAlertDeps } from './deps';

/** What the judicial step notes on the timeline: a deterministic id, the articles, a plain note. */
export interface JudicialNote {
  eventId: string;
  legalBasis: string[];
  note: string;
  /** `court-deadline` unless said otherwise (a task asked of a person is `task-created`). */
  type?: TimelineEventType;
}

/**
 * Notes what the judicial step saw or did on the dossier's timeline, by the pipeline on the
 * sweep's day. True when the event is new: a replay (same id) returns false and changes nothing.
 */
export function noteJudicialEvent(
  deps: Pick<JudicialAlertDeps, 'repository'>,
  dossier: Dossier,
  day: LocalDate,
  at: string,
  entry: JudicialNote,
): Promise<boolean> {
  return deps.repository.appendEvent(judicialEvent(dossier, day, at, entry));
}

/** The timeline event of a judicial note, by the pipeline on the sweep's day. */
function judicialEvent(dossier: Dossier, day: LocalDate, at: string, entry: JudicialNote): TimelineEvent {
  return {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    eventId: entry.eventId,
    type: entry.type ?? 'court-deadline',
    at,
    day,
    actor: 'pipeline',
    legalBasis: entry.legalBasis,
    note: entry.note,
  };
}

/**
 * Notes a court deadline and tells the creditor once (alert-once.ts): the alert's idempotency key
 * is the event's, and an event left 'pending' by a failed step is told on the retry.
 */
export async function noteAndAlertCreditor(
  deps: JudicialAlertDeps,
  dossier: Dossier,
  day: LocalDate,
  at: string,
  entry: JudicialNote,
  alert: CreditorAlert,
): Promise<void> {
  await noteAndAlertOnce(deps, dossier, judicialEvent(dossier, day, at, entry), alert);
}
