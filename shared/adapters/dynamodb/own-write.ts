import { isDeepStrictEqual } from 'node:util';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/**
 * Whether a conditional put that failed its condition had in fact landed on an earlier attempt
 * of the same call. The SDK retries a request whose answer was lost (a time-out, a dropped
 * connection); when the first attempt had been applied, the retry finds its own item and fails
 * `attribute_not_exists(PK)` or `version = :read`. Taken as somebody else's write, that made
 * intake skip a debtor's dossier, a court event skip its effects, and a step's record retry
 * needlessly (docs/reliability.md). The item stored is ours when it is exactly the item we sent.
 */
export async function landedBefore(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<boolean> {
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true }),
  );
  if (!out.Item) return false;
  // Compared as DynamoDB keeps them: undefined attributes are not written (removeUndefinedValues).
  const stored = (value: Record<string, unknown>) => marshall(value, { removeUndefinedValues: true });
  return isDeepStrictEqual(stored(out.Item), stored(item));
}
