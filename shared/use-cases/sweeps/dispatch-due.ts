import { parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import type { PipelineDeps } from '../escalation/deps';
import type { DueRef, Page } from '../ports';

export interface SweepPageInput {
  shard: number;
  asOf: string;
  cursor: string | null;
  /** Seconds the sweep waited after asOf for the contact window (overdue sweep only). */
  holdSeconds?: number;
}

export interface SweepPageResult {
  processed: number;
  /** null when the shard is done: the state machine's Choice reads it. */
  cursor: string | null;
}

const QUERY_PAGE = 500;

/**
 * One task of the overdue sweep: reads due dossiers of one shard (sparse index, day ≤ today)
 * and starts one escalation step per dossier, up to `dispatchBatch` dossiers, then hands back
 * a cursor. Many dossiers per task keep the sweep's execution history small (docs/scaling.md).
 * Starting twice is harmless: the step is idempotent per (dossier, day, level).
 */
export async function dispatchDue(
  deps: Pick<PipelineDeps, 'repository' | 'launcher' | 'logger' | 'dispatchBatch'>,
  input: SweepPageInput,
): Promise<SweepPageResult> {
  // The sweep waited for the contact window: its steps act as of that later instant.
  const stepAsOf = new Date(Date.parse(input.asOf) + (input.holdSeconds ?? 0) * 1000).toISOString();
  const day = parisDate(stepAsOf);
  let cursor = input.cursor ?? undefined;
  let processed = 0;
  do {
    const page = await deps.repository.queryDue(
      input.shard,
      day,
      Math.min(QUERY_PAGE, deps.dispatchBatch - processed),
      cursor,
    );
    if (page.items.length > 0) {
      await deps.launcher.start(
        page.items.map((item) => ({ tenantId: item.tenantId, dossierId: item.dossierId, asOf: stepAsOf })),
      );
    }
    processed += page.items.length;
    cursor = page.cursor;
  } while (cursor && processed < deps.dispatchBatch);
  deps.logger.info('due dossiers dispatched', { shard: input.shard, day, processed, more: Boolean(cursor) });
  return { processed, cursor: cursor ?? null };
}

/** Dossiers per query of a check sweep: each is read and reviewed one by one. */
const CHECK_PAGE = 200;

/**
 * The page loop of a per-dossier check sweep (prescription, judicial): reads pages of due refs
 * and visits each dossier still there, never more than `dispatchBatch` per task (the task must
 * finish well within its Lambda timeout), then hands back a cursor.
 */
export async function scanCheckPages(
  deps: Pick<PipelineDeps, 'repository' | 'dispatchBatch'>,
  input: SweepPageInput,
  query: (limit: number, cursor: string | undefined) => Promise<Page<DueRef>>,
  visit: (dossier: Dossier) => Promise<void>,
): Promise<SweepPageResult> {
  let cursor = input.cursor ?? undefined;
  let processed = 0;
  do {
    const page = await query(Math.min(CHECK_PAGE, deps.dispatchBatch - processed), cursor);
    for (const ref of page.items) {
      const dossier = await deps.repository.getDossier(ref.tenantId, ref.dossierId);
      if (dossier) await visit(dossier);
    }
    processed += page.items.length;
    cursor = page.cursor;
  } while (cursor && processed < deps.dispatchBatch);
  return { processed, cursor: cursor ?? null };
}
