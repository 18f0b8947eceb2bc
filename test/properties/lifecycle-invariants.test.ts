import fc from 'fast-check';
import { describe, it } from 'vitest';
import { LIFECYCLE_INVARIANTS, verdicts } from './support/lifecycle-checks';
import {
  describeHistory,
  type LifecycleHistory,
  lifecycleArb,
  NUM_RUNS,
  PROPERTY_TIMEOUT_MS,
} from './support/lifecycle-history';
import { REGRESSIONS } from './support/lifecycle-regressions';
import { runLifecycle } from './support/lifecycle-run';

/**
 * The invariants of docs/reliability.md on random dossier lifecycles driven through the real use
 * cases (lifecycle-run.ts): payments, credit notes, disputes opened and resolved, promises kept or
 * broken, payment plans paid or missed, bounces, opt-outs, insolvency, acknowledgments, settlements
 * and write-offs, the nightly prescription sweep and each day's step (decideStep, performAction,
 * recordStep), sometimes replayed. Storage is an in-memory repository with DynamoDB's conditional
 * writes (test/support/memory-repository.ts): dynalite is too slow for 10,000 histories.
 *
 * Every property draws the same histories (one seed per run of this file), so each history is
 * driven once and all the invariants read its outcome. A failure prints the shrunk history, one
 * event a line, and fast-check's seed: replay it with PROPS_SEED=<seed>.
 */

const SEED = Number(process.env.PROPS_SEED ?? Date.now() % 2 ** 31);
const outcomes = new Map<string, Promise<Record<string, string[]>>>();

function outcomeOf(history: LifecycleHistory) {
  const key = JSON.stringify(history);
  let outcome = outcomes.get(key);
  if (!outcome) {
    outcome = runLifecycle(history).then(verdicts);
    outcomes.set(key, outcome);
  }
  return outcome;
}

describe('invariants on random histories through the use cases', () => {
  for (const name of Object.keys(LIFECYCLE_INVARIANTS))
    it(name, { timeout: PROPERTY_TIMEOUT_MS }, async () => {
      await fc.assert(
        fc.asyncProperty(lifecycleArb, async (history) => {
          const violations = (await outcomeOf(history))[name]!;
          if (violations.length > 0)
            throw new Error(`${violations.join('\n')}\nhistory:\n${describeHistory(history)}`);
        }),
        {
          numRuns: NUM_RUNS,
          seed: SEED,
          examples: (REGRESSIONS[name] ?? []).map((history) => [history]),
        },
      );
    });
});
