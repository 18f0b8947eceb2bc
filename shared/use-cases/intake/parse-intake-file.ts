import { parse } from 'csv-parse/sync';

export interface RawRow {
  /** 1-based line in the file (CSV: header is line 1) or position in the JSON array. */
  row: number;
  values: Record<string, unknown>;
}

/**
 * Reads an intake file into raw rows. CSV with a header line (comma or semicolon, as French
 * spreadsheets export it), or JSON (an array of objects, or `{ "invoices": [...] }`).
 * A file that cannot be read at all throws; a bad row is the validator's business.
 */
export function parseIntakeFile(key: string, body: string): RawRow[] {
  const text = body.replace(/^\uFEFF/, '');
  if (key.toLowerCase().endsWith('.json')) {
    const parsed: unknown = JSON.parse(text);
    const rows = Array.isArray(parsed) ? parsed : (parsed as { invoices?: unknown })?.invoices;
    if (!Array.isArray(rows))
      throw new Error('JSON intake must be an array of invoices or { "invoices": [...] }');
    return rows.map((values, index) => ({
      row: index + 1,
      values: (values ?? {}) as Record<string, unknown>,
    }));
  }
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: Record<string, string>[] = parse(text, {
    columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
    delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });
  return records.map((values, index) => ({ row: index + 2, values }));
}
