import { readJson, writeJson } from './data-folder';

/**
 * The server's "now", injected wherever a handler reads time in `serve` (the schedules' asOf, the
 * S3 event's eventTime, the API's request time). Real time by default; accelerated, simulated
 * time runs `factor`× faster so a person can watch days of sweeps pass in minutes.
 */
export interface ServerClock {
  now(): Date;
  /** 1 for real time. */
  readonly factor: number;
  /** Real milliseconds until the clock reads `instant` (0 when it is already past). */
  realDelayUntil(instant: Date): number;
  describe(): string;
}

export class RealClock implements ServerClock {
  readonly factor = 1;
  now(): Date {
    return new Date();
  }
  realDelayUntil(instant: Date): number {
    return Math.max(0, instant.getTime() - Date.now());
  }
  describe(): string {
    return 'real time';
  }
}

export class AcceleratedClock implements ServerClock {
  private readonly realStart = Date.now();

  constructor(
    private readonly simulatedStart: Date,
    readonly factor: number,
  ) {}

  now(): Date {
    return new Date(this.simulatedStart.getTime() + (Date.now() - this.realStart) * this.factor);
  }

  realDelayUntil(instant: Date): number {
    return Math.max(0, Math.ceil((instant.getTime() - this.now().getTime()) / this.factor));
  }

  describe(): string {
    return `accelerated ×${this.factor} from ${this.simulatedStart.toISOString()}`;
  }
}

/** `--clock` values: `real` or `accelerated=N` (N from 1 to 1,000,000). */
export function parseClockOption(value: string): { factor: number } | undefined {
  if (value === 'real') return { factor: 1 };
  const match = /^accelerated=(\d+(?:\.\d+)?)$/.exec(value);
  const factor = match ? Number(match[1]) : Number.NaN;
  return factor >= 1 && factor <= 1_000_000 ? { factor } : undefined;
}

/**
 * An accelerated clock starts at `start` (default now), or where the previous run left simulated
 * time if that is later: simulated time never runs backwards, so no schedule runs twice.
 */
export async function openClock(
  path: string,
  options: { factor: number; start?: Date },
): Promise<{ clock: ServerClock; save(): Promise<void> }> {
  if (options.factor === 1 && !options.start) return { clock: new RealClock(), save: async () => {} };
  const saved = await readJson<{ simulatedAt?: string }>(path);
  const base = options.start?.getTime() ?? Date.now();
  const resumed = Math.max(base, Date.parse(saved?.simulatedAt ?? '') || 0);
  const clock = new AcceleratedClock(new Date(resumed), options.factor);
  return { clock, save: () => writeJson(path, { simulatedAt: clock.now().toISOString() }) };
}
