import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Dossier } from '../../domain/dossier';
import { ConflictError } from '../../domain/errors';
import { judicialCheckDay } from '../../domain/judicial/judicial-step';
import { withStoredScore } from '../../domain/recoverability-score';
import { batchGet } from './batch-requests';
import { isConditionFailure } from './condition-failure';
import { ENTITY } from './entity-names';
import { dossierAttributes, dossierFromItem } from './item-codec';
import { keys, shardOf } from './keys';
import { landedBefore } from './own-write';
import { queryAll } from './query-all';

/**
 * The dossier item (docs/data-model.md, access patterns 1–3 and 12): its index keys, computed
 * anew on every write, and its single-item conditional writes.
 */

/** The stored item of a dossier, index keys included. */
export function dossierItem(dossier: Dossier, shardCount: number): Record<string, unknown> {
  const { tenantId, dossierId } = dossier;
  const shard = shardOf(tenantId, dossierId, shardCount);
  // A parked dossier (steps kept failing) waits for a person, off the index: resume-dossier.ts.
  const pursued = dossier.status === 'open' && !dossier.parked;
  // Sparse indexes: a dossier is on the sweep index only while it has something scheduled.
  // The judicial step's day: a court check, a follow-up, the claim's declaration (judicial-step.ts).
  const judicialCheck = judicialCheckDay(dossier);
  const due =
    pursued && dossier.nextActionOn
      ? keys.due(shard, dossier.nextActionOn, tenantId, dossierId)
      : judicialCheck
        ? keys.judicialCheck(shard, judicialCheck, tenantId, dossierId)
        : {};
  const watched =
    dossier.status !== 'paid' && dossier.status !== 'prescribed' && dossier.nextPrescriptionCheckOn;
  const presc = watched
    ? keys.prescriptionCheck(shard, dossier.nextPrescriptionCheckOn!, tenantId, dossierId)
    : {};
  return {
    ...keys.dossier(tenantId, dossierId),
    ...due,
    ...presc,
    ...keys.tenantDossiers(tenantId, dossierId),
    entity: ENTITY.dossier,
    ...dossierAttributes(withStoredScore(dossier)),
  };
}

export async function getDossier(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  dossierId: string,
): Promise<Dossier | undefined> {
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: keys.dossier(tenantId, dossierId), ConsistentRead: true }),
  );
  return out.Item ? dossierFromItem(out.Item) : undefined;
}

export async function getDossiers(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  dossierIds: string[],
): Promise<Map<string, Dossier>> {
  const items = await batchGet(
    doc,
    tableName,
    [...new Set(dossierIds)].map((dossierId) => keys.dossier(tenantId, dossierId)),
  );
  return new Map(items.map((item) => [String(item.dossierId), dossierFromItem(item)]));
}

/** Puts a new dossier's item; false when the dossier already existed. */
export async function createDossier(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown>,
): Promise<boolean> {
  try {
    await doc.send(
      new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }),
    );
    return true;
  } catch (error) {
    // A retried request whose first attempt had landed finds its own item (own-write.ts).
    if (isConditionFailure(error)) return landedBefore(doc, tableName, item);
    throw error;
  }
}

/** Replaces a dossier's item if nobody saved it since it was read (optimistic lock on `version`). */
export async function saveDossier(
  doc: DynamoDBDocumentClient,
  tableName: string,
  dossier: Dossier,
  item: Record<string, unknown>,
): Promise<void> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: 'version = :read',
        ExpressionAttributeValues: { ':read': dossier.version - 1 },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) {
      if (await landedBefore(doc, tableName, item)) return;
      throw new ConflictError(`dossier ${dossier.dossierId} changed since it was read`, { cause: error });
    }
    throw error;
  }
}

/** Every dossier of a tenant, from the per-tenant listing index (GSI3), all pages. */
export async function listDossiers(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
): Promise<Dossier[]> {
  const items = await queryAll(doc, {
    TableName: tableName,
    IndexName: 'GSI3',
    KeyConditionExpression: 'GSI3PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.tenantDossiersPartition(tenantId) },
  });
  return items.map(dossierFromItem);
}
