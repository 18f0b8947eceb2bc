import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inPool } from '../../use-cases/in-pool';
import { keys } from './keys';
import { TRANSACTION_ITEMS, transactGroups } from './transactions';

/** Single-item conditional claims in flight at once (no transactions, or a cancelled one). */
const CLAIMS_IN_FLIGHT = 16;

export interface ClaimRequest {
  invoiceNumber: string;
  dossierId: string;
}

/** The per-item path: one conditional put, and on a condition failure the holder read back. */
export type ClaimOne = (
  tenantId: string,
  invoiceNumber: string,
  dossierId: string,
) => Promise<{ created: boolean; dossierId: string }>;

export interface ClaimsWriter {
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** Whether the store runs TransactWriteItems (AWS, DynamoDB Local, the embedded dynalite: yes). Decided once, at construction. */
  transactions: boolean;
  claimOne: ClaimOne;
  /** The claims already held among these numbers (BatchGetItem): number → dossier id. */
  readClaims: (tenantId: string, invoiceNumbers: string[]) => Promise<Map<string, string>>;
  /** The claim item's other attributes (its entity name). */
  attributes: Record<string, unknown>;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Claims many invoice numbers of one tenant; returns each number's holder (this request's
 * dossier when it claimed it, or the dossier that held it before).
 *
 * With transactions: 100 conditional puts (`attribute_not_exists(PK)`) per TransactWriteItems.
 * A transaction is all or nothing, so when it is cancelled (a number of the chunk was claimed
 * meanwhile, by another file; or a conflict with another transaction) nothing of it was written,
 * and exactly that chunk takes the per-item path, which says who holds each number: the outcome is
 * the per-item path's, claim by claim. An SDK retry of a transaction that had landed carries the
 * same ClientRequestToken (filled by the SDK), so DynamoDB answers it as a success; past the
 * token's 10 minutes it is cancelled, and the per-item path finds the numbers held by their own
 * dossier (a retry's). A transactional write costs 2 write units an item (docs/cost.md).
 *
 * Without transactions (a store that has none: an outside dynalite endpoint; the embedded
 * stack's dynalite has them, infra/local/dynalite-transactions.mjs): the claims are read first,
 * 100 a BatchGetItem, so a number already held costs no write (a re-delivered file's, another
 * debtor's); each free one takes the per-item path. With transactions that read is left out: a
 * held number cancels its chunk, which then goes one by one, so only files naming many numbers
 * held elsewhere pay more.
 *
 * Why not BatchWriteItem after a BatchGetItem found the numbers free, even with deterministic
 * keys (the claim's key is the number's, its content the dossier id, itself a function of the
 * debtor ref): a re-delivered file writes the very same items, so for it a batch would be safe;
 * but two files naming one number for two debtors both read it free, and unconditional puts
 * overwrite, so both would go on as its holder. Reading back after the writes does not close
 * that gap (the second file can overwrite after the first read its own claim back), nor does one
 * claim item per (number, dossier) read back by Query (each side can see only itself, or both,
 * and no rule lets exactly one win without an order the store gives). Only a write the store
 * checks decides: a conditional put, or a transaction of 100 of them.
 */
export async function claimInvoiceNumbers(
  writer: ClaimsWriter,
  tenantId: string,
  requests: ClaimRequest[],
): Promise<Map<string, string>> {
  const holders = new Map<string, string>();
  const oneByOne = (chunk: ClaimRequest[]) =>
    inPool(chunk, CLAIMS_IN_FLIGHT, async ({ invoiceNumber, dossierId }) => {
      holders.set(invoiceNumber, (await writer.claimOne(tenantId, invoiceNumber, dossierId)).dossierId);
    });
  if (!writer.transactions) {
    const held = await writer.readClaims(
      tenantId,
      requests.map((request) => request.invoiceNumber),
    );
    for (const [number, dossierId] of held) holders.set(number, dossierId);
    await oneByOne(requests.filter((request) => !held.has(request.invoiceNumber)));
    return holders;
  }
  await transactGroups(
    writer.doc,
    chunks(requests, TRANSACTION_ITEMS),
    ({ invoiceNumber, dossierId }) => ({
      TableName: writer.tableName,
      Item: { ...keys.invoiceClaim(tenantId, invoiceNumber), ...writer.attributes, dossierId },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
    {
      landed: (chunk) => {
        for (const { invoiceNumber, dossierId } of chunk) holders.set(invoiceNumber, dossierId);
      },
      cancelled: oneByOne,
    },
  );
  return holders;
}
