import type { Logger } from '../../../shared/use-cases/ports';
import { readJson, writeJson } from './data-folder';
import { dueOccurrences, nextOccurrence, type Occurrence, type ServeSchedule } from './schedules';
import type { ServerClock } from './server-clock';

/** Last scheduled time run, per schedule (ISO): kept in the data folder for the catch-up. */
type LastRuns = Record<string, string>;

/** Longest real sleep between two looks at the clock (a laptop's sleep or a clock change is noticed). */
const MAX_SLEEP_MS = 30_000;
/** Attempts per occurrence before it is logged as given up (the scheduler's dead-letter queue on AWS). */
const ATTEMPTS = 3;

export type RunJob = (schedule: ServeSchedule, asOf: Date) => Promise<void>;

/**
 * The daily schedules of `serve`, in real (or accelerated) time. Due occurrences run one at a
 * time, oldest first, each with its scheduled time as `asOf` (as EventBridge Scheduler passes
 * `scheduledTime`), and each is recorded once done: a restart runs what it missed (catch-up)
 * and nothing twice. The first start records "now": a new data folder does not run the past.
 */
export class Scheduler {
  private lastRuns: LastRuns = {};
  private stopping = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly schedules: readonly ServeSchedule[],
    private readonly clock: ServerClock,
    private readonly statePath: string,
    private readonly run: RunJob,
    private readonly logger: Logger,
    private readonly afterRun: () => Promise<void> = async () => {},
  ) {}

  async start(): Promise<void> {
    this.lastRuns = (await readJson<LastRuns>(this.statePath)) ?? {};
    const now = this.clock.now().toISOString();
    let fresh = false;
    for (const schedule of this.schedules) {
      if (this.lastRuns[schedule.name]) continue;
      this.lastRuns[schedule.name] = now;
      fresh = true;
    }
    if (fresh) await writeJson(this.statePath, this.lastRuns);
    this.loop = this.runLoop();
  }

  /** The next run of each schedule, for the banner. */
  nextRuns(): Occurrence[] {
    return this.schedules.map((schedule) => nextOccurrence(schedule, this.lastRunOf(schedule)));
  }

  /** Stops sleeping and waits for the job in flight, if any, to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private lastRunOf(schedule: ServeSchedule): Date {
    return new Date(this.lastRuns[schedule.name] ?? this.clock.now().toISOString());
  }

  private due(): Occurrence[] {
    const now = this.clock.now();
    return this.schedules
      .flatMap((schedule) => dueOccurrences(schedule, this.lastRunOf(schedule), now))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      const [occurrence] = this.due();
      if (occurrence) {
        await this.runOnce(occurrence);
        continue;
      }
      const next = Math.min(...this.nextRuns().map((o) => o.startsAt.getTime()));
      await this.sleep(Math.min(MAX_SLEEP_MS, this.clock.realDelayUntil(new Date(next))));
    }
  }

  private async runOnce({ schedule, scheduledAt }: Occurrence): Promise<void> {
    const asOf = scheduledAt.toISOString();
    for (let attempt = 1; ; attempt++) {
      try {
        this.logger.info('schedule run', { schedule: schedule.name, asOf, attempt });
        await this.run(schedule, scheduledAt);
        break;
      } catch (error) {
        this.logger.error('schedule run failed', {
          schedule: schedule.name,
          asOf,
          attempt,
          error: (error as Error).name,
        });
        // Stopping: left unrecorded, so the next start runs it again (the run is idempotent).
        if (this.stopping) return;
        if (attempt === ATTEMPTS) break;
        await this.sleep(1_000);
      }
    }
    this.lastRuns[schedule.name] = asOf;
    await writeJson(this.statePath, this.lastRuns);
    await this.afterRun();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
