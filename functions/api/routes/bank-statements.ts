import { json } from '../../../shared/adapters/http/problem';
import { ValidationError } from '../../../shared/domain/errors';
import { importBankStatement } from '../../../shared/use-cases/bank-statements/import-bank-statement';
import {
  type StatementReport,
  statementReportCsv,
} from '../../../shared/use-cases/bank-statements/statement-report';
import { UnreadableFileError } from '../../../shared/use-cases/intake/unreadable-file';
import type { Route } from '../request';

/**
 * `POST /bank-statements`: a camt.053 statement (application/xml) or the CSV (text/csv in UTF-8,
 * or application/octet-stream for the Windows-1252 file French Excel saves: the bytes arrive
 * base64-encoded, untouched). The body is the file itself, as it would land in the intake drop;
 * the answer is the matching report, as JSON and as the CSV a person opens in Excel.
 */
export const postBankStatement: Route = async (deps, tenantId, event, now) => {
  if (!event.body) throw new ValidationError('(body)', 'the statement file is required as the body');
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  let report: StatementReport;
  try {
    report = await importBankStatement(deps, { tenantId, body: new Uint8Array(bytes), receivedAt: now });
  } catch (error) {
    // A file that cannot be read at all (a DOCTYPE, broken XML, no header): a 400 saying why.
    if (error instanceof UnreadableFileError) throw new ValidationError('(body)', error.message);
    throw error;
  }
  return json(200, { ...report, reportCsv: statementReportCsv(report) });
};
