import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyStore, StoredAnswer } from '../../use-cases/client-api/idempotency';
import { keys } from './keys';

/**
 * Idempotency keys in the one table, one item per (tenant, scope, key). The client's key is
 * hashed into the partition key (any length, any characters, never a debtor's data in a key);
 * the answer is stored gzipped: an intake report with thousands of rejects compresses well
 * under the 400 KB item limit. Kept for good (no TTL on the table, dynalite has none either):
 * a few hundred bytes per POST /invoices.
 */
export class DynamoIdempotencyKeys implements IdempotencyStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  private key(tenantId: string, scope: string, key: string) {
    return keys.idempotencyKey(tenantId, scope, createHash('sha256').update(key).digest('hex'));
  }

  async get(tenantId: string, scope: string, key: string): Promise<StoredAnswer | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: this.key(tenantId, scope, key),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const { bodyHash, statusCode, storedAt, answer } = out.Item as {
      bodyHash: string;
      statusCode: number;
      storedAt: string;
      answer: Uint8Array;
    };
    return { bodyHash, statusCode, storedAt, body: JSON.parse(gunzipSync(answer).toString('utf8')) };
  }

  async put(tenantId: string, scope: string, key: string, answer: StoredAnswer): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...this.key(tenantId, scope, key),
            entity: 'Idempotency',
            tenantId,
            scope,
            bodyHash: answer.bodyHash,
            statusCode: answer.statusCode,
            storedAt: answer.storedAt,
            answer: gzipSync(JSON.stringify(answer.body)),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as Error)?.name === 'ConditionalCheckFailedException'
      )
        return false;
      throw error;
    }
  }
}
