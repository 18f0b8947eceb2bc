import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SentMessage, SentMessageLog } from '../sent-messages';
import { strip } from './item-codec';
import { keys } from './keys';

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
          Item: { ...keys.sentMessage(sending.idempotencyKey), entity: 'SentMessage', ...sending },
          ConditionExpression: 'attribute_not_exists(PK) OR (#status = :sending AND #lease < :now)',
          ExpressionAttributeNames: { '#status': 'status', '#lease': 'leaseUntil' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as Error).name === 'ConditionalCheckFailedException'
      )
        return false;
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
        Item: { ...keys.sentMessage(sent.idempotencyKey), entity: 'SentMessage', ...sent },
      }),
    );
  }
}
