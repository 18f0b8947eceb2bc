import middy from '@middy/core';
import { decidePage } from '../../shared/use-cases/escalation/decide-page';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import { type DecidedPage, pageInputSchema } from '../../shared/use-cases/escalation/page-inputs';
import { parseInput } from '../../shared/use-cases/parse-input';

/** Task `DecidePage` of statemachines/escalation.asl.json: reads only, so Step Functions may retry it freely. */
export function makeHandler(deps: Pick<PipelineDeps, 'repository' | 'tenants' | 'logger'>) {
  return middy<unknown, DecidedPage>().handler((event) =>
    decidePage(deps, parseInput(pageInputSchema, event)),
  );
}
