import { type JudicialStepStage, judicialStepStage } from '../../../domain/judicial/judicial-step';
import { type JudicialStepDeps, type JudicialStepInput, loadForStep } from './deps';

/**
 * Task `ReadStage` of the judicial step: where the dossier stands in court today, for the state
 * machine's Choice (judicial-step.ts). Reads only; ids and the stage are all it hands on.
 */
export async function readJudicialStage(
  deps: Pick<JudicialStepDeps, 'repository'>,
  input: JudicialStepInput,
): Promise<{ stage: JudicialStepStage }> {
  const { dossier, day } = await loadForStep(deps, input);
  return { stage: judicialStepStage(dossier, day) };
}
