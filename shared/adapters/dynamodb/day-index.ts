import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalDate } from '../../domain/calendar';
import type { DueRef, Page } from '../../use-cases/ports';
import { keys } from './keys';

/**
 * The sweeps' day indexes (docs/data-model.md, access patterns 9, 10, 10b): the dossiers of one
 * shard whose day is on or before a given day, a page at a time, oldest first.
 */

/** Each sweep's index: where its shard's partition is and which attribute holds the day. */
const DAY_INDEXES = {
  /** Dossiers whose next escalation step is due (overdue sweep). */
  due: { index: 'GSI1', partition: keys.duePartition, dayAttribute: 'nextActionOn' },
  /** Dossiers whose prescription check (a warning day, the deadline) is due (prescription sweep). */
  prescription: {
    index: 'GSI2',
    partition: keys.prescriptionPartition,
    dayAttribute: 'nextPrescriptionCheckOn',
  },
  /** Dossiers in court whose judicial check (a court deadline, an alert) is due (judicial sweep). */
  judicial: { index: 'GSI1', partition: keys.judicialPartition, dayAttribute: 'GSI1SK' },
} as const;

export type DayIndex = keyof typeof DAY_INDEXES;

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  return cursor ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
}

/** One page of the dossiers of `shard` whose day in the `which` index is on or before `day`. */
export async function queryDayIndex(
  doc: DynamoDBDocumentClient,
  tableName: string,
  which: DayIndex,
  shard: number,
  page: { day: LocalDate; limit: number; cursor?: string | undefined },
): Promise<Page<DueRef>> {
  const { index, partition, dayAttribute } = DAY_INDEXES[which];
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: `${index}PK = :pk AND ${index}SK < :upper`,
      ExpressionAttributeValues: { ':pk': partition(shard), ':upper': keys.dayUpperBound(page.day) },
      ProjectionExpression: 'tenantId, dossierId, #day',
      ExpressionAttributeNames: { '#day': dayAttribute },
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor),
    }),
  );
  const items = (out.Items ?? []).map((item) => ({
    tenantId: String(item.tenantId),
    dossierId: String(item.dossierId),
    // The judicial day is nested (judicial.nextCheckOn): read it from the index key's prefix.
    day: String(item[dayAttribute]).slice(0, dayAttribute === 'GSI1SK' ? 10 : undefined),
  }));
  const next = encodeCursor(out.LastEvaluatedKey);
  return next ? { items, cursor: next } : { items };
}
