import { ValidationError } from '../../domain/errors';
import {
  intakeStatement,
  STATEMENTS_FOLDER,
  type StatementIntakeOutcome,
} from '../bank-statements/intake-statement';
import { type DossierEventsReport, ingestDossierEvents } from '../dossier-events/ingest-dossier-events';
import type { BlobStore, DossierRepository, Logger, TenantDirectory } from '../ports';
import {
  type EInvoiceObjectOutcome,
  eInvoiceObject,
  INVOICE_STATUSES_FOLDER,
  statusFeedObject,
} from './e-invoice-objects';
import { looksLikeEInvoice } from './e-invoices/read-e-invoice';
import { type IntakeReport, ingestInvoices } from './ingest-invoices';
import { registerTenant } from './register-tenant';
import { isIntakeReport, writeErrorReport, writeRejectsReport } from './rejects-report';
import { UnreadableFileError } from './unreadable-file';

export interface IntakeObjectDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  blobs: BlobStore;
  logger: Logger;
  /** Where an e-invoice's document is kept for the court file (same BlobStore); absent: not kept. */
  documentsBucket?: string;
}

export type IntakeObjectOutcome =
  | { kind: 'invoices'; key: string; report: IntakeReport; rejectsKey?: string }
  | { kind: 'unreadable'; key: string; reason: string; errorKey: string }
  | { kind: 'tenant'; key: string; tenantId: string }
  | { kind: 'dossier-events'; key: string; report: DossierEventsReport; rejectsKey?: string }
  | EInvoiceObjectOutcome
  | { kind: 'ignored'; key: string; reason: string }
  | StatementIntakeOutcome;

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/**
 * One object landed in the intake bucket under `<tenantId>/...`:
 * - `<tenantId>/tenant.json` registers the tenant's profile;
 * - `<tenantId>/statements/...` is a bank statement (camt.053 or CSV): intake-statement.ts;
 * - a PDF or XML (sniffed) is an e-invoice: Factur-X, UBL, CII (e-invoice-objects.ts);
 *   `<tenantId>/invoice-statuses/*.json|.csv` is a platform status feed;
 * - any other `.csv`/`.json` is an invoice file: ingested, and its rejects (if any, or the
 *   whole-file refusal) written beside it as `<key>.rejects.csv`; a file that cannot be read at
 *   all (binary, unknown encoding, broken JSON) gets `<key>.error.json` instead, and is not
 *   retried (it would fail the same way);
 * - our own reports and other files are ignored (never re-ingested).
 * Any other failure (the table unreachable…) is thrown: S3 retries the event, then the on-failure
 * destination keeps it and an alarm tells the operator (infra/aws/constructs/intake-failures.ts).
 */
export async function intakeObject(
  deps: IntakeObjectDeps,
  input: { bucket: string; key: string; receivedAt: string },
): Promise<IntakeObjectOutcome> {
  const { bucket, key } = input;
  if (isIntakeReport(key)) return { kind: 'ignored', key, reason: 'intake report' };
  const [tenantId, ...rest] = key.split('/');
  if (!tenantId || rest.length === 0 || !TENANT_ID.test(tenantId))
    throw new ValidationError('key', 'intake objects go under <tenantId>/');
  // Bank statements have their own folder: an invoice CSV is never read as a statement, nor the reverse.
  if (rest.length > 1 && rest[0] === STATEMENTS_FOLDER)
    return intakeStatement(deps, { bucket, key, tenantId, receivedAt: input.receivedAt });
  const name = rest.at(-1)!.toLowerCase();
  const tabular = name.endsWith('.csv') || name.endsWith('.json');

  if (!tabular) {
    const bytes = await deps.blobs.get(bucket, key);
    // E-invoices by their content (a PDF, XML), whatever their name: platforms name files their way.
    if (looksLikeEInvoice(bytes)) return eInvoiceObject(deps, input, tenantId, bytes);
    return { kind: 'ignored', key, reason: 'not a .csv/.json file nor an e-invoice (PDF, XML)' };
  }
  const invoiceFile =
    name !== 'tenant.json' &&
    !(rest.length > 1 && (rest[0] === DOSSIER_EVENTS_FOLDER || rest[0] === INVOICE_STATUSES_FOLDER));
  // An invoice file is read as it arrives (200,000 rows are tens of MB): never held whole.
  if (invoiceFile) return invoiceObject(deps, input, tenantId);
  const bytes = await deps.blobs.get(bucket, key);
  if (name === 'tenant.json') {
    await registerTenant(deps, { tenantId, body: new TextDecoder().decode(bytes) });
    return { kind: 'tenant', key, tenantId };
  }
  // `<tenantId>/dossier-events/...`: disputes, promises, closures (ingest-dossier-events.ts).
  if (rest[0] === DOSSIER_EVENTS_FOLDER && rest.length > 1)
    return dossierEvents(deps, input, tenantId, bytes);
  return statusFeedObject(deps, input, tenantId, bytes);
}

async function invoiceObject(
  deps: IntakeObjectDeps,
  input: { bucket: string; key: string; receivedAt: string },
  tenantId: string,
): Promise<IntakeObjectOutcome> {
  const { bucket, key } = input;
  const body = deps.blobs.getStream
    ? await deps.blobs.getStream(bucket, key)
    : await deps.blobs.get(bucket, key);
  let report: IntakeReport;
  try {
    report = await ingestInvoices(deps, { tenantId, key, body, receivedAt: input.receivedAt });
  } catch (error) {
    release(body);
    if (!(error instanceof UnreadableFileError)) throw error;
    const errorKey = await writeErrorReport(deps.blobs, bucket, {
      key,
      receivedAt: input.receivedAt,
      reason: error.message,
    });
    deps.logger.warn('intake file unreadable', { tenantId, errorKey });
    return { kind: 'unreadable', key, reason: error.message, errorKey };
  }
  release(body);
  const rejectsKey = await writeRejectsReport(deps.blobs, bucket, key, report);
  return { kind: 'invoices', key, report, ...(rejectsKey ? { rejectsKey } : {}) };
}

/** A body left unread (a refused or unreadable file) must not keep its S3 connection open. */
function release(body: unknown): void {
  (body as { destroy?: () => void }).destroy?.();
}

/** The intake folder of dossier-events files (README, "Dossier events file"). */
export const DOSSIER_EVENTS_FOLDER = 'dossier-events';

async function dossierEvents(
  deps: IntakeObjectDeps,
  input: { bucket: string; key: string; receivedAt: string },
  tenantId: string,
  bytes: Uint8Array,
): Promise<IntakeObjectOutcome> {
  const { bucket, key, receivedAt } = input;
  let report: DossierEventsReport;
  try {
    report = await ingestDossierEvents(deps, { tenantId, key, body: bytes, receivedAt });
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    const errorKey = await writeErrorReport(deps.blobs, bucket, { key, receivedAt, reason: error.message });
    return { kind: 'unreadable', key, reason: error.message, errorKey };
  }
  const rejectsKey = await writeRejectsReport(deps.blobs, bucket, key, report);
  return { kind: 'dossier-events', key, report, ...(rejectsKey ? { rejectsKey } : {}) };
}
