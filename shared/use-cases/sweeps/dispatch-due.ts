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

/**
 * The refs of one query, cut into pages of at most `size`: one escalation execution each, so a
 * page's reads are batched and StartExecution runs once per page, not once per dossier.
 */
export function stepPages(refs: DueRef[], size: number, asOf: string, shard: number): EscalationPage[] {
  const pages: EscalationPage[] = [];
  for (let i = 0; i < refs.length; i += size) {
    const dossiers = refs.slice(i, i + size).map(({ tenantId, dossierId }) => ({ tenantId, dossierId }));
    pages.push({ asOf, shard, dossiers });
  }
  return pages;
}

/**
 * One task of the overdue sweep: reads due dossiers of its shards (sparse index, day ≤ today)
 * and starts one escalation execution per page of `stepPageSize` of them (stepPages below), up
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
  const { processed, cursor } = await walkShards(
    input,
    input.cursor,
    deps.dispatchBatch,
    QUERY_PAGE,
    (shard, limit, key) => deps.repository.queryDue(shard, day, limit, key),
    (items, shard) =>
      deps.launcher.startPages(
        stepPages(items, deps.stepPageSize ?? DEFAULT_STEP_PAGE_SIZE, stepAsOf, shard),
      ),
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
