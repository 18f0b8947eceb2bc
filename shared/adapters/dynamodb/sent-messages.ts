import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SentMessage, SentMessageLog } from '../sent-messages';
import { isConditionFailure } from './condition-failure';
import { strip } from './item-codec';
import { keys } from './keys';
import { TABLE_SCHEMA } from './table-schema';

/**
 * How long the evidence of a send is kept: it serves a claim retried on a later day (the next
 * sweeps; a dossier failing 5 steps in a row is parked), never past a year and a month. Then
 * DynamoDB's TTL deletes it (dynalite keeps it).
 */
export const SENT_EVIDENCE_DAYS = 400;

/** The table's TTL attribute, in epoch seconds of the real clock (TTL runs on AWS's). */
function expiry(): Record<string, number> {
  return { [TABLE_SCHEMA.timeToLiveAttribute]: Math.ceil(Date.now() / 1000) + SENT_EVIDENCE_DAYS * 86_400 };
}

/**
 * The evidence of accepted sends in the one table, one small item per idempotency key (ids, the
 * provider's message id and the document's key and hash: no address, no phone number). Held with a
 * conditional put (absent, or a `sending` lease run out), written `sent` unconditionally after the
 * provider's answer. Read strongly consistent: the retry may follow the write by milliseconds.
 */
export class DynamoSentMessages implements SentMessageLog {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async find(idempotencyKey: string): Promise<SentMessage | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.sentMessage(idempotencyKey),
        ConsistentRead: true,
      }),
    );
    return out.Item ? strip<SentMessage>(out.Item) : undefined;
  }

  async hold(sending: SentMessage, now: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.sentMessage(sending.idempotencyKey),
            entity: 'SentMessage',
            ...sending,
            ...expiry(),
          },
          ConditionExpression: 'attribute_not_exists(PK) OR (#status = :sending AND #lease < :now)',
          ExpressionAttributeNames: { '#status': 'status', '#lease': 'leaseUntil' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async release(idempotencyKey: string): Promise<void> {
    await this.doc.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: keys.sentMessage(idempotencyKey),
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    );
  }

  async record(sent: SentMessage): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.sentMessage(sent.idempotencyKey), entity: 'SentMessage', ...sent, ...expiry() },
      }),
    );
  }
}
