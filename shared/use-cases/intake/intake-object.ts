import { ValidationError } from '../../domain/errors';
import type { BlobStore, DossierRepository, Logger, TenantDirectory } from '../ports';
import { type IntakeReport, ingestInvoices } from './ingest-invoices';
import { registerTenant } from './register-tenant';
import {
  errorKeyFor,
  errorReportJson,
  isIntakeReport,
  rejectsKeyFor,
  rejectsReportCsv,
} from './rejects-report';
import { UnreadableFileError } from './unreadable-file';

export interface IntakeObjectDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  blobs: BlobStore;
  logger: Logger;
}

export type IntakeObjectOutcome =
  | { kind: 'invoices'; key: string; report: IntakeReport; rejectsKey?: string }
  | { kind: 'unreadable'; key: string; reason: string; errorKey: string }
  | { kind: 'tenant'; key: string; tenantId: string }
  | { kind: 'ignored'; key: string; reason: string };

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/**
 * One object landed in the intake bucket under `<tenantId>/...`:
 * - `<tenantId>/tenant.json` registers the tenant's profile;
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
  const name = rest.at(-1)!.toLowerCase();
  if (!name.endsWith('.csv') && !name.endsWith('.json'))
    return { kind: 'ignored', key, reason: 'not a .csv or .json file' };

  const bytes = await deps.blobs.get(bucket, key);
  if (name === 'tenant.json') {
    await registerTenant(deps, { tenantId, body: new TextDecoder().decode(bytes) });
    return { kind: 'tenant', key, tenantId };
  }
  let report: IntakeReport;
  try {
    report = await ingestInvoices(deps, { tenantId, key, body: bytes, receivedAt: input.receivedAt });
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    const errorKey = errorKeyFor(key);
    const body = errorReportJson({ key, receivedAt: input.receivedAt, reason: error.message });
    await deps.blobs.put(bucket, errorKey, body, 'application/json');
    deps.logger.warn('intake file unreadable', { tenantId, errorKey });
    return { kind: 'unreadable', key, reason: error.message, errorKey };
  }
  if (report.rejected.length === 0 && !report.refusal) return { kind: 'invoices', key, report };
  const rejectsKey = rejectsKeyFor(key);
  await deps.blobs.put(bucket, rejectsKey, rejectsReportCsv(report), 'text/csv; charset=utf-8');
  return { kind: 'invoices', key, report, rejectsKey };
}
