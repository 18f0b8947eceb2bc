import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inPool } from '../../use-cases/in-pool';

/** BatchGetItem takes at most 100 keys, BatchWriteItem 25 items (DynamoDB API limits). */
const GET_LIMIT = 100;
const WRITE_LIMIT = 25;
/** BatchWriteItem requests of one call in flight at once. */
const WRITES_IN_FLIGHT = 4;
/** Unprocessed keys or items (throttling, 16 MB response) are sent again, with a growing pause. */
const MAX_ROUNDS = 8;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const pause = (round: number) =>
  new Promise((resolve) => setTimeout(resolve, round === 0 ? 0 : 2 ** round * 10));

/**
 * Reads many items by key, strongly consistent, 100 per request; the items found, in no order.
 * What DynamoDB leaves unprocessed is asked again until nothing is left.
 */
export async function batchGet(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (const chunk of chunks(keys, GET_LIMIT)) {
    let pending = chunk;
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
      await pause(round);
      const out = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(out.Responses?.[tableName] ?? []));
      pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
}

/**
 * Puts many items, 25 per request and 4 requests at once, unconditionally: only for items whose
 * key and content a retry writes identically (BatchWriteItem takes no condition).
 */
export async function batchPut(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
): Promise<void> {
  // A few requests in flight: an intake page's 200 events were 8 round trips one after another.
  await inPool(chunks(items, WRITE_LIMIT), WRITES_IN_FLIGHT, async (chunk) => {
    let pending = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_ROUNDS) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
      await pause(round);
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  });
}
