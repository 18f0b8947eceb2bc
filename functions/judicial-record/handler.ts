import middy from '@middy/core';
import { type JudicialStepDeps, recordInputSchema } from '../../shared/use-cases/judicial/step/deps';
import { recordJudicialStep } from '../../shared/use-cases/judicial/step/record-step';
import { parseInput } from '../../shared/use-cases/parse-input';

/** Task `RecordStep` of the judicial step: what was due today leaves the sweep's index. */
export function makeHandler(deps: Pick<JudicialStepDeps, 'repository' | 'logger'>) {
  return middy<unknown, { nextCheckOn: string | null }>().handler((event) =>
    recordJudicialStep(deps, parseInput(recordInputSchema, event)),
  );
}
