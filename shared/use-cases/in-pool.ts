/**
 * Runs `work` on every item, `limit` at a time (a pool: no batch waits for its slowest), and
 * returns the results in the items' order. The first error rejects the whole; the workers still
 * running finish their current item (callers that must not stop catch inside `work`).
 */
export async function inPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
