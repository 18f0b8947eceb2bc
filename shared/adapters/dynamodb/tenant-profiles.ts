import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../domain/errors';
import type { TenantProfile } from '../../use-cases/ports';
import { ENTITY } from './entity-names';
import { strip } from './item-codec';
import { keys } from './keys';

/** How long a tenant profile read stays in this container's memory. */
const TENANT_CACHE_MS = 60_000;

/** The profiles this container has read, by tenant id, with when they were read. */
export type TenantCache = Map<string, { profile: TenantProfile; readAt: number }>;

/**
 * Every escalation step reads its tenant's profile (contact policy, scenarios, letterhead):
 * kept a minute per container, so a sweep does not read the same item thousands of times.
 * A profile changed elsewhere applies within the minute; one written here, at once.
 */
export async function getTenant(
  doc: DynamoDBDocumentClient,
  tableName: string,
  cache: TenantCache,
  tenantId: string,
): Promise<TenantProfile> {
  const cached = cache.get(tenantId);
  if (cached && Date.now() - cached.readAt < TENANT_CACHE_MS) return cached.profile;
  const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.tenant(tenantId) }));
  if (!out.Item) throw new NotFoundError(`tenant ${tenantId} has no profile`);
  const profile = strip<TenantProfile>(out.Item);
  cache.set(tenantId, { profile, readAt: Date.now() });
  return profile;
}

export async function putTenant(
  doc: DynamoDBDocumentClient,
  tableName: string,
  cache: TenantCache,
  profile: TenantProfile,
): Promise<void> {
  cache.delete(profile.tenantId);
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.tenant(profile.tenantId),
        ...keys.tenantListing(profile.tenantId),
        entity: ENTITY.tenant,
        ...profile,
      },
    }),
  );
}

/** Every tenant's id, from the tenants' listing on GSI3 (ids only), all pages. */
export async function listTenantIds(doc: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.tenantListingPartition },
        ProjectionExpression: 'tenantId',
        ...(cursor ? { ExclusiveStartKey: cursor } : {}),
      }),
    );
    for (const item of out.Items ?? []) ids.push(String(item.tenantId));
    cursor = out.LastEvaluatedKey;
  } while (cursor);
  return ids;
}
