import type { Page } from '../ports';

/**
 * The shards one page task of a sweep walks: one (`shard`, as before shard groups, and what a
 * sweep execution started before them still sends) or a group (`shards`, one Map item of
 * `States.ArrayPartition(States.ArrayRange(0, LastShard, 1), ShardsPerTask)`).
 */
export type ShardSelection = { shard: number } | { shards: number[] };

export function selectedShards(selection: ShardSelection): number[] {
  return 'shards' in selection ? selection.shards : [selection.shard];
}

/**
 * Where a page task stopped: the shard it was in and the index key to resume after, written
 * `<shard>:<key>` (`<shard>:` is the start of that shard). The repository's keys are base64url,
 * so they hold no `:`; a cursor without one is a key of the first shard (a sweep started before
 * shard groups resumes where it was).
 */
interface ShardCursor {
  shard: number;
  key: string | undefined;
}

export function encodeShardCursor(cursor: ShardCursor): string {
  return `${cursor.shard}:${cursor.key ?? ''}`;
}

export function decodeShardCursor(cursor: string | null | undefined, shards: number[]): ShardCursor {
  if (!cursor) return { shard: shards[0] ?? 0, key: undefined };
  const colon = cursor.indexOf(':');
  if (colon < 0) return { shard: shards[0] ?? 0, key: cursor };
  const shard = Number(cursor.slice(0, colon));
  if (!Number.isInteger(shard) || !shards.includes(shard))
    throw new RangeError(`cursor shard ${cursor.slice(0, colon)} is not one of this task's shards`);
  const key = cursor.slice(colon + 1);
  return { shard, key: key || undefined };
}

export interface ShardWalkResult {
  processed: number;
  /** null when every shard of the group is done: the state machine's Choice reads it. */
  cursor: string | null;
  /** Queries made (an empty shard still costs one: what the fixed daily cost counts). */
  queries: number;
}

/**
 * Walks the shards of one page task in order, from the cursor, page by page, handing each
 * page's items to `visit`, until `budget` items are visited (then a cursor says where to resume,
 * in the middle of a shard or at the start of the next) or every shard is done (cursor null).
 * One task walking several shards is what cuts a sweep's fixed cost: an empty shard costs one
 * query, not a Lambda invocation and its state transitions (docs/scaling.md).
 *
 * The first pages of the shards ahead are queried at once, when the walk starts: most shards of
 * a small portfolio are empty, and their queries then overlap instead of waiting one for the
 * other. A first page read ahead is used only if it fits what is left of the budget; otherwise
 * it is read again with the smaller limit (the budget bounds the task's time, never exceeded).
 */
export async function walkShards<T>(
  selection: ShardSelection,
  cursor: string | null | undefined,
  budget: number,
  pageSize: number,
  query: (shard: number, limit: number, key: string | undefined) => Promise<Page<T>>,
  visit: (items: T[], shard: number) => Promise<void>,
): Promise<ShardWalkResult> {
  const shards = selectedShards(selection);
  let { shard, key } = decodeShardCursor(cursor, shards);
  let index = shards.indexOf(shard);
  let processed = 0;
  let queries = 0;
  const ahead = new Map<number, Promise<Page<T>>>();
  for (const next of shards.slice(index + 1)) {
    const page = query(next, Math.min(pageSize, budget), undefined);
    // Read ahead and maybe never awaited (the budget ran out first): not an unhandled rejection.
    page.catch(() => undefined);
    ahead.set(next, page);
    queries++;
  }
  while (index < shards.length) {
    if (processed >= budget) return { processed, queries, cursor: encodeShardCursor({ shard, key }) };
    const limit = Math.min(pageSize, budget - processed);
    let page = key === undefined ? await ahead.get(shard) : undefined;
    if (!page || page.items.length > limit) {
      page = await query(shard, limit, key);
      queries++;
    }
    if (page.items.length > 0) await visit(page.items, shard);
    processed += page.items.length;
    if (page.cursor) key = page.cursor;
    else {
      index++;
      shard = shards[index] ?? shard;
      key = undefined;
    }
  }
  return { processed, queries, cursor: null };
}

/**
 * Shards one page task walks when the deployment does not say (`shardsPerTask`): 16 shards make
 * 4 tasks a sweep, so an empty day costs 4 invocations instead of 16, and 4 groups still sweep
 * at once (1 M due dossiers: 250,000 per group, ≈ 126 pages of 2,000 in turn; docs/scaling.md).
 */
export const DEFAULT_SHARDS_PER_TASK = 4;
