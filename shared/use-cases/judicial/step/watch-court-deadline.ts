import { addMonths, type LocalDate } from '../../../domain/calendar';
import type { Dossier } from '../../../domain/dossier';
import {
  ENFORCEMENT_FOLLOW_UP_MONTHS,
  type JudicialReview,
  reviewJudicialDeadlines,
} from '../../../domain/judicial/court-deadlines';
import { longDate } from '../../../domain/messages/format';
import type { CreditorAlert } from '../../sweeps/creditor-alert';
import { noteAndAlertCreditor, noteJudicialEvent } from './court-deadline-event';
import { type JudicialAlertDeps, loadForStep, type WatchInput } from './deps';

export type WatchOutcome = 'watched' | 'window-open' | 'window-ended' | 'nothing-due';

/**
 * Tasks `WatchService`, `WatchOpposition`, `WatchSmallClaimsAnswer`, `WatchEnforcementActs` of the
 * judicial step (docs/legal.md §10, "Court events and deadlines"): alerts the creditor 30 and 7
 * days before an order must be served (CPC 1411) and marks it void once that day has passed (back
 * to review); notes the end of the opposition window (CPC 1416) for the next state to ask for the
 * enforceable formula (CPC 1422); takes a month's silence on a small-claims invitation as a
 * refusal (CPCE R125-1 ff.); asks the creditor for news of an enforcement without an act for 3
 * months. Every write has a deterministic id (day + deadline + threshold): a replay is a no-op.
 */
export async function watchCourtDeadline(
  deps: JudicialAlertDeps,
  input: WatchInput,
): Promise<{ outcome: WatchOutcome }> {
  const { dossier, day } = await loadForStep(deps, input);
  if (dossier.status !== 'judicial' || !dossier.judicial) return { outcome: 'nothing-due' };
  if (input.deadline === 'enforcement') return watchEnforcement(deps, dossier, day, input.asOf);
  const review = reviewJudicialDeadlines(dossier.judicial, day);
  await recordReview(deps, dossier, review, day, input.asOf);
  // A ConflictError (somebody wrote in between) fails the task: the state machine retries it.
  await deps.repository.saveDossier({
    ...dossier,
    judicial: review.state,
    updatedAt: input.asOf,
    version: dossier.version + 1,
  });
  deps.logger.info('judicial deadline watched', {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    deadline: input.deadline,
    stage: review.state.stage,
    alerts: review.alerts.length,
    lapsed: Boolean(review.lapsed),
  });
  if (input.deadline !== 'opposition') return { outcome: 'watched' };
  return { outcome: review.oppositionWindowEnded ? 'window-ended' : 'window-open' };
}

async function recordReview(
  deps: JudicialAlertDeps,
  dossier: Dossier,
  review: JudicialReview,
  day: LocalDate,
  at: string,
): Promise<void> {
  const event = (eventId: string, legalBasis: string[], note: string) =>
    noteJudicialEvent(deps, dossier, day, at, { eventId, legalBasis, note });
  for (const alert of review.alerts)
    await noteAndAlertCreditor(
      deps,
      dossier,
      day,
      at,
      {
        eventId: `${day}#COURT-ALERT#${alert.kind}#${alert.daysBefore}`,
        legalBasis: [alert.article],
        note: `${alert.kind} deadline ${alert.deadline}, ${alert.daysBefore} days`,
      },
      serviceAlert(dossier, alert),
    );
  if (review.lapsed)
    await event(
      `${day}#COURT-LAPSED#service`,
      [review.lapsed.article],
      `order not served by ${review.lapsed.deadline}: void, back to review`,
    );
  if (review.oppositionWindowEnded)
    await event(
      `${day}#COURT-WINDOW#opposition`,
      ['CPC 1416', review.oppositionWindowEnded.article],
      `no opposition recorded by ${review.oppositionWindowEnded.deadline}: ask for the enforceable formula`,
    );
  if (review.smallClaimsRefused)
    await event(
      `${day}#COURT-SILENCE#small-claims`,
      [review.smallClaimsRefused.article],
      `no answer by ${review.smallClaimsRefused.deadline}: refusal, back to review`,
    );
}

/**
 * No enforcement act reported for 3 months since the mandate or the last act: the creditor asks
 * the commissaire de justice for his report (a follow-up of practice, not a legal deadline; the
 * title's own 10 years, CPCE L111-4, are the prescription sweep's). Then again 3 months on.
 */
async function watchEnforcement(
  deps: JudicialAlertDeps,
  dossier: Dossier,
  day: LocalDate,
  at: string,
): Promise<{ outcome: WatchOutcome }> {
  const judicial = dossier.judicial!;
  if (judicial.stage !== 'enforcement' || !judicial.followUpOn || judicial.followUpOn > day)
    return { outcome: 'nothing-due' };
  const acts = judicial.enforcementActs ?? [];
  const since = acts.at(-1)?.date ?? judicial.events['enforcement-mandate'] ?? judicial.followUpOn;
  await noteAndAlertCreditor(
    deps,
    dossier,
    day,
    at,
    {
      eventId: `${day}#COURT-FOLLOW-UP#enforcement`,
      legalBasis: ['CPCE L122-1'],
      note: `no enforcement act reported since ${since}: ask the commissaire de justice for news`,
    },
    {
      level: 'court-enforcement-follow-up',
      template: 'creditor-court-deadline',
      subject: `Exécution sans nouvelles — dossier ${dossier.dossierId}`,
      paragraphs: [
        `Aucun acte d'exécution n'est enregistré pour le dossier ${dossier.dossierId} depuis le ${longDate(since, 'fr')}.`,
        "Demandez au commissaire de justice mandaté où en est l'exécution (CPCE L122-1), puis enregistrez ses actes (POST /dossiers/{id}/court-events, kind enforcement-act).",
      ],
    },
  );
  await deps.repository.saveDossier({
    ...dossier,
    judicial: { ...judicial, followUpOn: addMonths(day, ENFORCEMENT_FOLLOW_UP_MONTHS) },
    updatedAt: at,
    version: dossier.version + 1,
  });
  return { outcome: 'watched' };
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
