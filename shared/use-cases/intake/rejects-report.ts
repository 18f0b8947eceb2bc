import type { RejectedRow } from './ingest-invoices';

/** RFC 4180 field: quoted when it holds a separator, a quote or a line break. */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The rejects report written beside an intake file: one line per reason, with the row
 * number as the finance team sees it in a spreadsheet (header = row 1), so they fix and resend.
 */
export function rejectsReportCsv(rejected: RejectedRow[]): string {
  const lines = ['row,invoice_number,field,reason'];
  for (const r of rejected) lines.push([r.row, r.invoiceNumber, r.field, r.reason].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `<key>.rejects.csv`; the intake handler ignores such keys so its own report never re-triggers it. */
export function rejectsKeyFor(key: string): string {
  return `${key}.rejects.csv`;
}

export function isRejectsReport(key: string): boolean {
  return key.includes('.rejects.');
}
