import { createHash } from 'node:crypto';

/** The adapters a fault plan can hit: the side effects of the pipeline, each behind its port. */
export const FAULT_TARGETS = [
  'dynamodb-writes',
  'blobs',
  'email',
  'sms',
  'letters',
  'registered-mail',
  'start-execution',
] as const;
export type FaultTarget = (typeof FAULT_TARGETS)[number];

export interface FaultOptions {
  /** Fraction of calls (attempts) that fail, 0..1. */
  rate: number;
  /** The same seed draws the same faults for the same calls, whatever the interleaving. */
  seed: number;
  /** Which adapters fail (default: all). */
  targets?: readonly FaultTarget[];
  /**
   * Share of the faults that are time-outs: the call took effect but its answer was lost (the
   * worst case for idempotency); the rest fail before any effect. Default 0.5.
   */
  timeoutShare?: number;
  /**
   * Attempts per call before the fault reaches the code: the AWS SDK's standard retry mode tries
   * each call 3 times (the Step Functions launcher 8, sfn-escalation-launcher.ts). 1 = none.
   */
  attempts?: number;
}

export type FaultOutcome = 'pass' | 'fail' | 'timeout';

/** What the wrappers ask of a plan (a test may script the outcomes instead of drawing them). */
export interface FaultSource {
  readonly attempts: number;
  draw(target: FaultTarget, method: string, args: unknown): FaultOutcome;
  escaped(target: FaultTarget): void;
}

/** What the injected error is called: the name the AWS SDK gives that service's transient error. */
const ERROR_NAMES: Record<FaultTarget, string> = {
  'dynamodb-writes': 'ProvisionedThroughputExceededException',
  blobs: 'SlowDown',
  email: 'TooManyRequestsException',
  sms: 'ThrottledException',
  letters: 'SlowDown',
  'registered-mail': 'RegisteredMailUnavailable',
  'start-execution': 'ThrottlingException',
};

/**
 * An injected fault. `transient` marks it the way the SDK's retry strategy recognises throttling
 * and time-outs; `applied` says whether the call took effect before it failed (a time-out).
 */
export class InjectedFault extends Error {
  readonly transient = true;
  constructor(
    readonly target: FaultTarget,
    readonly applied: boolean,
    detail: string,
  ) {
    super(`injected ${applied ? 'time-out' : 'failure'} on ${target}: ${detail}`);
    this.name = applied ? 'TimeoutError' : ERROR_NAMES[target];
  }
}

export interface FaultCounts {
  calls: number;
  failures: number;
  timeouts: number;
  /** Faults left after the attempts: the pipeline's own recovery (Step Functions Retry, the next sweep) saw them. */
  escaped: number;
}

/**
 * Decides, from a seed, which calls fail. Each draw hashes the seed, the target, the method, the
 * call's arguments and how many times that very call was made before: the same run with the same
 * seed meets the same faults however its concurrent steps interleave, and a retry of a call draws
 * again. Time is never involved.
 */
export class FaultPlan implements FaultSource {
  readonly rate: number;
  readonly seed: number;
  readonly targets: ReadonlySet<FaultTarget>;
  readonly timeoutShare: number;
  readonly attempts: number;
  readonly counts = new Map<FaultTarget, FaultCounts>();
  private readonly seen = new Map<string, number>();

  constructor(options: FaultOptions) {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new Error('faults: rate must be between 0 and 1');
    if (!Number.isInteger(options.seed)) throw new Error('faults: seed must be an integer');
    for (const target of options.targets ?? [])
      if (!FAULT_TARGETS.includes(target))
        throw new Error(`faults: unknown target ${target} (one of ${FAULT_TARGETS.join(', ')})`);
    this.rate = options.rate;
    this.seed = options.seed;
    this.targets = new Set(options.targets ?? FAULT_TARGETS);
    this.timeoutShare = options.timeoutShare ?? 0.5;
    this.attempts = Math.max(1, options.attempts ?? 3);
  }

  /** The outcome of this attempt of the call `method(args)` on `target`. */
  draw(target: FaultTarget, method: string, args: unknown): FaultOutcome {
    const counts = this.countsOf(target);
    counts.calls++;
    if (!this.targets.has(target) || this.rate === 0) return 'pass';
    const call = `${target}|${method}|${fingerprint(args)}`;
    const attempt = this.seen.get(call) ?? 0;
    this.seen.set(call, attempt + 1);
    const [u, v] = uniforms(`${this.seed}|${call}|${attempt}`);
    if (u >= this.rate) return 'pass';
    if (v < this.timeoutShare) {
      counts.timeouts++;
      return 'timeout';
    }
    counts.failures++;
    return 'fail';
  }

  escaped(target: FaultTarget): void {
    this.countsOf(target).escaped++;
  }

  private countsOf(target: FaultTarget): FaultCounts {
    let counts = this.counts.get(target);
    if (!counts) {
      counts = { calls: 0, failures: 0, timeouts: 0, escaped: 0 };
      this.counts.set(target, counts);
    }
    return counts;
  }

  /** Totals per target, for the chaos report. */
  report(): Record<string, FaultCounts> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** A call's identity: its arguments as JSON, byte arrays by length and hash (a PDF is not hashed twice over). */
function fingerprint(args: unknown): string {
  const json = JSON.stringify(args, (_key, value: unknown) =>
    value instanceof Uint8Array ? `bytes:${value.byteLength}` : value,
  );
  return createHash('sha256')
    .update(json ?? 'undefined')
    .digest('base64url');
}

/** Two uniform numbers in [0, 1) from a text (SHA-256): one decides whether, the other which fault. */
function uniforms(text: string): [number, number] {
  const digest = createHash('sha256').update(text).digest();
  return [digest.readUInt32BE(0) / 2 ** 32, digest.readUInt32BE(4) / 2 ** 32];
}
