import { createHash } from 'node:crypto';
import type { LocalDate } from '../../../domain/calendar';
import type { Dossier } from '../../../domain/dossier';
import { titleDate } from '../../../domain/judicial/court-title';
import { longDate } from '../../../domain/messages/format';
import { judicialTask, lawyerTask } from '../court-event-effects';
import { noteAndAlertCreditor, noteJudicialEvent } from './court-deadline-event';
import { type JudicialActInput, type JudicialAlertDeps, loadForStep } from './deps';

/**
 * Tasks `RequestEnforceableFormula`, `ContestedPath`, `EnforcementHandOff` and `AskForMissingData`
 * of the judicial step (docs/legal.md §10): what follows a watch, each for a person or the
 * creditor, each idempotent (task ids and timeline ids from the day or the court event).
 */
export async function performJudicialAct(
  deps: JudicialAlertDeps,
  input: JudicialActInput,
): Promise<{ done: JudicialActInput['act'] }> {
  const { dossier, day } = await loadForStep(deps, input);
  switch (input.act) {
    case 'enforceable-formula':
      // The opposition window ended without an opposition (CPC 1416): ask for the formula (CPC 1422).
      await deps.repository.putTask(
        judicialTask(
          dossier,
          { eventId: 'opposition-window', date: day },
          input.asOf,
          'enforceable-formula',
          'CPC 1422',
        ),
      );
      break;
    case 'lawyer':
      await contestedPath(deps, dossier, day, input.asOf);
      break;
    case 'enforcement-hand-off':
      await askForMandate(deps, dossier, day, input.asOf);
      break;
    case 'missing-data':
      await askForMissingData(deps, dossier, day, input.asOf, input.missing ?? []);
      break;
  }
  deps.logger.info('judicial act performed', {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    act: input.act,
  });
  return { done: input.act };
}

/**
 * An opposition makes the claim contested: the court judges it as a lawsuit (CPC 1417), a lawyer
 * takes it. The lawyer task (the one the API opened when the opposition was recorded, or opened
 * here) and the creditor told once.
 */
async function contestedPath(deps: JudicialAlertDeps, dossier: Dossier, day: LocalDate, at: string) {
  const opposedOn = dossier.judicial?.events['opposition-received'] ?? day;
  const task = lawyerTask(dossier, opposedOn, at);
  if (!(await deps.repository.getTask(dossier.tenantId, dossier.dossierId, task.taskId)))
    await deps.repository.putTask(task);
  await noteAndAlertCreditor(
    deps,
    dossier,
    day,
    at,
    {
      eventId: `${opposedOn}#COURT-CONTESTED#opposition`,
      legalBasis: ['CPC 1416', 'CPC 1417'],
      note: 'opposition: contested claim, handed to a lawyer',
    },
    {
      level: 'court-opposition',
      template: 'creditor-court-deadline',
      subject: `Opposition formée — dossier ${dossier.dossierId}`,
      paragraphs: [
        `Le débiteur a formé opposition à l'ordonnance d'injonction de payer du dossier ${dossier.dossierId} (le ${longDate(opposedOn, 'fr')}).`,
        'Le tribunal juge désormais la demande au fond (CPC 1417) : confiez le dossier à un avocat (tâche « lawyer »), puis enregistrez le jugement (kind judgment).',
      ],
    },
  );
}

/**
 * A title is there (the formula on the order, a judgment, the small-claims agreement): the
 * creditor mandates a commissaire de justice (CPCE L122-1) by recording `enforcement-mandate`
 * with the office's address; the hand-off port then sends the title and the bundle. Told once.
 */
async function askForMandate(deps: JudicialAlertDeps, dossier: Dossier, day: LocalDate, at: string) {
  const judicial = dossier.judicial!;
  const title = titleDate(judicial) ?? judicial.events['small-claims-agreed'] ?? day;
  await noteAndAlertCreditor(
    deps,
    dossier,
    day,
    at,
    {
      eventId: `${title}#COURT-TITLE#mandate`,
      legalBasis:
        judicial.events['small-claims-agreed'] && !titleDate(judicial)
          ? ['CPCE L125-1', 'CPCE L122-1']
          : ['CPCE L122-1', 'CPCE L111-4'],
      note: `enforceable title of ${title}: mandate a commissaire de justice`,
    },
    {
      level: 'court-title',
      template: 'creditor-court-deadline',
      subject: `Titre exécutoire obtenu — dossier ${dossier.dossierId}`,
      paragraphs: [
        `Le dossier ${dossier.dossierId} dispose d'un titre exécutoire depuis le ${longDate(title, 'fr')}.`,
        "Mandatez un commissaire de justice pour l'exécution (CPCE L122-1) : enregistrez le mandat (POST /dossiers/{id}/court-events, kind enforcement-mandate, avec l'adresse de l'étude) ; le titre et le dossier de pièces lui sont alors transmis.",
      ],
    },
  );
}

/**
 * The court file cannot be built: one task for a person lists what is missing (refreshed when the
 * list changes), and the timeline says so once per list. The step comes back the next day.
 */
async function askForMissingData(
  deps: JudicialAlertDeps,
  dossier: Dossier,
  day: LocalDate,
  at: string,
  missing: string[],
) {
  const judicial = dossier.judicial!;
  const decidedOn = judicial.decision?.decidedOn ?? day;
  const base = judicialTask(dossier, { eventId: 'court-file', date: decidedOn }, at, 'lawyer', 'CPC 1407');
  const taskId = `${decidedOn}-court-file-data`;
  const existing = await deps.repository.getTask(dossier.tenantId, dossier.dossierId, taskId);
  const same =
    existing?.status === 'open' && JSON.stringify(existing.missing ?? []) === JSON.stringify(missing);
  if (!same)
    await deps.repository.putTask({
      ...base,
      taskId,
      kind: 'court-file-data',
      dueOn: day,
      level: judicial.recommendation.path,
      status: 'open',
      missing,
    });
  const hash = createHash('sha256').update(missing.join('\n')).digest('hex').slice(0, 12);
  await noteJudicialEvent(deps, dossier, day, at, {
    eventId: `${decidedOn}#COURT-FILE-INCOMPLETE#${hash}`,
    type: 'task-created',
    legalBasis: ['CPC 1407'],
    note: `court file not built, missing: ${missing.join('; ')}`,
  });
}
