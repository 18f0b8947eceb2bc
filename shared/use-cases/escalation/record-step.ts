import { parisDate } from '../../domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../domain/dossier';
import type { StepDecision } from '../../domain/escalation';
import type { TimelineEvent } from '../../domain/timeline';
import { judicialSummary, reviewJudicial } from '../judicial/judicial-review';
import { recordPlanEnd } from '../payment-plans/record-plan-end';
import type { PipelineDeps } from './deps';

export interface RecordOutcome {
  status: Dossier['status'];
  levelIndex: number;
  nextActionOn: string | null;
  changed: boolean;
}

function withoutSchedule(dossier: Dossier): Dossier {
  const { nextActionOn: _next, ...rest } = dossier;
  return rest;
}

function withoutFailures(dossier: Dossier): Dossier {
  const { failedSteps: _failed, ...rest } = dossier;
  return rest;
}

/**
 * Last task of the escalation step: records what the step did and schedules the next one.
 * Idempotent: a decision already applied (same level reached, same status) changes nothing.
 * The write is conditional on the version read; a concurrent change (a payment just
 * arrived) fails it with ConflictError and the state machine retries with fresh data.
 */
export async function recordStep(
  // tenants and rates: the judicial review's settings and interest (absent: none, the packaged table).
  deps: Pick<PipelineDeps, 'repository' | 'logger'> & Partial<Pick<PipelineDeps, 'tenants' | 'rates'>>,
  input: { tenantId: string; dossierId: string; asOf: string; decision: StepDecision },
  /** The dossier as its page read it (record-page.ts); the save is still conditional on its version. */
  preloaded?: Dossier,
  /**
   * notesWritten: the page wrote this step's passed-over notes already, in one batch;
   * deferSave: the page saves the dossier, with the others of the page (record-page.ts), and
   * takes it here instead: this step's events are written, its dossier not yet.
   */
  options: { notesWritten?: boolean; deferSave?: (updated: Dossier) => void } = {},
): Promise<RecordOutcome> {
  const { tenantId, dossierId, decision, asOf } = input;
  const dossier = preloaded ?? (await deps.repository.getDossier(tenantId, dossierId));
  if (!dossier) return { status: 'open', levelIndex: -1, nextActionOn: null, changed: false };
  const day = parisDate(asOf);
  if (
    (decision.kind === 'act' || decision.kind === 'reschedule') &&
    decision.note &&
    dossier.status === 'open'
  ) {
    // e.g. a formal notice without a delivery receipt: once on the timeline (the id is the notice's).
    const { eventId, type, level, trackingRef, text } = decision.note;
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId,
      type,
      at: asOf,
      day,
      actor: 'pipeline',
      level,
      ...(type === 'letter-undelivered' ? { channel: 'letter' as const } : {}),
      ...(trackingRef ? { trackingRef } : {}),
      note: text,
    });
  }
  // A payment plan that lapsed or was kept on this step: on the timeline and the dossier.
  const ended = await recordPlanEnd(deps.repository, dossier, decision, asOf);
  const base = { ...(ended ?? dossier), updatedAt: asOf, version: dossier.version + 1 };
  let updated: Dossier | undefined = ended ? base : undefined;

  if (decision.kind === 'act' && dossier.status === 'open' && dossier.levelIndex < decision.levelIndex) {
    const judicial = decision.levelKind === 'judicial-review';
    updated = {
      ...withoutSchedule(base),
      levelIndex: decision.levelIndex,
      lastActionOn: decision.day,
      ...(judicial ? { status: 'judicial' as const } : {}),
      ...(!judicial && decision.nextActionOn ? { nextActionOn: decision.nextActionOn } : {}),
    };
    if (judicial) updated = await flagJudicialReview(deps, updated, asOf);
    if (!options.notesWritten)
      for (const note of passedOverNotes(dossier, decision, asOf)) await deps.repository.appendEvent(note);
  } else if (
    decision.kind === 'act' &&
    decision.fallback &&
    dossier.status === 'open' &&
    (dossier.lastActionOn === undefined || dossier.lastActionOn < decision.day)
  ) {
    // A letter re-sent a level whose e-mail bounced: the level stays, its day and the next date move.
    updated = {
      ...withoutSchedule(base),
      lastActionOn: decision.day,
      ...(decision.nextActionOn ? { nextActionOn: decision.nextActionOn } : {}),
    };
  } else if (decision.kind === 'act' && decision.plan && dossier.status === 'open') {
    // A payment plan's message (payment-plan-step.ts): the ladder's level and day stay as they were.
    updated = {
      ...withoutSchedule(base),
      ...(decision.nextActionOn ? { nextActionOn: decision.nextActionOn } : {}),
    };
  } else if (decision.kind === 'stop' && dossier.status === 'open') {
    updated = { ...withoutSchedule(base), status: decision.status };
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${day}#STOP#${decision.status}`,
      type:
        decision.status === 'paid'
          ? 'dossier-paid'
          : decision.status === 'prescribed'
            ? 'dossier-prescribed'
            : 'dispute-opened',
      at: asOf,
      day,
      actor: 'pipeline',
      note: decision.reason,
    });
  } else if (decision.kind === 'reschedule' && dossier.status === 'open') {
    if (decision.guard) {
      // A contact guard held a due level back: the timeline shows why and until when.
      await deps.repository.appendEvent({
        tenantId,
        dossierId,
        eventId: `${day}#POSTPONE#${decision.level ?? 'level'}`,
        type: 'action-postponed',
        at: asOf,
        day,
        actor: 'pipeline',
        ...(decision.level ? { level: decision.level } : {}),
        note: `${decision.guard}: ${decision.reason}; next try ${decision.nextActionOn}`,
      });
    }
    if (dossier.nextActionOn !== decision.nextActionOn)
      updated = { ...base, nextActionOn: decision.nextActionOn };
  }

  // The step got this far: it did not fail. Failures count only in a row (record-step-failure.ts).
  if (dossier.failedSteps) updated = withoutFailures(updated ?? base);

  if (!updated) {
    return {
      status: dossier.status,
      levelIndex: dossier.levelIndex,
      nextActionOn: dossier.nextActionOn ?? null,
      changed: false,
    };
  }
  if (options.deferSave) options.deferSave(updated);
  else {
    await deps.repository.saveDossier(updated);
    logRecorded(deps.logger, updated, decision.kind);
  }
  return {
    status: updated.status,
    levelIndex: updated.levelIndex,
    nextActionOn: updated.nextActionOn ?? null,
    changed: true,
  };
}

export function logRecorded(logger: PipelineDeps['logger'], updated: Dossier, kind: StepDecision['kind']) {
  const { tenantId, dossierId, status } = updated;
  logger.info('escalation recorded', { tenantId, dossierId, kind, status });
}

/**
 * The levels a step passed over to reach the one due (a dossier entrusted late): one note each on
 * the timeline, with an id of the day and level, when the step moves the dossier up the ladder.
 */
export function passedOverNotes(dossier: Dossier, decision: StepDecision, asOf: string): TimelineEvent[] {
  if (decision.kind !== 'act' || dossier.status !== 'open' || dossier.levelIndex >= decision.levelIndex)
    return [];
  const day = parisDate(asOf);
  return decision.skipped.map((skipped) => ({
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    eventId: `${day}#SKIP#${skipped}`,
    type: 'action-postponed' as const,
    at: asOf,
    day,
    actor: 'pipeline' as const,
    level: skipped,
    note: `level passed over: ${decision.level} was already due`,
  }));
}

/**
 * The amiable ladder is over: the legal engine's recommendation is stored on the dossier
 * (judicial-review.ts) and a human (the creditor or the agency) decides on court action, unless
 * the tenant's setting filed it automatically (the task is then done already).
 */
export async function flagJudicialReview(
  deps: Pick<PipelineDeps, 'repository'> & Partial<Pick<PipelineDeps, 'tenants' | 'rates'>>,
  dossier: Dossier,
  at: string,
): Promise<Dossier> {
  const day = parisDate(at);
  const outstanding = dossierOutstandingCents(dossier);
  const judicial = await reviewJudicial(deps, dossier, at);
  const auto = judicial.decision?.by === 'auto';
  const summary = judicialSummary(judicial.recommendation, judicial.decision?.kind);
  await deps.repository.putTask({
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    taskId: `${day}-judicial-review`,
    createdAt: at,
    dueOn: day,
    priority: outstanding,
    level: 'judicial-review',
    status: auto ? 'done' : 'open',
    kind: 'judicial-review',
    outstandingCents: outstanding,
    judicial: summary,
    ...(auto ? { outcomeAt: at } : {}),
  });
  await deps.repository.appendEvent({
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    eventId: `${day}#JUDICIAL`,
    type: 'judicial-review-flagged',
    at,
    day,
    actor: 'pipeline',
    amountCents: outstanding,
    legalBasis: ['CPC 1405-1416 (injonction de payer)', 'CPCE L125-1 (petites créances)'],
    judicial: summary,
    note: `recommended: ${judicial.recommendation.path}${auto ? ' (filed automatically: below the tenant threshold)' : ''}`,
  });
  return { ...dossier, judicial };
}
