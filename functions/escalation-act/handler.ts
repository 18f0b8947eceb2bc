import middy from '@middy/core';
import {
  type ActDeps,
  type ActionResult,
  performAction,
} from '../../shared/use-cases/escalation/perform-action';
import { type ActInput, actInputSchema } from '../../shared/use-cases/escalation/step-inputs';
import { parseInput } from '../../shared/use-cases/parse-input';

/** Task `PerformAction` (one per channel, inside the `Act` Map): sends once per (dossier, day, level, channel). */
export function makeHandler(deps: ActDeps) {
  return middy<unknown, ActionResult>().handler((event) =>
    performAction(deps, parseInput(actInputSchema, event) as ActInput),
  );
}
