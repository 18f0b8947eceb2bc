import { addDays, type LocalDate, parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, ValidationError } from '../../domain/errors';
import { type JudicialReview, reviewJudicialDeadlines } from '../../domain/judicial/court-events';
import { longDate } from '../../domain/messages/format';
import type { DocumentStore } from '../client-api/dossier-documents';
import type { PipelineDeps } from '../escalation/deps';
import { buildCourtFile } from '../judicial/build-court-file';
import { judicialTask } from '../judicial/record-court-event';
import { type CreditorAlert, sendCreditorAlert } from './creditor-alert';
import { type SweepPageInput, type SweepPageResult, scanCheckPages } from './dispatch-due';

export type JudicialSweepDeps = Pick<
  PipelineDeps,
  | 'repository'
  | 'tenants'
  | 'messenger'
  | 'logger'
  | 'dispatchBatch'
  | 'senderEmail'
  // The court file (build-court-file.ts): written to the documents bucket, rendered, computed.
  | 'documents'
  | 'documentsBucket'
  | 'letters'
  | 'rates'
> & {
  /** Where the formal notice's PDF is read back: embedded, the outbox (build-court-file.ts). */
  documentStore?: DocumentStore;
};

/**
 * One task of the daily judicial sweep, for one shard (docs/legal.md §10): for each dossier in
 * court whose check is due, alert the creditor 30 and 7 days before the order's service deadline
 * (CPC 1411), mark the order void once it has passed (back to review, with the reason), turn the
 * end of the opposition window (CPC 1416) into a task to ask for the enforceable formula
 * (CPC 1422), and take a month's silence on a small-claims invitation as a refusal (CPCE R125-1 ff.).
 * A dossier the creditor (or the tenant's automatic setting) decided to file gets its court file
 * first: the decision set `nextCheckOn` to its day, so the next sweep builds it (docs/legal.md §10).
 * Every write has a deterministic id (day + deadline + threshold): re-running a day is safe.
 */
export async function scanJudicial(deps: JudicialSweepDeps, input: SweepPageInput): Promise<SweepPageResult> {
  const day = parisDate(input.asOf);
  return scanCheckPages(
    deps,
    input,
    (limit, cursor) => deps.repository.queryJudicialChecks(input.shard, day, limit, cursor),
    async (dossier) => {
      if (dossier.status !== 'judicial' || !dossier.judicial) return;
      const filed = courtFileDue(dossier, day) ? await fileCourtFile(deps, dossier, input.asOf) : undefined;
      await reviewDossier(deps, filed?.dossier ?? dossier, day, input.asOf, filed?.retryOn);
    },
  );
}

/** Decided `file`, still at review, no court file yet, and its day has come. */
function courtFileDue(dossier: Dossier, day: LocalDate): boolean {
  const judicial = dossier.judicial!;
  return (
    judicial.decision?.kind === 'file' &&
    judicial.stage === 'review' &&
    !judicial.courtFile &&
    judicial.nextCheckOn !== undefined &&
    judicial.nextCheckOn <= day
  );
}

/**
 * Builds the court file, then reads the dossier back (the build saved a new version). A file the
 * data cannot make (a mention missing: no SIREN, no court; the notice's bytes differ from the
 * timeline) waits for a person to fix the data: the sweep tries again the next day and says why in
 * the logs, without the debtor's data. Anything else (S3, DynamoDB) fails the task: Step Functions retries.
 */
async function fileCourtFile(
  deps: JudicialSweepDeps,
  dossier: Dossier,
  asOf: string,
): Promise<{ dossier: Dossier; retryOn?: LocalDate }> {
  const { tenantId, dossierId } = dossier;
  try {
    const { courtFile, built } = await buildCourtFile(deps, { tenantId, dossierId, asOf });
    deps.logger.info('court file built', { tenantId, dossierId, path: courtFile.path, built });
    return { dossier: (await deps.repository.getDossier(tenantId, dossierId)) ?? dossier };
  } catch (error) {
    if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
    deps.logger.warn('court file not built: the data must be completed', {
      tenantId,
      dossierId,
      error: error.name,
      reason: error.message,
    });
    return { dossier, retryOn: addDays(parisDate(asOf), 1) };
  }
}

async function reviewDossier(
  deps: JudicialSweepDeps,
  dossier: Dossier,
  day: LocalDate,
  at: string,
  retryOn?: LocalDate,
): Promise<void> {
  const { tenantId, dossierId } = dossier;
  const review = reviewJudicialDeadlines(dossier.judicial!, day);
  for (const alert of review.alerts) {
    const eventId = `${day}#COURT-ALERT#${alert.kind}#${alert.daysBefore}`;
    const fresh = await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId,
      type: 'court-deadline',
      at,
      day,
      actor: 'pipeline',
      legalBasis: [alert.article],
      note: `${alert.kind} deadline ${alert.deadline}, ${alert.daysBefore} days`,
    });
    if (fresh) await sendCreditorAlert(deps, dossier, serviceAlert(dossier, alert), at, eventId);
  }
  if (review.lapsed) {
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${day}#COURT-LAPSED#service`,
      type: 'court-deadline',
      at,
      day,
      actor: 'pipeline',
      legalBasis: [review.lapsed.article],
      note: `order not served by ${review.lapsed.deadline}: void, back to review`,
    });
  }
  if (review.oppositionWindowEnded) {
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${day}#COURT-WINDOW#opposition`,
      type: 'court-deadline',
      at,
      day,
      actor: 'pipeline',
      legalBasis: ['CPC 1416', review.oppositionWindowEnded.article],
      note: `no opposition recorded by ${review.oppositionWindowEnded.deadline}: ask for the enforceable formula`,
    });
    await deps.repository.putTask(
      judicialTask(
        dossier,
        { eventId: 'opposition-window', date: day },
        at,
        'enforceable-formula',
        'CPC 1422',
      ),
    );
  }
  if (review.smallClaimsRefused) {
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${day}#COURT-SILENCE#small-claims`,
      type: 'court-deadline',
      at,
      day,
      actor: 'pipeline',
      legalBasis: [review.smallClaimsRefused.article],
      note: `no answer by ${review.smallClaimsRefused.deadline}: refusal, back to review`,
    });
  }
  // A ConflictError (somebody wrote in between) fails the task: the state machine retries it.
  await deps.repository.saveDossier({
    ...dossier,
    judicial: retryOn ? { ...review.state, nextCheckOn: retryOn } : review.state,
    updatedAt: at,
    version: dossier.version + 1,
  });
  deps.logger.info('judicial check', {
    tenantId,
    dossierId,
    stage: review.state.stage,
    alerts: review.alerts.length,
    lapsed: Boolean(review.lapsed),
  });
}

/** The service deadline's alert (CPC 1411): serve the order before the date, or it is void. */
function serviceAlert(dossier: Dossier, alert: JudicialReview['alerts'][number]): CreditorAlert {
  const deadline = longDate(alert.deadline, 'fr');
  return {
    level: `court-${alert.kind}-${alert.daysBefore}`,
    template: 'creditor-court-deadline',
    subject: `Signification avant le ${deadline} — dossier ${dossier.dossierId}`,
    paragraphs: [
      `L'ordonnance d'injonction de payer du dossier ${dossier.dossierId} doit être signifiée au débiteur au plus tard le ${deadline} (dans ${alert.daysBefore} jours au plus).`,
      "Passé ce délai de six mois, l'ordonnance est non avenue (CPC 1411) : il faudrait déposer une nouvelle requête.",
      'Confiez la signification à un commissaire de justice, puis enregistrez-la (POST /dossiers/{id}/court-events, kind order-served).',
    ],
  };
}
