import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { inPool } from '../../use-cases/in-pool';

/**
 * Groups of conditional puts written as TransactWriteItems (the intake's invoice claims and
 * dossiers, where the store has transactions). A transaction is all or nothing: a cancelled one
 * (a condition failed, or a conflict with another transaction) wrote none of its puts, and its
 * group goes to the caller's single-item path. An SDK retry of a transaction that had landed
 * carries the same ClientRequestToken and is answered as a success.
 */

/** TransactWriteItems takes at most 100 actions (DynamoDB API limit). */
export const TRANSACTION_ITEMS = 100;
/** Transactions of one page in flight at once. */
const TRANSACTIONS_IN_FLIGHT = 4;

type Put = NonNullable<
  NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number]['Put']
>;

function isCancellation(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException || (error as Error)?.name === 'TransactionCanceledException'
  );
}

/**
 * Writes each group as one transaction of its puts, a few at once; `landed` or `cancelled` is
 * called per group (awaited in the pool, so a cancelled group's single-item path runs at once).
 */
export async function transactGroups<T>(
  doc: DynamoDBDocumentClient,
  groups: T[][],
  put: (item: T) => Put,
  outcome: { landed: (group: T[]) => void; cancelled?: (group: T[]) => Promise<unknown> },
): Promise<void> {
  await inPool(groups, TRANSACTIONS_IN_FLIGHT, async (group) => {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: group.map((item) => ({ Put: put(item) })) }));
    } catch (error) {
      if (!isCancellation(error)) throw error;
      await outcome.cancelled?.(group);
      return;
    }
    outcome.landed(group);
  });
}

/**
 * Each item in a conditional put of its own, the items grouped into transactions (`groups` of
 * indexes; by default runs of 100): per item, whether its transaction landed. A cancelled
 * transaction's items are all false, for the caller's single-item path.
 */
export async function transactEach<T>(
  doc: DynamoDBDocumentClient,
  items: readonly T[],
  put: (item: T) => Put,
  groups: number[][] = runsOf(items.length, TRANSACTION_ITEMS),
): Promise<boolean[]> {
  const landed = items.map(() => false);
  await transactGroups(doc, groups, (index) => put(items[index]!), {
    landed: (group) => {
      for (const index of group) landed[index] = true;
    },
  });
  return landed;
}

/** The indexes 0..count-1 in consecutive runs of `size`. */
function runsOf(count: number, size: number): number[][] {
  const runs: number[][] = [];
  for (let start = 0; start < count; start += size)
    runs.push(Array.from({ length: Math.min(size, count - start) }, (_, i) => start + i));
  return runs;
}
