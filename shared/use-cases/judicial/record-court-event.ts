import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { ARTICLES } from '../../domain/judicial/court-deadlines';
import {
  applyCourtEvent,
  type CourtEvent,
  type CourtEventResult,
  effectsOf,
} from '../../domain/judicial/court-events';
import type { CourtDeadline, JudicialStage } from '../../domain/judicial/judicial-state';
import type { TimelineEvent } from '../../domain/timeline';
import { changeDossier } from '../events/change-dossier';
import type { PaymentDeps } from '../events/record-payment';
import type { DossierRepository, EnforcementHandOff, Logger, TenantDirectory } from '../ports';
import { carryOut } from './court-event-effects';
import { type CourtEventInput, fingerprintOf, toCourtEvent } from './court-event-input';

export interface CourtEventOutcome {
  dossierId: string;
  stage: JudicialStage;
  deadlines: CourtDeadline[];
  nextCheckOn: LocalDate | null;
  duplicate: boolean;
}

export interface CourtEventDeps extends PaymentDeps {
  repository: DossierRepository;
  logger: Logger;
  tenants?: TenantDirectory | undefined;
  /** Absent: the mandate is recorded, the hand-off is left to the creditor (logged). */
  enforcementHandOff?: EnforcementHandOff | undefined;
}

/**
 * Records a court or enforcement event on a dossier in court (docs/legal.md §10): applies it to
 * the judicial state (court-events.ts), appends a `court-event` to the timeline, and carries out
 * what follows (a lawyer task on an opposition, a task to ask for the enforceable formula, the
 * hand-off to the commissaire de justice, a payment for what an enforcement act recovered).
 * Idempotent on eventId: the same content again is a duplicate, another content a 409.
 */
export async function recordCourtEvent(
  deps: CourtEventDeps,
  input: { tenantId: string; dossierId: string; event: CourtEventInput; receivedAt: string },
): Promise<CourtEventOutcome> {
  const { tenantId, dossierId, event, receivedAt } = input;
  const fingerprint = fingerprintOf(event);
  const timelineId = `${event.date}#COURT#${event.eventId}`;
  const dossier = await deps.repository.getDossier(tenantId, dossierId);
  if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
  const seen = await deps.repository.getEvent(tenantId, dossierId, timelineId);
  if (seen && (seen.court?.fingerprint !== fingerprint || seen.state !== 'pending')) {
    return duplicateOrConflict(dossier, seen.court?.fingerprint, fingerprint, event.eventId);
  }
  // Refused before anything is written: the reason goes back to the client (409).
  const courtEvent = toCourtEvent(event);
  const dryRun = applied(dossier, event) ? undefined : apply(dossier, courtEvent);
  const stageAfter = dryRun?.state.stage ?? dossier.judicial?.stage ?? 'review';
  const timelineEvent: TimelineEvent = {
    tenantId,
    dossierId,
    eventId: timelineId,
    type: 'court-event',
    at: receivedAt,
    day: event.date,
    actor: event.kind.startsWith('enforcement') ? 'creditor' : 'court',
    legalBasis: [dryRun?.article ?? ARTICLES.title],
    note: event.kind,
    state: 'pending',
    court: {
      kind: event.kind,
      date: event.date,
      stage: stageAfter,
      fingerprint,
      ...(event.reference ? { reference: event.reference } : {}),
    },
    ...(event.details?.recoveredCents ? { amountCents: event.details.recoveredCents } : {}),
  };
  // Claimed before the dossier changes, marked done after: a retry finishes an unfinished one.
  let unfinished = seen;
  if (!seen && !(await deps.repository.appendEvent(timelineEvent))) {
    const other = await deps.repository.getEvent(tenantId, dossierId, timelineId);
    // A pending claim of the same content is unfinished work: ours, when the put's answer was lost
    // and the SDK's retry found it (docs/reliability.md), or a delivery running now. Finish it:
    // each effect is idempotent. Answered `duplicate`, the event was never applied.
    if (other?.state !== 'pending' || other.court?.fingerprint !== fingerprint)
      return duplicateOrConflict(dossier, other?.court?.fingerprint, fingerprint, event.eventId);
    unfinished = other;
  }
  const { before, after } = await changeDossier(deps.repository, input, (current) => {
    if (applied(current, event)) return undefined;
    const result = apply(current, courtEvent);
    const state = result.state;
    if (event.kind === 'enforcement-act') {
      state.enforcementActs = [
        ...(current.judicial?.enforcementActs ?? []),
        {
          date: event.date,
          kind: event.details?.act ?? 'other',
          ...(event.details?.recoveredCents !== undefined
            ? { recoveredCents: event.details.recoveredCents }
            : {}),
          ...(event.reference ? { reference: event.reference } : {}),
        },
      ];
    }
    return { ...current, judicial: state, updatedAt: receivedAt };
  });
  const updated = after ?? before;
  // Each effect is idempotent: a retry of an unfinished delivery (`seen` pending) carries them out again.
  if (after || unfinished) await carryOut(deps, updated, event, effectsOf(courtEvent), receivedAt);
  await deps.repository.markEventDone(timelineEvent);
  deps.logger.info('court event recorded', {
    tenantId,
    dossierId,
    kind: event.kind,
    stage: updated.judicial?.stage,
  });
  return outcome(updated, !after);
}

/** Applies the event or throws the refusal as a conflict (409, with the reason). */
function apply(dossier: Dossier, event: CourtEvent): Extract<CourtEventResult, { ok: true }> {
  if (dossier.status !== 'judicial' || !dossier.judicial) {
    throw new ConflictError(`dossier ${dossier.dossierId} is not in court (status ${dossier.status})`);
  }
  const result = applyCourtEvent(dossier.judicial, event);
  if (!result.ok) throw new ConflictError(result.reason);
  return result;
}

/** A crashed earlier delivery may have changed the dossier before marking its event done. */
function applied(dossier: Dossier, event: CourtEventInput): boolean {
  const acts = dossier.judicial?.enforcementActs ?? [];
  if (event.kind === 'enforcement-act') {
    return acts.some((act) => act.date === event.date && act.reference === event.reference && act.reference);
  }
  return dossier.judicial?.events[event.kind] === event.date;
}

function duplicateOrConflict(
  dossier: Dossier,
  stored: string | undefined,
  fingerprint: string,
  eventId: string,
): CourtEventOutcome {
  if (stored !== fingerprint) {
    throw new ConflictError(`court event ${eventId} was recorded before with another content`);
  }
  return outcome(dossier, true);
}

function outcome(dossier: Dossier, duplicate: boolean): CourtEventOutcome {
  const judicial = dossier.judicial;
  return {
    dossierId: dossier.dossierId,
    stage: judicial?.stage ?? 'review',
    deadlines: judicial?.deadlines ?? [],
    nextCheckOn: judicial?.nextCheckOn ?? null,
    duplicate,
  };
}
