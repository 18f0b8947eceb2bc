import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TRANSACTION_ITEMS, transactEach } from './transactions';

/** TransactWriteItems: at most 4 MB; the size is kept well under (estimated). */
const TRANSACTION_BYTES = 2_000_000;

export interface DossierWrite {
  item: Record<string, unknown>;
  /** The version the dossier was read at; absent for a dossier created (must not exist yet). */
  readVersion?: number;
}

/** Consecutive runs of at most 100 writes and about 2 MB (JSON length: above DynamoDB's own count). */
function transactionsOf(writes: DossierWrite[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  writes.forEach((write, index) => {
    const size = JSON.stringify(write.item).length;
    if (current.length === TRANSACTION_ITEMS || (current.length > 0 && bytes + size > TRANSACTION_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += size;
  });
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Writes dossiers by TransactWriteItems, each put with the condition its single write has: a new
 * dossier must not exist (`attribute_not_exists(PK)`), a saved one must still be at the version
 * it was read at. Returns, per write, whether it was stored. A transaction is all or nothing: when
 * one is cancelled (another file wrote one of its dossiers meanwhile, or a conflict with another
 * transaction), none of its dossiers was written and each is reported `false`, for the caller's
 * single-item path (which re-plans a dossier that changed: store-debtor.ts). An SDK retry of a
 * transaction that landed carries the same ClientRequestToken and is answered as a success.
 * Only for stores with transactions; 2 write units an item instead of 1 (docs/cost.md).
 */
export async function writeDossiersTransacted(
  doc: DynamoDBDocumentClient,
  tableName: string,
  writes: DossierWrite[],
): Promise<boolean[]> {
  return transactEach(
    doc,
    writes,
    ({ item, readVersion }) =>
      readVersion === undefined
        ? { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            TableName: tableName,
            Item: item,
            ConditionExpression: 'version = :read',
            ExpressionAttributeValues: { ':read': readVersion },
          },
    transactionsOf(writes),
  );
}
