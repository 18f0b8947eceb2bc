import { writeErrorReport } from '../intake/rejects-report';
import { UnreadableFileError } from '../intake/unreadable-file';
import type { BlobStore, DossierRepository, Logger, RateSource, TenantDirectory } from '../ports';
import { importBankStatement } from './import-bank-statement';
import { type StatementReport, statementReportCsv, statementReportKeyFor } from './statement-report';

/** The intake drop's folder for bank statements: `<tenantId>/statements/...`. */
export const STATEMENTS_FOLDER = 'statements';

export type StatementIntakeOutcome =
  | { kind: 'bank-statement'; key: string; report: StatementReport; reportKey: string }
  | { kind: 'unreadable'; key: string; reason: string; errorKey: string };

/**
 * A bank statement dropped under `<tenantId>/statements/` (any name: camt.053 XML or the CSV,
 * told apart by content): imported, and its report written beside it as `<key>.report.csv`
 * for the person who reconciles; a file that cannot be read at all gets `<key>.error.json`, as
 * an invoice file does. Importing the same file again records nothing twice.
 */
export async function intakeStatement(
  deps: {
    repository: DossierRepository;
    tenants: TenantDirectory;
    blobs: BlobStore;
    logger: Logger;
    rates?: RateSource;
  },
  input: { bucket: string; key: string; tenantId: string; receivedAt: string },
): Promise<StatementIntakeOutcome> {
  const { bucket, key, tenantId, receivedAt } = input;
  const body = await deps.blobs.get(bucket, key);
  try {
    const report = await importBankStatement(deps, { tenantId, body, receivedAt });
    const reportKey = statementReportKeyFor(key);
    await deps.blobs.put(bucket, reportKey, statementReportCsv(report), 'text/csv; charset=utf-8');
    return { kind: 'bank-statement', key, report, reportKey };
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    const errorKey = await writeErrorReport(deps.blobs, bucket, { key, receivedAt, reason: error.message });
    deps.logger.warn('bank statement unreadable', { tenantId, errorKey });
    return { kind: 'unreadable', key, reason: error.message, errorKey };
  }
}
