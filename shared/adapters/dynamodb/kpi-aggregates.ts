import { AsyncLocalStorage } from 'node:async_hooks';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import {
  COUNTER,
  type KpiCounters,
  type KpiDelta,
  kpiDelta,
  mergeDeltas,
  NEEDS_DOSSIER,
} from '../../domain/kpi/kpi-projection';
import type { TimelineEvent } from '../../domain/timeline';
import type { KpiDay, KpiStore } from '../../use-cases/kpis/kpi-ports';
import { keys, shardOf } from './keys';

/**
 * Items per tenant and day: a sweep's escalation steps of one tenant all add to the same day, and
 * one DynamoDB item takes ~1,000 writes a second; 8 items take 8×, and a period's read is still
 * one Query (8 items a day, ≈ 2,900 for a year).
 */
export const KPI_SHARDS = 8;

/**
 * The KPI aggregates (docs/kpis.md): the projector's deltas written with atomic ADD, and the
 * days of a period read back. The repository calls `project` after an event's first write only
 * (`appendEvent`'s conditional put), so an event written twice counts once; intake's events count
 * after their dossier's conditional save (`projectEntrusted`). A crash between the
 * event's write and the ADD loses that event's count (at most once, never twice): there is no
 * transaction in dynalite to make both one write.
 */
export class DynamoKpiAggregates implements KpiStore {
  /** The increments held back by `together` in the current async context (a page task). */
  private readonly held = new AsyncLocalStorage<{ deltas: KpiDelta[]; shard?: number }>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly readDossier: (tenantId: string, dossierId: string) => Promise<Dossier | undefined>,
  ) {}

  /**
   * An event appended for the first time: its contribution, if any. `stored`: the dossier as its
   * writer just saved it (the payment it records is on it), so no read; absent, it is read.
   */
  async project(event: TimelineEvent, stored?: Dossier): Promise<void> {
    if (!(await this.contributes(event))) return;
    const dossier = NEEDS_DOSSIER.has(event.type)
      ? (stored ?? (await this.readDossier(event.tenantId, event.dossierId)))
      : undefined;
    const delta = kpiDelta(event, dossier);
    if (delta) await this.add(delta, shardOf(event.tenantId, event.dossierId, KPI_SHARDS));
  }

  /**
   * Intake's `invoice-added` events, written in batches without a condition (a retried file
   * rewrites them as they were): they count once their dossier's conditional save succeeded,
   * which happens once for the invoices it adds (store-debtor.ts). `newDossiers`: the debtors
   * whose dossier was created (true: one). Intake passes a page of dossiers at once
   * (store-debtor-groups.ts): one ADD per day, on the first dossier's shard (successive pages
   * start with other dossiers, so the shards still share the writes).
   */
  async projectEntrusted(events: readonly TimelineEvent[], newDossiers: boolean | number): Promise<void> {
    const created = newDossiers === true ? 1 : newDossiers === false ? 0 : newDossiers;
    const deltas = events.flatMap((event) => {
      const delta = kpiDelta(event);
      return delta ? [delta] : [];
    });
    const first = events[0];
    if (!first) return;
    if (created > 0)
      deltas.push({
        tenantId: first.tenantId,
        day: first.day,
        counters: { [COUNTER.entrustedDossiers]: created },
      });
    const shard = shardOf(first.tenantId, first.dossierId, KPI_SHARDS);
    for (const delta of mergeDeltas(deltas)) await this.add(delta, shard);
  }

  /**
   * Runs `work` with its increments added up and written at its end, one ADD per tenant and day
   * (a page of escalation steps sends ~50 messages: one write, not 50). A crash before the end
   * loses the page's counts, never counts twice (the events' first writes are what project);
   * should the write still fail after its retries, `lost` hears of it and the work's result stands.
   */
  async together<T>(work: () => Promise<T>, lost?: (error: unknown) => void): Promise<T> {
    if (this.held.getStore()) return work();
    const batch: { deltas: KpiDelta[]; shard?: number } = { deltas: [] };
    try {
      return await this.held.run(batch, work);
    } finally {
      await this.flush(batch).catch((error) => lost?.(error));
    }
  }

  private async flush(batch: { deltas: KpiDelta[]; shard?: number }): Promise<void> {
    for (const delta of mergeDeltas(batch.deltas))
      for (let attempt = 1; ; attempt++) {
        try {
          await this.write(delta, batch.shard ?? 0);
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        }
      }
  }

  /** The tenant's days in [from, to] that have any counter, shards summed, in day order. */
  async days(
    tenantId: string,
    from: LocalDate,
    to: LocalDate,
    counters?: readonly string[],
  ): Promise<KpiDay[]> {
    const projection = counters
      ? {
          ProjectionExpression: ['#day', ...counters.map((_, i) => `#p${i}`)].join(', '),
          ExpressionAttributeNames: {
            '#day': 'day',
            ...Object.fromEntries(counters.map((name, i) => [`#p${i}`, name])),
          },
        }
      : {};
    const { low, high } = keys.kpiDayRange(from, to);
    const byDay = new Map<LocalDate, KpiCounters>();
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :low AND :high',
          ExpressionAttributeValues: { ':pk': keys.kpiPartition(tenantId), ':low': low, ':high': high },
          ...projection,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        const day = String(item.day);
        const counters = byDay.get(day) ?? {};
        for (const [name, value] of Object.entries(item)) {
          if (typeof value !== 'number' || name === 'shard') continue;
          counters[name] = (counters[name] ?? 0) + value;
        }
        byDay.set(day, counters);
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, counters]) => ({ day, counters }));
  }

  /** Whether the event type counts at all: most timeline events add nothing (no read, no write). */
  private async contributes(event: TimelineEvent): Promise<boolean> {
    return NEEDS_DOSSIER.has(event.type) || kpiDelta(event) !== undefined;
  }

  private async add(delta: KpiDelta, shard: number): Promise<void> {
    const batch = this.held.getStore();
    if (!batch) return this.write(delta, shard);
    // Held for the end of the page, on its first dossier's shard (successive pages spread the writes).
    batch.shard ??= shard;
    batch.deltas.push(delta);
  }

  private async write(delta: KpiDelta, shard: number): Promise<void> {
    const entries = Object.entries(delta.counters).filter(([, value]) => value !== 0);
    if (entries.length === 0) return;
    const names: Record<string, string> = {
      '#tenantId': 'tenantId',
      '#day': 'day',
      '#entity': 'entity',
      '#shard': 'shard',
    };
    const values: Record<string, unknown> = {
      ':tenantId': delta.tenantId,
      ':day': delta.day,
      ':entity': 'KpiDay',
      ':shard': shard,
    };
    const adds = entries.map(([name, value], index) => {
      names[`#c${index}`] = name;
      values[`:c${index}`] = value;
      return `#c${index} :c${index}`;
    });
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.kpiDay(delta.tenantId, delta.day, shard),
        UpdateExpression: `SET #tenantId = :tenantId, #day = :day, #entity = :entity, #shard = :shard ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }
}
