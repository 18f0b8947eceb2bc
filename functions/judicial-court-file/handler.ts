import middy from '@middy/core';
import {
  buildCourtFileStep,
  type CourtFileStepResult,
} from '../../shared/use-cases/judicial/step/court-file-step';
import { type JudicialStepDeps, judicialStepInputSchema } from '../../shared/use-cases/judicial/step/deps';
import { parseInput } from '../../shared/use-cases/parse-input';

/** Task `BuildCourtFile` of the judicial step: the request or invitation and its bundle, or what is missing. */
export function makeHandler(deps: JudicialStepDeps) {
  return middy<unknown, CourtFileStepResult>().handler((event) =>
    buildCourtFileStep(deps, parseInput(judicialStepInputSchema, event)),
  );
}
