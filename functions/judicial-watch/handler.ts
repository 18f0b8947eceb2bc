import middy from '@middy/core';
import { type JudicialAlertDeps, watchInputSchema } from '../../shared/use-cases/judicial/step/deps';
import { watchClaimDeclaration } from '../../shared/use-cases/judicial/step/watch-claim-declaration';
import {
  type WatchOutcome,
  watchCourtDeadline,
} from '../../shared/use-cases/judicial/step/watch-court-deadline';
import { parseInput } from '../../shared/use-cases/parse-input';

/**
 * Tasks `WatchService`, `WatchOpposition`, `WatchSmallClaimsAnswer`, `WatchEnforcementActs` and
 * `WatchClaimDeclaration` of the judicial step: the deadline named in the payload.
 */
export function makeHandler(deps: JudicialAlertDeps) {
  return middy<unknown, { outcome: WatchOutcome }>().handler((event) => {
    const input = parseInput(watchInputSchema, event);
    return input.deadline === 'claim-declaration'
      ? watchClaimDeclaration(deps, input)
      : watchCourtDeadline(deps, input);
  });
}
