import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProcessedEvents } from '../../use-cases/ports';
import { isConditionFailure } from './condition-failure';
import { keys } from './keys';

/**
 * Ids of the webhook events already processed, one item each in the table
 * (`HOOK#<source>#<event id>`). Written after the event's effects, so an event whose processing
 * failed is processed again when the provider retries it; a replay of a processed one is answered
 * at once. The effects are idempotent anyway: the item spares the work and says "duplicate".
 */
export class DynamoProcessedEvents implements ProcessedEvents {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async has(source: string, eventId: string): Promise<boolean> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.webhookEvent(source, eventId),
        ConsistentRead: true,
      }),
    );
    return out.Item !== undefined;
  }

  async add(source: string, eventId: string, at: string): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.webhookEvent(source, eventId), entity: 'WebhookEvent', source, eventId, at },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      // Two deliveries processed at once: the first one's item is as good as ours.
      if (isConditionFailure(error)) return;
      throw error;
    }
  }
}
