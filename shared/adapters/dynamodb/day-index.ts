import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalDate } from '../../domain/calendar';
import type { DueRef, Page } from '../../use-cases/ports';
import { keys } from './keys';

/**
 * The sweeps' day indexes (docs/data-model.md, access patterns 9, 10, 10b): the dossiers of one
 * shard whose day is on or before a given day, a page at a time, oldest first.
 */

type DayAttribute = 'nextActionOn' | 'nextPrescriptionCheckOn' | 'GSI1SK';

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  return cursor ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
}

async function queryDayIndex(
  doc: DynamoDBDocumentClient,
  tableName: string,
  index: 'GSI1' | 'GSI2',
  partition: string,
  dayAttribute: DayAttribute,
  page: { day: LocalDate; limit: number; cursor: string | undefined },
): Promise<Page<DueRef>> {
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: `${index}PK = :pk AND ${index}SK < :upper`,
      ExpressionAttributeValues: { ':pk': partition, ':upper': keys.dayUpperBound(page.day) },
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

/** Dossiers whose next escalation step is due (overdue sweep). */
export function queryDue(
  doc: DynamoDBDocumentClient,
  tableName: string,
  shard: number,
  day: LocalDate,
  limit: number,
  cursor?: string,
): Promise<Page<DueRef>> {
  return queryDayIndex(doc, tableName, 'GSI1', keys.duePartition(shard), 'nextActionOn', {
    day,
    limit,
    cursor,
  });
}

/** Dossiers whose prescription check (a warning day, the deadline) is due (prescription sweep). */
export function queryPrescriptionChecks(
  doc: DynamoDBDocumentClient,
  tableName: string,
  shard: number,
  day: LocalDate,
  limit: number,
  cursor?: string,
): Promise<Page<DueRef>> {
  const partition = keys.prescriptionPartition(shard);
  return queryDayIndex(doc, tableName, 'GSI2', partition, 'nextPrescriptionCheckOn', { day, limit, cursor });
}

/** Dossiers in court whose judicial check (a court deadline, an alert) is due (judicial sweep). */
export function queryJudicialChecks(
  doc: DynamoDBDocumentClient,
  tableName: string,
  shard: number,
  day: LocalDate,
  limit: number,
  cursor?: string,
): Promise<Page<DueRef>> {
  return queryDayIndex(doc, tableName, 'GSI1', keys.judicialPartition(shard), 'GSI1SK', {
    day,
    limit,
    cursor,
  });
}
