import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from './batch-requests';
import { isConditionFailure } from './condition-failure';
import { ENTITY } from './entity-names';
import { keys } from './keys';

/**
 * One invoice number's claim (`T#<tenant>#INV#<number>`), which ties it to the dossier holding it
 * (docs/data-model.md, access patterns 4 and 4b). Many at once: invoice-claims.ts.
 */

/** Claims the number for a dossier; when already held, the holder read back. */
export async function claimInvoiceNumber(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  invoiceNumber: string,
  dossierId: string,
): Promise<{ created: boolean; dossierId: string }> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.invoiceClaim(tenantId, invoiceNumber), entity: ENTITY.claim, dossierId },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return { created: true, dossierId };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const out = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.invoiceClaim(tenantId, invoiceNumber),
        ConsistentRead: true,
      }),
    );
    return { created: false, dossierId: String(out.Item?.dossierId ?? '') };
  }
}

export async function findInvoiceClaim(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  invoiceNumber: string,
): Promise<string | undefined> {
  const out = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.invoiceClaim(tenantId, invoiceNumber),
      ConsistentRead: true,
    }),
  );
  return out.Item?.dossierId === undefined ? undefined : String(out.Item.dossierId);
}

/** The claims held among these numbers: number → dossier id (BatchGetItem, consistent). */
export async function findInvoiceClaims(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenantId: string,
  invoiceNumbers: string[],
): Promise<Map<string, string>> {
  const items = await batchGet(
    doc,
    tableName,
    [...new Set(invoiceNumbers)].map((number) => keys.invoiceClaim(tenantId, number)),
  );
  // The number is the key's tail (keys.ts: T#<tenant>#INV#<number>), after the tenant's prefix.
  const prefix = String(keys.invoiceClaim(tenantId, '').PK);
  return new Map(items.map((item) => [String(item.PK).slice(prefix.length), String(item.dossierId)]));
}
