import { parisDate } from '../../domain/calendar';
import { findTenant } from '../find-tenant';
import type { DossierRepository, Logger, TenantDirectory } from '../ports';
import { type RowBatch, readCsvRowStream } from './csv-row-stream';
import type { DebtorContext, RejectedRow, ValidRow } from './debtor-intake';
import { decodeIntakeFile } from './decode-intake-file';
import { decodeIntakeStream } from './decode-intake-stream';
import { validateInvoiceRow } from './invoice-row';
import { type FileRefusal, parseIntakeFile } from './parse-intake-file';
import { rejectionOf } from './rejection';
import { storeDebtorGroups } from './store-debtor-groups';

export type { RejectedRow } from './debtor-intake';
export type { FileRefusal } from './parse-intake-file';

export interface IntakeReport {
  tenantId: string;
  /** Data rows read (CSV lines after the header, JSON array entries), malformed ones included. */
  rows: number;
  accepted: number;
  /** Rows identical to an invoice already stored (the same file delivered again): neither added nor rejected. */
  alreadyImported: number;
  /** One entry per rejected row, whatever the number of its reasons. */
  rejected: RejectedRow[];
  dossiers: number;
  /** How the file's bytes were read (utf-8, windows-1252…). */
  encoding: string;
  /** The whole file refused (no tenant profile, no usable header): nothing stored. */
  refusal?: FileRefusal;
}

export interface IngestDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  logger: Logger;
}

/** An intake file's content: text (the API's rows), its bytes, or its bytes as they arrive (S3). */
export type IntakeBody = string | Uint8Array | AsyncIterable<Uint8Array>;

/**
 * Valid rows held before their debtors are stored: the intake's memory is bounded by this (and a
 * CSV block), not by the file. A debtor whose rows lie farther apart in the file is stored in two
 * saves of the same dossier, as if two files had come one after the other: the second finds the
 * first's invoices (dedup, the 10,000-invoice limit count them) and keeps its schedule.
 */
const BUFFERED_ROWS = 10_000;
/** Chunks a body already in memory is cut into, so it takes the same streaming path as S3's. */
const CHUNK_BYTES = 64 * 1024;

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

async function* oneText(text: string): AsyncGenerator<string> {
  yield text.replace(/^\uFEFF/, '');
}

async function bytesOf(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return Buffer.concat(parts);
}

type Rows = { kind: 'rows'; batches: AsyncIterable<RowBatch> } | { kind: 'refused'; refusal: FileRefusal };

/** The file as batches of raw rows: CSV streamed (decoded chunk by chunk), JSON parsed whole. */
async function readRows(
  key: string,
  body: IntakeBody,
): Promise<{ encoding: () => string; read: () => Promise<Rows> }> {
  if (key.toLowerCase().endsWith('.json')) {
    // JSON has no row boundary a line reader could cut at: read whole (large files come as CSV).
    const bytes = typeof body === 'string' || body instanceof Uint8Array ? body : await bytesOf(body);
    const decoded = typeof bytes === 'string' ? { text: bytes, encoding: 'utf-8' } : decodeIntakeFile(bytes);
    return {
      encoding: () => decoded.encoding,
      read: async () => {
        const parsed = parseIntakeFile(key, decoded.text);
        if (parsed.kind === 'refused') return parsed;
        return { kind: 'rows', batches: oneBatch({ rows: parsed.rows, malformed: parsed.malformed }) };
      },
    };
  }
  if (typeof body === 'string')
    return { encoding: () => 'utf-8', read: () => readCsvRowStream(oneText(body)) };
  const decoded = await decodeIntakeStream(body instanceof Uint8Array ? chunksOf(body) : body);
  return { encoding: () => decoded.encoding, read: () => readCsvRowStream(decoded.text) };
}

async function* oneBatch(batch: RowBatch): AsyncGenerator<RowBatch> {
  yield batch;
}

/**
 * Ingests one intake file for a tenant.
 * 0. refuse the whole file when the tenant has no profile (its letters would have no sender, and
 *    every step would fail each morning) or the CSV has no usable header;
 * 1. decode the bytes as they arrive (decode-intake-stream.ts) and read them block by block
 *    into rows (csv-row-stream.ts), malformed lines reported with their line;
 * 2. validate each row, all of its reasons in one reject; 3. reject the second occurrence of an
 *    invoice number within the file;
 * 4. hold the valid rows grouped by debtor; every BUFFERED_ROWS rows, and at the end, store the
 *    groups (store-debtor-groups.ts: batch reads of dossiers and claims, conditional claims of
 *    new numbers only, events in batches, one conditional write per dossier).
 * A bad row never stops its neighbours: it lands in the report, the others are stored.
 */
export async function ingestInvoices(
  deps: IngestDeps,
  input: {
    tenantId: string;
    key: string;
    body: IntakeBody;
    receivedAt: string;
    /** Valid rows held before their debtors are stored (tests use a few to split a debtor). */
    bufferedRows?: number;
  },
): Promise<IntakeReport> {
  const { tenantId } = input;
  const source = await readRows(input.key, input.body);
  const empty = { tenantId, rows: 0, accepted: 0, alreadyImported: 0, rejected: [], dossiers: 0 };
  const refuse = (refusal: FileRefusal): IntakeReport => {
    deps.logger.warn('intake file refused', { tenantId, field: refusal.field, encoding: source.encoding() });
    return { ...empty, encoding: source.encoding(), refusal };
  };
  const tenant = await findTenant(deps.tenants, tenantId);
  if (!tenant)
    return refuse({
      field: 'tenant',
      reason: `tenant ${tenantId} has no profile: drop ${tenantId}/tenant.json first, then this file again`,
    });
  const parsed = await source.read();
  if (parsed.kind === 'refused') return refuse(parsed.refusal);

  const today = parisDate(input.receivedAt);
  const context: DebtorContext = {
    tenantId,
    creditorType: tenant.creditorType,
    today,
    at: input.receivedAt,
    settings: tenant,
    ids: { tenantId, dossierIds: tenant.dossierIds, dossierIdKey: tenant.dossierIdKey },
  };
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  const debtors = new Set<string>();
  let rows = 0;
  let accepted = 0;
  let alreadyImported = 0;
  let buffer = new Map<string, ValidRow[]>();
  let buffered = 0;
  const flush = async () => {
    const outcome = await storeDebtorGroups(deps.repository, context, [...buffer.values()]);
    accepted += outcome.accepted;
    alreadyImported += outcome.alreadyImported;
    rejected.push(...outcome.rejected);
    buffer = new Map();
    buffered = 0;
  };
  for await (const batch of parsed.batches) {
    rows += batch.rows.length + batch.malformed.length;
    for (const { row, reason } of batch.malformed)
      rejected.push({ row, invoiceNumber: '', field: 'line', reason });
    for (const { row, values } of batch.rows) {
      const checked = validateInvoiceRow(values, today);
      const invoiceNumber = typeof values.invoice_number === 'string' ? values.invoice_number.trim() : '';
      if (!checked.ok) {
        rejected.push(rejectionOf(row, invoiceNumber, checked.problems));
        continue;
      }
      if (seen.has(checked.row.invoice_number)) {
        rejected.push({ row, invoiceNumber, field: 'invoice_number', reason: 'duplicate in this file' });
        continue;
      }
      seen.add(checked.row.invoice_number);
      debtors.add(checked.row.debtor_ref);
      const group = buffer.get(checked.row.debtor_ref);
      if (group) group.push({ row, data: checked.row });
      else buffer.set(checked.row.debtor_ref, [{ row, data: checked.row }]);
      buffered++;
    }
    if (buffered >= (input.bufferedRows ?? BUFFERED_ROWS)) await flush();
  }
  if (buffered > 0) await flush();
  rejected.sort((a, b) => a.row - b.row);
  const encoding = source.encoding();
  deps.logger.info('intake file processed', {
    tenantId,
    encoding,
    rows,
    accepted,
    alreadyImported,
    rejected: rejected.length,
    dossiers: debtors.size,
  });
  return { tenantId, rows, accepted, alreadyImported, rejected, dossiers: debtors.size, encoding };
}
