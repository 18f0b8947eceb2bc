import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Dossier } from '../../domain/dossier';
import { inPool } from '../../use-cases/in-pool';
import type { CallTask, DossierWithTimeline } from '../../use-cases/ports';
import { batchGet } from './batch-requests';
import { dossierFromItem, eventFromItem, strip } from './item-codec';
import { keys } from './keys';

/**
 * The reads of an escalation page (docs/data-model.md, access patterns): the page's dossiers with
 * their timelines for DecidePage, and the dossiers alone, by key, for ActOnPage and RecordPage;
 * the same partition read serves the events from outside (a payment, a receipt, a call outcome).
 */

type Ref = { tenantId: string; dossierId: string };

/** Partitions queried at once: a page of 50 in ~7 round trips, well under the table's rate. */
const QUERIES_IN_FLIGHT = 8;

/**
 * Sort keys of a dossier partition from the dossier item to its last event: 'DOSSIER' sorts just
 * below 'EVT#…', and '~' above every character of an event id, so one Query reads both and leaves
 * the tasks ('TASK#…') out.
 */
const FROM_DOSSIER = keys.dossier('', '').SK;
const TO_LAST_EVENT = `${keys.timelinePrefix}~`;

/**
 * One dossier and its timeline in one consistent Query (every page of it), or undefined when
 * absent: a page's DecidePage, and an event from outside (a payment, a receipt) that needs both.
 * With `taskId`, the Query runs on to that task ('TASK#…' sorts after the events; the dossier's
 * few tasks with a lower id come along and are dropped): a call outcome's task, in the same read.
 */
export async function readPartition(
  doc: DynamoDBDocumentClient,
  tableName: string,
  ref: Ref,
  taskId?: string,
): Promise<(DossierWithTimeline & { task?: CallTask }) | undefined> {
  const { PK } = keys.dossier(ref.tenantId, ref.dossierId);
  const taskKey = taskId === undefined ? undefined : keys.task(ref.tenantId, ref.dossierId, taskId).SK;
  let dossier: Dossier | undefined;
  let task: CallTask | undefined;
  const timeline: DossierWithTimeline['timeline'] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': PK, ':from': FROM_DOSSIER, ':to': taskKey ?? TO_LAST_EVENT },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      // The dossier's packed invoices unpack through the same codec as GetItem's (item-codec.ts).
      if (item.SK === FROM_DOSSIER) dossier = dossierFromItem(item);
      else if (String(item.SK).startsWith(keys.timelinePrefix)) timeline.push(eventFromItem(item));
      else if (item.SK === taskKey) task = strip<CallTask>(item);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  if (!dossier) return undefined;
  return task ? { dossier, timeline, task } : { dossier, timeline };
}

/** The page's dossiers with their timelines, a few partitions at a time; the missing ones are absent. */
export async function readStepPage(
  doc: DynamoDBDocumentClient,
  tableName: string,
  refs: readonly Ref[],
): Promise<DossierWithTimeline[]> {
  const reads = await inPool(refs, QUERIES_IN_FLIGHT, (ref) => readPartition(doc, tableName, ref));
  return reads.filter((read): read is DossierWithTimeline => read !== undefined);
}

/** The page's dossiers by key, whatever their tenants: BatchGetItem, consistent, unprocessed keys asked again. */
export async function getDossiersByRef(
  doc: DynamoDBDocumentClient,
  tableName: string,
  refs: readonly Ref[],
): Promise<Dossier[]> {
  const unique = new Map(refs.map((ref) => [`${ref.tenantId}\u0000${ref.dossierId}`, ref]));
  const items = await batchGet(
    doc,
    tableName,
    [...unique.values()].map((ref) => keys.dossier(ref.tenantId, ref.dossierId)),
  );
  return items.map(dossierFromItem);
}
