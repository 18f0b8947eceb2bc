import { afterEach, describe, expect, it } from 'vitest';
import { writeJson } from '../../infra/local/serve/data-folder';
import { Scheduler } from '../../infra/local/serve/scheduler';
import {
  dueOccurrences,
  nextOccurrence,
  SERVE_SCHEDULES,
  type ServeSchedule,
} from '../../infra/local/serve/schedules';
import type { ServerClock } from '../../infra/local/serve/server-clock';
import { parisInstant } from '../../shared/domain/calendar';
import { removeDir, tempDataDir } from './support';

const schedule = (name: string): ServeSchedule => SERVE_SCHEDULES.find((s) => s.name === name)!;
const at = (day: string, hour: number, minute = 0) => new Date(parisInstant(day, hour, minute));
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A clock that stands still: the scheduler sees exactly the instant the test chose. */
function fixedClock(now: Date): ServerClock {
  return { factor: 1, now: () => now, realDelayUntil: () => 60_000, describe: () => 'fixed' };
}

describe('serve schedules: Europe/Paris like EventBridge Scheduler', () => {
  it('fires at 02:00 Paris in winter and in summer time', () => {
    const winter = nextOccurrence(schedule('prescription-sweep'), at('2026-01-10', 12));
    expect(winter.scheduledAt.toISOString()).toBe('2026-01-11T01:00:00.000Z');
    const summer = nextOccurrence(schedule('prescription-sweep'), at('2026-07-10', 12));
    expect(summer.scheduledAt.toISOString()).toBe('2026-07-11T00:00:00.000Z');
  });

  it('skips 02:00 on the spring DST day (it does not exist) and runs once on the autumn one', () => {
    const spring = dueOccurrences(schedule('prescription-sweep'), at('2026-03-28', 12), at('2026-03-30', 12));
    expect(spring.map((o) => o.scheduledAt.toISOString())).toEqual(['2026-03-30T00:00:00.000Z']);
    const autumn = dueOccurrences(schedule('prescription-sweep'), at('2026-10-24', 12), at('2026-10-25', 12));
    expect(autumn).toHaveLength(1);
    // 06:00 exists on both days.
    expect(
      dueOccurrences(schedule('overdue-sweep'), at('2026-03-28', 12), at('2026-03-29', 12)),
    ).toHaveLength(1);
  });

  it('starts the overdue sweep when its contact-window hold ends (08:00), with 06:00 as asOf', () => {
    const overdue = nextOccurrence(schedule('overdue-sweep'), at('2026-01-05', 0));
    expect(overdue.scheduledAt).toEqual(at('2026-01-05', 6));
    expect(overdue.startsAt).toEqual(at('2026-01-05', 8));
    expect(dueOccurrences(schedule('overdue-sweep'), at('2026-01-05', 0), at('2026-01-05', 7, 59))).toEqual(
      [],
    );
  });
});

describe('Scheduler: catch-up at start-up', () => {
  let dir: string | undefined;
  afterEach(() => removeDir(dir));

  async function runScheduler(statePath: string, now: Date) {
    const runs: string[] = [];
    const scheduler = new Scheduler(
      SERVE_SCHEDULES,
      fixedClock(now),
      statePath,
      async (s, asOf) => {
        runs.push(`${s.name}@${asOf.toISOString()}`);
      },
      quiet,
    );
    await scheduler.start();
    // The loop runs what is due, then sleeps; a stop wakes it and waits for the run in flight.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await scheduler.stop();
    return runs;
  }

  it('runs, oldest first, every occurrence missed while it was down, then nothing twice', async () => {
    dir = await tempDataDir();
    const state = `${dir}/schedules.json`;
    const lastRun = at('2026-03-10', 13).toISOString();
    await writeJson(state, Object.fromEntries(SERVE_SCHEDULES.map((s) => [s.name, lastRun])));
    const runs = await runScheduler(state, at('2026-03-12', 10));
    expect(runs).toEqual([
      `prescription-sweep@${at('2026-03-11', 2).toISOString()}`,
      `judicial-sweep@${at('2026-03-11', 3).toISOString()}`,
      `retention-sweep@${at('2026-03-11', 4).toISOString()}`,
      `overdue-sweep@${at('2026-03-11', 6).toISOString()}`,
      `monthly-statements@${at('2026-03-11', 9).toISOString()}`,
      `registered-mail@${at('2026-03-11', 12).toISOString()}`,
      `prescription-sweep@${at('2026-03-12', 2).toISOString()}`,
      `judicial-sweep@${at('2026-03-12', 3).toISOString()}`,
      `retention-sweep@${at('2026-03-12', 4).toISOString()}`,
      `overdue-sweep@${at('2026-03-12', 6).toISOString()}`,
      `monthly-statements@${at('2026-03-12', 9).toISOString()}`,
    ]);
    expect(await runScheduler(state, at('2026-03-12', 10))).toEqual([]);
  });

  it('runs nothing of the past on a new data folder', async () => {
    dir = await tempDataDir();
    expect(await runScheduler(`${dir}/schedules.json`, at('2026-03-12', 10))).toEqual([]);
  });
});
