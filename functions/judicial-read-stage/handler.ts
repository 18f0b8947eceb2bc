import middy from '@middy/core';
import type { JudicialStepStage } from '../../shared/domain/judicial/judicial-step';
import { type JudicialStepDeps, judicialStepInputSchema } from '../../shared/use-cases/judicial/step/deps';
import { readJudicialStage } from '../../shared/use-cases/judicial/step/read-stage';
import { parseInput } from '../../shared/use-cases/parse-input';

/** Task `ReadStage` of the judicial step: the stage the state machine's Choice routes on. */
export function makeHandler(deps: Pick<JudicialStepDeps, 'repository'>) {
  return middy<unknown, { stage: JudicialStepStage }>().handler((event) =>
    readJudicialStage(deps, parseInput(judicialStepInputSchema, event)),
  );
}
