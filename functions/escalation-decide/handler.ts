import middy from '@middy/core';
import type { StepDecision } from '../../shared/domain/escalation';
import { decideStep } from '../../shared/use-cases/escalation/decide-step';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import { escalationInputSchema } from '../../shared/use-cases/escalation/step-inputs';
import { parseInput } from '../../shared/use-cases/parse-input';

/** Task `Decide` of statemachines/escalation.asl.json: reads only, so Step Functions may retry it freely. */
export function makeHandler(deps: Pick<PipelineDeps, 'repository' | 'tenants' | 'logger'>) {
  return middy<unknown, StepDecision>().handler((event) =>
    decideStep(deps, parseInput(escalationInputSchema, event)),
  );
}
