import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DossierPage, DossierPageRequest } from '../../use-cases/ports';
import { dossierFromItem } from './item-codec';
import { keys } from './keys';

/**
 * One page of a tenant's dossiers from the per-tenant listing index (GSI3, `T#<tenant>#DOSSIERS`,
 * sorted by dossier id), starting after a dossier id: the access pattern under `GET /dossiers`
 * (docs/data-model.md, pattern 12b). It reads the tenant's index partition only, never the table.
 * The start key is rebuilt from the dossier id, so the cursor the API hands out holds no key of
 * ours, and a start id of another tenant simply starts inside this tenant's partition.
 */
export async function pageTenantDossiers(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  request: DossierPageRequest,
): Promise<DossierPage> {
  const after = request.after;
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.tenantDossiersPartition(tenantId) },
      ScanIndexForward: !request.descending,
      Limit: request.limit,
      ...(after
        ? { ExclusiveStartKey: { ...keys.dossier(tenantId, after), ...keys.tenantDossiers(tenantId, after) } }
        : {}),
    }),
  );
  const items = (out.Items ?? []).map(dossierFromItem);
  const last = out.LastEvaluatedKey ? String(out.LastEvaluatedKey.GSI3SK) : undefined;
  return last ? { items, last } : { items };
}
