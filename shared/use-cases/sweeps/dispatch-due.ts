import { parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import type { PipelineDeps } from '../escalation/deps';
import type { DueRef, EscalationPage, Page } from '../ports';
import { type ShardSelection, selectedShards, walkShards } from './shard-walk';

/** One page task of a sweep: its shard, or its group of shards (shard-walk.ts), and where to resume. */
export type SweepPageInput = ShardSelection & {
  asOf: string;
  cursor: string | null;
  /** Seconds the sweep waited after asOf for the contact window (overdue sweep only). */
  holdSeconds?: number;
};

export interface SweepPageResult {
  processed: number;
  /** null when the shard (or the group of shards) is done: the state machine's Choice reads it. */
  cursor: string | null;
}

const QUERY_PAGE = 500;

/** Due dossiers per escalation execution when the deployment does not say (STEP_PAGE_SIZE). */
export const DEFAULT_STEP_PAGE_SIZE = 50;

/** A due ref with the shard it was read from (a page's execution name shows its first). */
type ShardRef = DueRef & { shard: number };

/**
 * Cuts the refs read so far into pages of `size`: one escalation execution each, so a page's
 * reads are batched and StartExecution runs once per page, not once per dossier. The refs of
 * the task's shards go into the same pages: a small portfolio's few due dossiers a shard make
 * one page of the group, not one page a shard. `last`: the rest too, as a smaller page.
 */
export function takePages(refs: ShardRef[], size: number, asOf: string, last: boolean): EscalationPage[] {
  const pages: EscalationPage[] = [];
  while (refs.length >= size || (last && refs.length > 0)) {
    const taken = refs.splice(0, size);
    pages.push({
      asOf,
      shard: taken[0]!.shard,
      dossiers: taken.map(({ tenantId, dossierId }) => ({ tenantId, dossierId })),
    });
  }
  return pages;
}

/**
 * One task of the overdue sweep: reads due dossiers of its shards (sparse index, day ≤ today)
 * and starts one escalation execution per page of `stepPageSize` of them (takePages above), up
 * to `dispatchBatch` dossiers, then hands back a cursor. Many dossiers per task keep the sweep's execution history small (docs/scaling.md).
 * Starting twice is harmless: the step is idempotent per (dossier, day, level).
 */
export async function dispatchDue(
  deps: Pick<PipelineDeps, 'repository' | 'launcher' | 'logger' | 'dispatchBatch' | 'stepPageSize'>,
  input: SweepPageInput,
): Promise<SweepPageResult> {
  // The sweep waited for the contact window: its steps act as of that later instant.
  const stepAsOf = new Date(Date.parse(input.asOf) + (input.holdSeconds ?? 0) * 1000).toISOString();
  const day = parisDate(stepAsOf);
  const size = deps.stepPageSize ?? DEFAULT_STEP_PAGE_SIZE;
  // Read but not started yet. A task that fails before it started them all is retried from its
  // input cursor, and reads them again: starting a page twice is harmless (see above).
  const waiting: ShardRef[] = [];
  const start = async (last: boolean) => {
    const pages = takePages(waiting, size, stepAsOf, last);
    if (pages.length > 0) await deps.launcher.startPages(pages);
  };
  const { processed, cursor } = await walkShards(
    input,
    input.cursor,
    deps.dispatchBatch,
    QUERY_PAGE,
    (shard, limit, key) => deps.repository.queryDue(shard, day, limit, key),
    async (items, shard) => {
      for (const item of items) waiting.push({ ...item, shard });
      await start(false);
    },
  ).finally(
    // A shard that cannot be read fails the task: what the shards before it gave starts first.
    () => start(true),
  );
  deps.logger.info('due dossiers dispatched', {
    shards: selectedShards(input),
    day,
    processed,
    more: Boolean(cursor),
  });
  return { processed, cursor };
}

/** Dossiers per query of a check sweep: each is read and reviewed one by one. */
const CHECK_PAGE = 200;

/**
 * The page loop of a per-dossier check sweep (prescription): reads pages of due refs, shard by shard of its group,
 * and visits each dossier still there, never more than `dispatchBatch` per task (the task must
 * finish well within its Lambda timeout), then hands back a cursor.
 */
export async function scanCheckPages(
  deps: Pick<PipelineDeps, 'repository' | 'dispatchBatch'>,
  input: SweepPageInput,
  query: (shard: number, limit: number, cursor: string | undefined) => Promise<Page<DueRef>>,
  visit: (dossier: Dossier) => Promise<void>,
): Promise<SweepPageResult> {
  const { processed, cursor } = await walkShards(
    input,
    input.cursor,
    deps.dispatchBatch,
    CHECK_PAGE,
    query,
    async (refs) => {
      for (const ref of refs) {
        const dossier = await deps.repository.getDossier(ref.tenantId, ref.dossierId);
        if (dossier) await visit(dossier);
      }
    },
  );
  return { processed, cursor };
}
