import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CallTask } from '../../use-cases/ports';
import { ENTITY } from './entity-names';
import { strip } from './item-codec';
import { keys } from './keys';
import { queryAll } from './query-all';

/**
 * Tasks for a person (`TASK#<taskId>` in the dossier's partition, listed per tenant and status on
 * GSI3 by priority; docs/data-model.md, access patterns 11, 13, 13b). A dossier's tasks of every
 * status, for its debtor's export and erasure: dossier-tasks.ts.
 */

/** Writes a task, or moves it to its new status's listing (unconditional: its id is deterministic). */
export async function putTask(doc: DynamoDBDocumentClient, tableName: string, task: CallTask): Promise<void> {
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.task(task.tenantId, task.dossierId, task.taskId),
        ...keys.tenantTasks(task.tenantId, task.status, task.priority, task.taskId),
        entity: ENTITY.task,
        ...task,
      },
    }),
  );
}

export async function getTask(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  dossierId: string,
  taskId: string,
): Promise<CallTask | undefined> {
  const out = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.task(tenantId, dossierId, taskId),
      ConsistentRead: true,
    }),
  );
  return out.Item ? strip<CallTask>(out.Item) : undefined;
}

/** A tenant's open tasks, highest priority first (the GSI3 sort key inverts the priority). */
export async function listOpenTasks(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
): Promise<CallTask[]> {
  const items = await queryAll(doc, {
    TableName: tableName,
    IndexName: 'GSI3',
    KeyConditionExpression: 'GSI3PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.tenantTasksPartition(tenantId, 'open') },
  });
  return items.map((item) => strip<CallTask>(item));
}
