import middy from '@middy/core';
import {
  actInputSchema,
  type JudicialActInput,
  type JudicialAlertDeps,
} from '../../shared/use-cases/judicial/step/deps';
import { performJudicialAct } from '../../shared/use-cases/judicial/step/judicial-acts';
import { parseInput } from '../../shared/use-cases/parse-input';

/**
 * Tasks `RequestEnforceableFormula`, `ContestedPath`, `EnforcementHandOff` and `AskForMissingData`
 * of the judicial step: the act named in the payload.
 */
export function makeHandler(deps: JudicialAlertDeps) {
  return middy<unknown, { done: JudicialActInput['act'] }>().handler((event) =>
    performJudicialAct(deps, parseInput(actInputSchema, event)),
  );
}
