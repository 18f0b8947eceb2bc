import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TimelineEvent } from '../../domain/timeline';
import { batchPut } from './batch-requests';
import { isConditionFailure } from './condition-failure';
import { ENTITY } from './entity-names';
import { eventAttributes, eventFromItem } from './item-codec';
import { keys } from './keys';
import { queryAll } from './query-all';
import { transactEach } from './transactions';

/**
 * A dossier's timeline events (`EVT#<eventId>` in the dossier's partition; docs/data-model.md,
 * access patterns 5–8). An event is written once and never changes, but for a claimed side
 * effect's completion (pending → done).
 */

function eventItem(event: TimelineEvent): Record<string, unknown> {
  return {
    ...keys.event(event.tenantId, event.dossierId, event.eventId),
    entity: ENTITY.event,
    ...eventAttributes(event),
  };
}

/** Writes the event if it is not there yet; false when it already was (the KPIs count only a first write). */
export async function putEventOnce(
  doc: DynamoDBDocumentClient,
  tableName: string,
  event: TimelineEvent,
): Promise<boolean> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: eventItem(event),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    // Not own-write.ts here: an identical redelivery (a bounce notified twice) must stay a
    // duplicate. Callers read an existing claim's state instead (pending: finish it).
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Many first writes at once (an escalation page's action claims): TransactWriteItems of up to 100
 * puts, each with putEventOnce's condition, on stores with transactions. Returns, per event,
 * whether it was written: a cancelled transaction (one of its events existed already: a page run
 * again) wrote none, and each of its events is reported false, for the caller's single-item path
 * (putEventOnce, which then says which were there). 2 write units an event (docs/cost.md).
 */
export async function putEventsOnce(
  doc: DynamoDBDocumentClient,
  tableName: string,
  events: TimelineEvent[],
): Promise<boolean[]> {
  return transactEach(doc, events, (event) => ({
    TableName: tableName,
    Item: eventItem(event),
    ConditionExpression: 'attribute_not_exists(PK)',
  }));
}

/** Events a retry writes identically (intake's `invoice-added`): BatchWriteItem, no condition. */
export async function putEvents(
  doc: DynamoDBDocumentClient,
  tableName: string,
  events: TimelineEvent[],
): Promise<void> {
  await batchPut(doc, tableName, events.map(eventItem));
}

export async function getEvent(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  dossierId: string,
  eventId: string,
): Promise<TimelineEvent | undefined> {
  const out = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.event(tenantId, dossierId, eventId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? eventFromItem(out.Item) : undefined;
}

/** Completes a claimed side effect; the only change a timeline event ever gets (pending → done). */
export async function markEventDone(
  doc: DynamoDBDocumentClient,
  tableName: string,
  event: TimelineEvent,
): Promise<void> {
  // A registered letter's tracking reference is known only once it is posted.
  const tracked = event.trackingRef !== undefined;
  await doc.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.event(event.tenantId, event.dossierId, event.eventId),
      UpdateExpression: `SET #state = :done, #document = :document, #note = :note${tracked ? ', #trackingRef = :trackingRef' : ''}`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: {
        '#state': 'state',
        '#document': 'document',
        '#note': 'note',
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

/** A dossier's whole timeline: its partition's `EVT#` items, all pages. */
export async function listTimeline(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  dossierId: string,
): Promise<TimelineEvent[]> {
  const { PK } = keys.dossier(tenantId, dossierId);
  const items = await queryAll(doc, {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': PK, ':prefix': keys.timelinePrefix },
  });
  return items.map(eventFromItem);
}
