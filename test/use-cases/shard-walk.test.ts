import { describe, expect, it } from 'vitest';
import type { Page } from '../../shared/use-cases/ports';
import { decodeShardCursor, encodeShardCursor, walkShards } from '../../shared/use-cases/sweeps/shard-walk';

/** Shard → its items, paged like DynamoDB: a key (base64url offset) whenever the page is full. */
function index(counts: Record<number, number>) {
  const calls: { shard: number; limit: number; key: string | undefined }[] = [];
  const query = async (shard: number, limit: number, key: string | undefined): Promise<Page<string>> => {
    calls.push({ shard, limit, key });
    const from = key ? Number(Buffer.from(key, 'base64url').toString()) : 0;
    const items = Array.from(
      { length: Math.max(0, Math.min(limit, (counts[shard] ?? 0) - from)) },
      (_, i) => `${shard}/${from + i}`,
    );
    return items.length === limit
      ? { items, cursor: Buffer.from(String(from + limit)).toString('base64url') }
      : { items };
  };
  return { query, calls };
}

async function walkAll(counts: Record<number, number>, shards: number[], budget: number, pageSize: number) {
  const { query, calls } = index(counts);
  const seen: string[] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  let tasks = 0;
  do {
    const result: { processed: number; cursor: string | null } = await walkShards(
      { shards },
      cursor,
      budget,
      pageSize,
      query,
      async (items) => {
        seen.push(...items);
      },
    );
    expect(result.processed).toBeLessThanOrEqual(budget);
    cursor = result.cursor;
    cursors.push(cursor);
    tasks++;
  } while (cursor && tasks < 100);
  return { seen, cursors, calls, tasks };
}

describe('walkShards: one page task over a group of shards', () => {
  it('visits every item of every shard exactly once, across tasks cut by the budget', async () => {
    const counts = { 0: 0, 1: 7, 2: 0, 3: 12 };
    const { seen, cursors } = await walkAll(counts, [0, 1, 2, 3], 5, 3);
    const expected = Object.entries(counts).flatMap(([shard, n]) =>
      Array.from({ length: n }, (_, i) => `${shard}/${i}`),
    );
    expect(seen).toEqual(expected);
    // Cut inside shard 1 (after 5 of its 7) and inside shard 3.
    expect(cursors).toContain(`1:${Buffer.from('5').toString('base64url')}`);
    expect(cursors.filter((c) => c?.startsWith('3:'))).not.toHaveLength(0);
    expect(cursors.at(-1)).toBeNull();
  });

  it('an empty group costs one query per shard and one task', async () => {
    const { calls, tasks, seen } = await walkAll({}, [4, 5, 6, 7], 2_000, 500);
    expect(tasks).toBe(1);
    expect(seen).toEqual([]);
    expect(calls.map((c) => c.shard).sort()).toEqual([4, 5, 6, 7]);
  });

  it('reads a page read ahead again with a smaller limit when it would pass the budget', async () => {
    const { calls, seen } = await walkAll({ 0: 4, 1: 4 }, [0, 1], 6, 4);
    expect(seen).toEqual(['0/0', '0/1', '0/2', '0/3', '1/0', '1/1', '1/2', '1/3']);
    // Shard 1 read ahead with limit 4, but only 2 were left in the first task's budget.
    expect(calls).toContainEqual({ shard: 1, limit: 2, key: undefined });
  });

  it('resumes in the middle of a shard, where a full page left a key', async () => {
    const { query } = index({ 0: 3, 1: 2 });
    const first = await walkShards({ shards: [0, 1] }, null, 3, 10, query, async () => undefined);
    // DynamoDB hands back a key whenever Limit is reached: the next task reads on from it.
    expect(first).toMatchObject({ processed: 3, cursor: `0:${Buffer.from('3').toString('base64url')}` });
    const seen: string[] = [];
    const next = await walkShards({ shards: [0, 1] }, first.cursor, 3, 10, query, async (items) => {
      seen.push(...items);
    });
    expect(next).toMatchObject({ processed: 2, cursor: null });
    expect(seen).toEqual(['1/0', '1/1']);
  });
});

describe('the group cursor', () => {
  it('round-trips a shard and a key, and the start of a shard', () => {
    expect(decodeShardCursor(encodeShardCursor({ shard: 3, key: 'eyJhIjoxfQ' }), [2, 3])).toEqual({
      shard: 3,
      key: 'eyJhIjoxfQ',
    });
    expect(decodeShardCursor('3:', [3])).toEqual({ shard: 3, key: undefined });
  });

  it('reads a bare key (a sweep started before shard groups) as one of the first shard', () => {
    expect(decodeShardCursor('eyJhIjoxfQ', [9])).toEqual({ shard: 9, key: 'eyJhIjoxfQ' });
  });

  it('refuses a cursor of a shard outside the task', () => {
    expect(() => decodeShardCursor('5:abc', [0, 1, 2, 3])).toThrow(/shard 5/);
  });
});
