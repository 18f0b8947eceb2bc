import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TimelineEvent } from '../../domain/timeline';
import { keys } from './keys';

/**
 * The writes of an action's claim after its conditional put (action-claim.ts): the 'done' mark
 * that is the send's evidence, the take-over of a claim whose lease ran out, and the release of
 * a lease after a refused send. Each is one UpdateItem on the event's own item.
 */

export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as Error)?.name === 'ConditionalCheckFailedException'
  );
}

/** pending → done, with the document and (registered letter) the tracking reference known only now. */
export async function markEventDone(
  doc: DynamoDBDocumentClient,
  tableName: string,
  event: TimelineEvent,
): Promise<void> {
  const tracked = event.trackingRef !== undefined;
  await doc.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.event(event.tenantId, event.dossierId, event.eventId),
      UpdateExpression: `SET #state = :done, #document = :document, #note = :note${tracked ? ', #trackingRef = :trackingRef' : ''} REMOVE #lease`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: {
        '#state': 'state',
        '#document': 'document',
        '#note': 'note',
        '#lease': 'leaseUntil',
        ...(tracked ? { '#trackingRef': 'trackingRef' } : {}),
      },
      ExpressionAttributeValues: {
        ':done': 'done',
        ':document': event.document ?? null,
        ':note': event.note ?? null,
        ...(tracked ? { ':trackingRef': event.trackingRef } : {}),
      },
    }),
  );
}

/** A 'pending' claim without a lease, or whose lease ran out before `now`, held again until `leaseUntil`. */
export async function takeOverClaim(
  doc: DynamoDBDocumentClient,
  tableName: string,
  event: TimelineEvent,
  now: number,
  leaseUntil: number,
): Promise<boolean> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.event(event.tenantId, event.dossierId, event.eventId),
        UpdateExpression: 'SET #lease = :until',
        ConditionExpression: '#state = :pending AND (attribute_not_exists(#lease) OR #lease < :now)',
        ExpressionAttributeNames: { '#state': 'state', '#lease': 'leaseUntil' },
        ExpressionAttributeValues: { ':pending': 'pending', ':now': now, ':until': leaseUntil },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Lets a 'pending' claim's lease go (its send was refused); a claim done meanwhile keeps its state. */
export async function releaseClaim(
  doc: DynamoDBDocumentClient,
  tableName: string,
  event: TimelineEvent,
): Promise<void> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.event(event.tenantId, event.dossierId, event.eventId),
        UpdateExpression: 'REMOVE #lease',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state', '#lease': 'leaseUntil' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
