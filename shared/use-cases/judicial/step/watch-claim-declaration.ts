import { DECLARATION_ARTICLES, reviewClaimDeclaration } from '../../../domain/judicial/claim-declaration';
import { longDate } from '../../../domain/messages/format';
import { noteAndAlertOnce } from '../../sweeps/alert-once';
import { type JudicialAlertDeps, loadForStep, type WatchInput } from './deps';
import type { WatchOutcome } from './watch-court-deadline';

/**
 * Task `WatchClaimDeclaration` of the judicial step (docs/legal.md §10, "Insolvency"): the claim
 * must be declared to the mandataire judiciaire within two months of the BODACC publication
 * (C.com. L622-24, R622-24). A person declares it and closes the `claim-declaration` task; until
 * then the creditor is alerted 30 and 7 days before the last day, and once it has passed, told
 * that only the juge-commissaire's relief is left (C.com. L622-26). Deterministic ids: a replay is a no-op.
 */
export async function watchClaimDeclaration(
  deps: JudicialAlertDeps,
  input: WatchInput,
): Promise<{ outcome: WatchOutcome }> {
  const { dossier, day } = await loadForStep(deps, input);
  const watch = dossier.claimDeclaration;
  if (!watch?.nextCheckOn || watch.nextCheckOn > day) return { outcome: 'nothing-due' };
  const task = await deps.repository.getTask(dossier.tenantId, dossier.dossierId, watch.taskId);
  const review = reviewClaimDeclaration(watch, day, task?.status === 'done');
  const { tenantId, dossierId } = dossier;
  const event = (kind: string, legalBasis: string[], note: string) => ({
    tenantId,
    dossierId,
    eventId: `${day}#CLAIM-DECLARATION#${kind}`,
    type: 'court-deadline' as const,
    at: input.asOf,
    day,
    actor: 'pipeline' as const,
    legalBasis,
    note,
  });
  const by = longDate(watch.declareBy, 'fr');
  if (review.alert) {
    // Told once, even when the step fails between the note and the e-mail (alert-once.ts).
    await noteAndAlertOnce(
      deps,
      dossier,
      event(
        `${review.alert.daysBefore}`,
        [DECLARATION_ARTICLES.declaration, DECLARATION_ARTICLES.deadline],
        `declare the claim to the mandataire by ${watch.declareBy}, ${review.alert.daysBefore} days`,
      ),
      {
        level: `claim-declaration-${review.alert.daysBefore}`,
        template: 'creditor-court-deadline',
        subject: `Déclaration de créance avant le ${by} — dossier ${dossierId}`,
        paragraphs: [
          `Le débiteur du dossier ${dossierId} fait l'objet d'une procédure collective publiée au BODACC le ${longDate(watch.publishedOn, 'fr')}.`,
          `La créance doit être déclarée au mandataire judiciaire au plus tard le ${by} (C.com. L622-24, R622-24). Fermez la tâche « claim-declaration » une fois la déclaration faite.`,
        ],
      },
    );
  }
  if (review.lapsed) {
    await noteAndAlertOnce(
      deps,
      dossier,
      event(
        'lapsed',
        [DECLARATION_ARTICLES.deadline, DECLARATION_ARTICLES.relief],
        `not declared by ${watch.declareBy}: only the juge-commissaire's relief is left (6 months)`,
      ),
      {
        level: 'claim-declaration-lapsed',
        template: 'creditor-court-deadline',
        subject: `Délai de déclaration de créance expiré — dossier ${dossierId}`,
        paragraphs: [
          `Le délai pour déclarer la créance du dossier ${dossierId} a expiré le ${by} (C.com. R622-24).`,
          "Seul un relevé de forclusion demandé au juge-commissaire dans les six mois peut encore l'admettre (C.com. L622-26).",
        ],
      },
    );
  }
  if (task?.status === 'done')
    await deps.repository.appendEvent(
      event('declared', [DECLARATION_ARTICLES.declaration], 'claim declared to the mandataire (task closed)'),
    );
  await deps.repository.saveDossier({
    ...dossier,
    claimDeclaration: review.watch,
    updatedAt: input.asOf,
    version: dossier.version + 1,
  });
  deps.logger.info('claim declaration watched', {
    tenantId,
    dossierId,
    alert: review.alert?.daysBefore ?? null,
    lapsed: Boolean(review.lapsed),
    declared: task?.status === 'done',
  });
  return { outcome: 'watched' };
}
