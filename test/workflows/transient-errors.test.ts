import { describe, expect, it } from 'vitest';
import { loadDefinition, taskStates } from '../../infra/local/asl-runner';
import { TRANSIENT_ERRORS } from '../../shared/use-cases/escalation/page-work';

/**
 * The page handlers retry a dossier's transient error themselves (page-work.ts), the escalation
 * ASL retries a whole task's: both must call the same errors transient, or a dossier is given up
 * on by one that the other would have tried again.
 */
interface Retrier {
  ErrorEquals: string[];
}

// `Lambda.*` (the invoke itself) and `States.*` (the runtime's) never reach a handler's catch.
const fromHandlers = (names: string[]) => names.filter((name) => !/^(Lambda|States)\./.test(name));

const tasks = taskStates(loadDefinition('escalation', {}).States as never).map(([name, state]) => ({
  name,
  retried: fromHandlers(((state as { Retry?: Retrier[] }).Retry ?? []).flatMap((r) => r.ErrorEquals)),
}));

describe('transient errors: page-work.ts and statemachines/escalation.asl.json agree', () => {
  it('the ASL retries, by name, exactly the errors the handlers call transient', () => {
    const inAsl = new Set(tasks.flatMap((task) => task.retried));
    expect([...inAsl].sort()).toEqual([...TRANSIENT_ERRORS].sort());
  });

  it('every task that retries a handler error retries all of them', () => {
    const retrying = tasks.filter((task) => task.retried.length > 0);
    // The four page tasks: DecidePage, ActOnPage, RecordPage, RecordPageFailure.
    expect(retrying.map((task) => task.name).sort()).toEqual([
      'ActOnPage',
      'DecidePage',
      'RecordPage',
      'RecordPageFailure',
    ]);
    for (const task of retrying)
      expect({ task: task.name, retried: [...task.retried].sort() }).toEqual({
        task: task.name,
        retried: [...TRANSIENT_ERRORS].sort(),
      });
  });
});
