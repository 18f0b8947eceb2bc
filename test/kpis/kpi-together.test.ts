import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { useDynalite } from '../support/dynalite';

/**
 * A page's KPI increments held and written once at its end (kpi-aggregates.ts, `together`;
 * DossierRepository.countTogether), on dynalite. The requests are counted as the store sees them,
 * by a middleware on the DynamoDB client (as the benchmark counts them); the same middleware
 * makes the KPI writes fail on demand.
 */
const kpiWrites = { count: 0, failures: 0 };
const injected = new Error('KPI item throttled');

let repository: DynamoDossierRepository;
useDynalite((dynamo) => {
  dynamo.client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: unknown };
      const onKpis = /^Update/.test(context.commandName ?? '') && JSON.stringify(input.Key).includes('#KPI');
      if (onKpis) {
        kpiWrites.count++;
        if (kpiWrites.failures > 0) {
          kpiWrites.failures--;
          throw injected;
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'kpiWriteCounter' },
  );
  repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, 4);
});

beforeEach(() => {
  kpiWrites.count = 0;
  kpiWrites.failures = 0;
});

const DAY = '2026-11-30';

/** `count` messages sent on one morning, on as many dossiers: half e-mails, half SMS. */
function messagesSent(tenantId: string, count: number, from = 0): TimelineEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    tenantId,
    dossierId: `DOS-${from + i}`,
    eventId: `${DAY}#ACT#reminder-1#${i % 2 ? 'sms' : 'email'}`,
    type: 'action-sent' as const,
    at: `${DAY}T06:00:00.000Z`,
    day: DAY,
    actor: 'pipeline' as const,
    level: 'reminder-1',
    channel: i % 2 ? ('sms' as const) : ('email' as const),
    state: 'pending' as const,
  }));
}

/** A page's steps: its dossiers at once, as act-on-page.ts runs them. */
async function appendAll(events: TimelineEvent[]): Promise<void> {
  const appended = await Promise.all(events.map((event) => repository.appendEvent(event)));
  expect(appended.every(Boolean)).toBe(true);
}

const countersOf = async (tenantId: string) => (await repository.kpis.days(tenantId, DAY, DAY))[0]?.counters;

describe('countTogether', () => {
  it('writes the KPI counts of 20 messages in one request, the same totals as one by one', async () => {
    const result = await repository.countTogether(async () => {
      await appendAll(messagesSent('together', 20));
      expect(kpiWrites.count).toBe(0);
      return 'page done';
    });
    expect(result).toBe('page done');
    expect(kpiWrites.count).toBe(1);

    kpiWrites.count = 0;
    await appendAll(messagesSent('one-by-one', 20));
    expect(kpiWrites.count).toBe(20);

    expect(await countersOf('together')).toEqual({ msg_email: 10, msg_sms: 10 });
    expect(await countersOf('together')).toEqual(await countersOf('one-by-one'));
  });

  it('counts nothing twice: an event appended again inside the page adds nothing', async () => {
    const events = messagesSent('retried', 6);
    await repository.countTogether(async () => {
      await appendAll(events);
      const again = await Promise.all(events.map((event) => repository.appendEvent(event)));
      expect(again.some(Boolean)).toBe(false);
    });
    expect(kpiWrites.count).toBe(1);
    expect(await countersOf('retried')).toEqual({ msg_email: 3, msg_sms: 3 });
  });

  it('makes one batch of a nested one: written once, at the end of the outer', async () => {
    await repository.countTogether(async () => {
      await appendAll(messagesSent('nested', 4));
      await repository.countTogether(() => appendAll(messagesSent('nested', 4, 4)));
      expect(kpiWrites.count).toBe(0);
    });
    expect(kpiWrites.count).toBe(1);
    expect(await countersOf('nested')).toEqual({ msg_email: 4, msg_sms: 4 });
  });

  it('keeps two pages at once apart: each writes its own counts once', async () => {
    const page = (from: number) => repository.countTogether(() => appendAll(messagesSent('pages', 10, from)));
    await Promise.all([page(0), page(10)]);
    expect(kpiWrites.count).toBe(2);
    expect(await countersOf('pages')).toEqual({ msg_email: 10, msg_sms: 10 });
  });

  it("still writes the counts of a page whose work failed: its events were written, a retry won't count them", async () => {
    const lost = vi.fn();
    const failing = repository.countTogether(async () => {
      await appendAll(messagesSent('failed-page', 4));
      throw new Error('a dossier of the page failed');
    }, lost);
    await expect(failing).rejects.toThrow('a dossier of the page failed');
    expect(kpiWrites.count).toBe(1);
    expect(lost).not.toHaveBeenCalled();
    expect(await countersOf('failed-page')).toEqual({ msg_email: 2, msg_sms: 2 });
  });

  it('tells `lost` when the final write fails after its retries, and returns the work’s result', async () => {
    kpiWrites.failures = Number.POSITIVE_INFINITY;
    const lost = vi.fn();
    const result = await repository.countTogether(async () => {
      await appendAll(messagesSent('lost', 20));
      return 20;
    }, lost);
    kpiWrites.failures = 0;
    expect(result).toBe(20);
    expect(lost).toHaveBeenCalledExactlyOnceWith(injected);
    expect(kpiWrites.count).toBe(3);
    // The messages stay recorded; only the figures are short.
    expect(await repository.listTimeline('lost', 'DOS-0')).toHaveLength(1);
    expect(await countersOf('lost')).toBeUndefined();
  });

  it('tries the final write again before giving up: two failures, then the counts land', async () => {
    kpiWrites.failures = 2;
    const lost = vi.fn();
    await repository.countTogether(() => appendAll(messagesSent('retried-write', 20)), lost);
    expect(lost).not.toHaveBeenCalled();
    expect(kpiWrites.count).toBe(3);
    expect(await countersOf('retried-write')).toEqual({ msg_email: 10, msg_sms: 10 });
  });
});
