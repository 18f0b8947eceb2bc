import type { LocalFunction } from '../asl-runner';
import type { EmbeddedHooks } from '../embedded-stack';
import { type FaultOptions, FaultPlan } from './fault-plan';
import {
  faultyBlobs,
  faultyLauncher,
  faultyMessenger,
  faultyRegisteredMail,
  faultyRepository,
} from './faulty-ports';

/**
 * How each function's trigger re-delivers a failed invocation on AWS, reproduced around the
 * embedded function when faults are on (embedded, a failed call would otherwise be lost):
 * - intake: S3's asynchronous invocation tries 3 times, then the dead-letter queue, which the
 *   operator re-drives (docs/architecture.md, "Errors"): here re-driven at once, up to 10 calls;
 * - delivery-feedback: SNS retries its delivery to Lambda; monthly-statements: the schedule retries;
 * - api: the callers (a bank feed, the agents' tool, the creditor) retry a 5xx with the same
 *   payment, outcome or event id, which the API treats as the same request.
 * The state machines' functions get nothing here: their Retry and Catch in the ASL are the policy.
 */
const REDELIVERIES: Record<string, number> = {
  intake: 10,
  'delivery-feedback': 10,
  'monthly-statements': 10,
  api: 10,
};

export interface FaultStats {
  /** Invocations that failed and were delivered again, by function. */
  redelivered: Record<string, number>;
}

function redelivering(name: string, fn: LocalFunction, stats: FaultStats): LocalFunction {
  const tries = REDELIVERIES[name];
  if (!tries) return fn;
  return async (payload) => {
    for (let attempt = 1; ; attempt++) {
      let result: unknown;
      try {
        result = await fn(payload);
      } catch (error) {
        if (attempt >= tries) throw error;
        stats.redelivered[name] = (stats.redelivered[name] ?? 0) + 1;
        continue;
      }
      const status = (result as { statusCode?: number } | null)?.statusCode;
      if (name !== 'api' || status === undefined || status < 500 || attempt >= tries) return result;
      stats.redelivered[name] = (stats.redelivered[name] ?? 0) + 1;
    }
  };
}

/**
 * The embedded stack's hooks with a fault plan around the chosen ports, on top of `base` (the cost
 * meter's, when both are on): the plan's wrappers sit closest to the adapters.
 */
export function faultHooks(
  options: FaultOptions,
  base: EmbeddedHooks = {},
): { hooks: EmbeddedHooks; plan: FaultPlan; stats: FaultStats } {
  const plan = new FaultPlan(options);
  const stats: FaultStats = { redelivered: {} };
  const hooks: EmbeddedHooks = {
    ...base,
    repository: (repository) => {
      const faulty = faultyRepository(repository, plan);
      return base.repository ? base.repository(faulty) : faulty;
    },
    messenger: (messenger) => {
      const faulty = faultyMessenger(messenger, plan);
      return base.messenger ? base.messenger(faulty) : faulty;
    },
    blobs: (blobs) => {
      const faulty = faultyBlobs(blobs, plan);
      return base.blobs ? base.blobs(faulty) : faulty;
    },
    registeredMail: (mail) => {
      const faulty = faultyRegisteredMail(mail, plan);
      return base.registeredMail ? base.registeredMail(faulty) : faulty;
    },
    launcher: (launcher) => {
      const faulty = faultyLauncher(launcher, plan);
      return base.launcher ? base.launcher(faulty) : faulty;
    },
    lambda: (name, fn) => {
      const wrapped = base.lambda ? base.lambda(name, fn) : fn;
      return redelivering(name, wrapped, stats);
    },
  };
  return { hooks, plan, stats };
}
