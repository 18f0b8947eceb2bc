import { headerProblem } from './intake-columns';
import { type CsvRecord, type MalformedLine, readCsvRecords } from './read-csv-records';
import { UnreadableFileError } from './unreadable-file';

export interface RawRow {
  /** 1-based line in the file (CSV: header is line 1) or position in the JSON array. */
  row: number;
  values: Record<string, unknown>;
}

/** A record that could not be read as one (unbalanced quotes, more values than columns). */
export interface MalformedRecord {
  row: number;
  reason: string;
}

/** The whole file is refused for one reason the creditor can fix (the header). */
export interface FileRefusal {
  /** The line at fault, when there is one. */
  line?: number;
  field: string;
  reason: string;
}

export type ParsedFile =
  | { kind: 'rows'; rows: RawRow[]; malformed: MalformedRecord[] }
  | { kind: 'refused'; refusal: FileRefusal };

/**
 * Reads an intake file's text into raw rows. CSV with a header line (`;` as French spreadsheets
 * export it, `,`, or tab), or JSON (an array of objects, or `{ "invoices": [...] }`).
 * A bad record is reported with its line and its neighbours kept; a missing header refuses the
 * file; JSON that does not parse is an UnreadableFileError.
 */
export function parseIntakeFile(key: string, text: string): ParsedFile {
  const body = text.replace(/^\uFEFF/, '');
  return key.toLowerCase().endsWith('.json') ? parseJson(body) : parseCsv(body);
}

function parseJson(text: string): ParsedFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message quotes the text around the fault: personal data, never reported.
    throw new UnreadableFileError('not valid JSON');
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { invoices?: unknown })?.invoices;
  if (!Array.isArray(rows))
    throw new UnreadableFileError('JSON intake must be an array of invoices or { "invoices": [...] }');
  return {
    kind: 'rows',
    malformed: [],
    rows: rows.map((values, index) => ({
      row: index + 1,
      values: values && typeof values === 'object' ? (values as Record<string, unknown>) : {},
    })),
  };
}

/** The separator the header line uses most: `;` (French Excel), `,` or tab ("Unicode text"). */
export function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const count = (separator: string) => firstLine.split(separator).length;
  return [';', ',', '\t'].reduce((best, candidate) => (count(candidate) > count(best) ? candidate : best));
}

function parseCsv(text: string): ParsedFile {
  const { records, malformed } = readCsvRecords(text, delimiterOf(text));
  const read = csvHeader(records, malformed);
  if (read.kind === 'refused') return read;
  const { rows, malformed: bad } = csvRows(read.header, records.slice(1), malformed);
  return { kind: 'rows', rows, malformed: bad };
}

/** The header of a CSV file from its first records, or why the file is refused. */
export function csvHeader(
  records: CsvRecord[],
  malformed: MalformedLine[],
): { kind: 'header'; header: string[]; line: number } | { kind: 'refused'; refusal: FileRefusal } {
  const first = records[0];
  const headerLine = malformed[0] && (!first || malformed[0].line < first.line) ? malformed[0] : undefined;
  if (!first || headerLine)
    return {
      kind: 'refused',
      refusal: {
        line: headerLine?.line ?? 1,
        field: 'header',
        reason: headerLine
          ? `the header line is malformed: ${headerLine.reason}`
          : 'the file has no header line',
      },
    };
  const header = first.fields.map((name) =>
    name
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const problem = headerProblem(header);
  if (problem) return { kind: 'refused', refusal: { line: first.line, field: 'header', reason: problem } };
  return { kind: 'header', header, line: first.line };
}

/** Data records (the header's excluded) as raw rows; malformed lines reported, in line order. */
export function csvRows(
  header: string[],
  records: CsvRecord[],
  malformed: MalformedLine[],
): { rows: RawRow[]; malformed: MalformedRecord[] } {
  const rows: RawRow[] = [];
  const bad: MalformedRecord[] = malformed.map(({ line, reason }) => ({ row: line, reason }));
  for (const { line, fields } of records) {
    // Excel leaves rows of bare separators below the data: nothing to read, nothing to report.
    if (fields.every((field) => field === '')) continue;
    if (fields.slice(header.length).some((field) => field !== '')) {
      bad.push({
        row: line,
        reason: `${fields.length} values where the header has ${header.length} (a separator inside an unquoted value?)`,
      });
      continue;
    }
    // fromEntries defines own properties: a column named __proto__ stays a column.
    const values = Object.fromEntries(
      header.flatMap((name, index) => (fields[index] === undefined ? [] : [[name, fields[index]]])),
    );
    rows.push({ row: line, values });
  }
  return { rows, malformed: bad.sort((a, b) => a.row - b.row) };
}
