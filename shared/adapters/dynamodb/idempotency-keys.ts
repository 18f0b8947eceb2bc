import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  IDEMPOTENCY_KEY_TTL_MS,
  type IdempotencyStore,
  type StoredAnswer,
} from '../../use-cases/client-api/idempotency';
import { isConditionFailure } from './condition-failure';
import { keys } from './keys';
import { TABLE_SCHEMA } from './table-schema';

const TTL = TABLE_SCHEMA.timeToLiveAttribute;

interface Item {
  bodyHash: string;
  statusCode: number;
  storedAt: string;
  answer: Uint8Array;
  /** Epoch seconds (DynamoDB TTL). Absent on keys stored before keys expired: storedAt + 24 h. */
  [TTL]?: number;
}

function expiryMs(item: Item): number {
  const seconds = item[TTL];
  return seconds !== undefined ? seconds * 1000 : Date.parse(item.storedAt) + IDEMPOTENCY_KEY_TTL_MS;
}

/**
 * Idempotency keys in the one table, one item per (tenant, scope, key). The client's key is
 * hashed into the partition key (any length, any characters, never a debtor's data in a key);
 * the answer is stored gzipped: an intake report with thousands of rejects compresses well
 * under the 400 KB item limit. Each key carries its expiry as the table's TTL attribute, so
 * DynamoDB deletes it on AWS; TTL deletion lags (up to days) and dynalite never deletes, so an
 * expired key reads as absent and a new answer may replace it.
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

  async get(tenantId: string, scope: string, key: string, now: string): Promise<StoredAnswer | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: this.key(tenantId, scope, key),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const item = out.Item as Item;
    const expires = expiryMs(item);
    if (expires <= Date.parse(now)) return undefined;
    return {
      bodyHash: item.bodyHash,
      statusCode: item.statusCode,
      storedAt: item.storedAt,
      expiresAt: new Date(expires).toISOString(),
      body: JSON.parse(gunzipSync(item.answer).toString('utf8')),
    };
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
            // Rounded up: a key is never dropped before its stated expiry.
            [TTL]: Math.ceil(Date.parse(answer.expiresAt) / 1000),
            answer: gzipSync(JSON.stringify(answer.body)),
          },
          // Free, or expired but not yet deleted by TTL (also a key stored before keys expired).
          ConditionExpression:
            'attribute_not_exists(PK) OR #ttl <= :now OR (attribute_not_exists(#ttl) AND storedAt <= :legacyCutoff)',
          ExpressionAttributeNames: { '#ttl': TTL },
          ExpressionAttributeValues: {
            ':now': Math.floor(Date.parse(answer.storedAt) / 1000),
            ':legacyCutoff': new Date(Date.parse(answer.storedAt) - IDEMPOTENCY_KEY_TTL_MS).toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
