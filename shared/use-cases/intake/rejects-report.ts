import type { BlobStore } from '../ports';
import type { FileRefusal, IntakeReport } from './ingest-invoices';

/**
 * The rejects report written beside an intake file, for the finance team to open in French
 * Excel: UTF-8 with a byte order mark (else Excel reads it as Windows-1252), `;` between cells
 * (the list separator of a French Windows), CRLF, one line per rejected row.
 */

/**
 * A cell Excel would run as a formula (`=`, `+`, `-`, `@`, or a tab / CR that some readers
 * strip before one) gets a leading apostrophe: an invoice number such as `=HYPERLINK(...)`
 * from a file must stay text (OWASP "CSV injection").
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 cell: quoted when it holds the separator, a quote or a line break. */
function cell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : neutralised(value);
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const HEADER = ['line', 'invoice_number', 'field', 'reason'];

/**
 * `line` is the file's line (the header is line 1; a JSON file's position in its array), so the
 * row is found in the spreadsheet; a whole-file refusal is one line naming what to fix.
 */
export function rejectsReportCsv(report: Pick<IntakeReport, 'rejected' | 'refusal'>): string {
  const lines = [HEADER.join(';')];
  const { refusal } = report;
  if (refusal) lines.push([refusal.line ?? '', '', refusal.field, refusal.reason].map(cell).join(';'));
  for (const r of report.rejected)
    lines.push([r.row, r.invoiceNumber, r.field, r.reason].map(cell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** `<key>.rejects.csv`; the intake handler ignores such keys so its own report never re-triggers it. */
export function rejectsKeyFor(key: string): string {
  return `${key}.rejects.csv`;
}

/** `<key>.error.json`: why a file could not be read at all. */
export function errorKeyFor(key: string): string {
  return `${key}.error.json`;
}

/** The body of `<key>.error.json`: the problem, never the file's content. */
export function errorReportJson(input: { key: string; receivedAt: string; reason: string }): string {
  return `${JSON.stringify({ key: input.key, receivedAt: input.receivedAt, error: 'unreadable file', reason: input.reason }, null, 2)}\n`;
}

/**
 * Writes `<key>.rejects.csv` beside an intake file when some of its rows (or the whole file) were
 * refused; nothing when all were taken. Returns the report's key, if written.
 */
export async function writeRejectsReport(
  blobs: Pick<BlobStore, 'put'>,
  bucket: string,
  key: string,
  report: Pick<IntakeReport, 'rejected' | 'refusal'>,
): Promise<string | undefined> {
  if (report.rejected.length === 0 && !report.refusal) return undefined;
  const rejectsKey = rejectsKeyFor(key);
  await blobs.put(bucket, rejectsKey, rejectsReportCsv(report), 'text/csv; charset=utf-8');
  return rejectsKey;
}

/** Writes `<key>.error.json` beside a file that could not be read at all; returns its key. */
export async function writeErrorReport(
  blobs: Pick<BlobStore, 'put'>,
  bucket: string,
  input: { key: string; receivedAt: string; reason: string },
): Promise<string> {
  const errorKey = errorKeyFor(input.key);
  await blobs.put(bucket, errorKey, errorReportJson(input), 'application/json');
  return errorKey;
}

/** Reports intake writes beside a file (a bank statement's `.report.csv` too): never ingested themselves. */
export function isIntakeReport(key: string): boolean {
  return key.includes('.rejects.') || key.endsWith('.error.json') || key.endsWith('.report.csv');
}

export type { FileRefusal };
