import middy from '@middy/core';
import { type ActedPage, actOnPage } from '../../shared/use-cases/escalation/act-on-page';
import { type ActPageInput, actPageInputSchema } from '../../shared/use-cases/escalation/page-inputs';
import type { ActDeps } from '../../shared/use-cases/escalation/perform-action';
import { parseInput } from '../../shared/use-cases/parse-input';

/** Task `ActOnPage`: every action of the page, each sent once per (dossier, day, level, channel). */
export function makeHandler(deps: ActDeps) {
  return middy<unknown, ActedPage>().handler((event) =>
    actOnPage(deps, parseInput(actPageInputSchema, event) as ActPageInput),
  );
}
