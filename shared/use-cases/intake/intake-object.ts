import { ValidationError } from '../../domain/errors';
import type { BlobStore, DossierRepository, Logger, TenantDirectory } from '../ports';
import { type IntakeReport, ingestInvoices } from './ingest-invoices';
import { registerTenant } from './register-tenant';
import { isRejectsReport, rejectsKeyFor, rejectsReportCsv } from './rejects-report';

export interface IntakeObjectDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  blobs: BlobStore;
  logger: Logger;
}

export type IntakeObjectOutcome =
  | { kind: 'invoices'; key: string; report: IntakeReport; rejectsKey?: string }
  | { kind: 'tenant'; key: string; tenantId: string }
  | { kind: 'ignored'; key: string; reason: string };

const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/**
 * One object landed in the intake bucket under `<tenantId>/...`:
 * - `<tenantId>/tenant.json` registers the tenant's profile;
 * - any other `.csv`/`.json` is an invoice file: ingested, and its rejects (if any) written
 *   beside it as `<key>.rejects.csv`;
 * - our own rejects reports and other files are ignored (never re-ingested).
 */
export async function intakeObject(
  deps: IntakeObjectDeps,
  input: { bucket: string; key: string; receivedAt: string },
): Promise<IntakeObjectOutcome> {
  const { bucket, key } = input;
  if (isRejectsReport(key)) return { kind: 'ignored', key, reason: 'rejects report' };
  const [tenantId, ...rest] = key.split('/');
  if (!tenantId || rest.length === 0 || !TENANT_ID.test(tenantId))
    throw new ValidationError('key', 'intake objects go under <tenantId>/');
  const name = rest.at(-1)!.toLowerCase();
  if (!name.endsWith('.csv') && !name.endsWith('.json'))
    return { kind: 'ignored', key, reason: 'not a .csv or .json file' };

  const body = Buffer.from(await deps.blobs.get(bucket, key)).toString('utf8');
  if (name === 'tenant.json') {
    await registerTenant(deps, { tenantId, body });
    return { kind: 'tenant', key, tenantId };
  }
  const report = await ingestInvoices(deps, { tenantId, key, body, receivedAt: input.receivedAt });
  if (report.rejected.length === 0) return { kind: 'invoices', key, report };
  const rejectsKey = rejectsKeyFor(key);
  await deps.blobs.put(bucket, rejectsKey, rejectsReportCsv(report.rejected), 'text/csv; charset=utf-8');
  return { kind: 'invoices', key, report, rejectsKey };
}
