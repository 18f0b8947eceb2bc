import { addDays } from '../../../domain/calendar';
import { ConflictError, ValidationError } from '../../../domain/errors';
import { buildCourtFile } from '../build-court-file';
import { CourtFileIncompleteError } from '../court-file-request';
import { type JudicialStepDeps, type JudicialStepInput, loadForStep } from './deps';

export type CourtFileStepResult = { outcome: 'built' } | { outcome: 'incomplete'; missing: string[] };

/**
 * Task `BuildCourtFile` of the judicial step (docs/legal.md §10, "The court file"): builds the
 * request or invitation and its bundle for a dossier decided `file`. A file the data cannot make
 * (a SIREN, an address, the competent court, the formal notice's proof) is not a failure of the
 * step: it says what is missing, for the next state to open a task for a person, and comes back
 * tomorrow (the data may have been completed). S3 or DynamoDB errors fail the task: Step Functions retries.
 */
export async function buildCourtFileStep(
  deps: JudicialStepDeps,
  input: JudicialStepInput,
): Promise<CourtFileStepResult> {
  const { tenantId, dossierId, asOf } = input;
  try {
    const { courtFile, built } = await buildCourtFile(deps, { tenantId, dossierId, asOf });
    deps.logger.info('court file built', { tenantId, dossierId, path: courtFile.path, built });
    await closeMissingDataTask(deps, input);
    return { outcome: 'built' };
  } catch (error) {
    if (!(error instanceof ValidationError || error instanceof ConflictError)) throw error;
    const missing = error instanceof CourtFileIncompleteError ? error.missing : [error.message];
    // Messages name mentions and articles, never the debtor's data (build-court-file.ts).
    deps.logger.warn('court file not built: the data must be completed', {
      tenantId,
      dossierId,
      error: error.name,
      reason: error.message,
    });
    const { dossier, day } = await loadForStep(deps, input);
    await deps.repository.saveDossier({
      ...dossier,
      judicial: { ...dossier.judicial!, nextCheckOn: addDays(day, 1) },
      updatedAt: asOf,
      version: dossier.version + 1,
    });
    return { outcome: 'incomplete', missing };
  }
}

/** The data was completed: the task that listed what was missing is done (judicial-acts.ts opened it). */
async function closeMissingDataTask(deps: JudicialStepDeps, input: JudicialStepInput): Promise<void> {
  const { dossier } = await loadForStep(deps, input);
  const decidedOn = dossier.judicial?.decision?.decidedOn;
  if (!decidedOn) return;
  const task = await deps.repository.getTask(input.tenantId, input.dossierId, `${decidedOn}-court-file-data`);
  if (task?.status === 'open')
    await deps.repository.putTask({ ...task, status: 'done', outcomeAt: input.asOf });
}
