import { type CsvError, parse } from 'csv-parse/sync';

/** One CSV record and the line of the file it starts on (1-based, as an editor numbers lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A line csv-parse could not read (an unbalanced quote): reported, never stored. */
export interface MalformedLine {
  line: number;
  reason: string;
}

const QUOTE_ERRORS = new Set([
  'CSV_INVALID_OPENING_QUOTE',
  'CSV_INVALID_CLOSING_QUOTE',
  'CSV_QUOTE_NOT_CLOSED',
]);

function reasonOf(error: CsvError | undefined): string {
  if (error && QUOTE_ERRORS.has(error.code))
    return 'malformed line: unbalanced quotes (in a quoted value a quote is written ""; a value cannot span lines here)';
  return `malformed line (${error?.code ?? 'unreadable'})`;
}

function parseText(text: string, delimiter: string) {
  const records: CsvRecord[] = [];
  const malformed: MalformedLine[] = [];
  const parsed = parse(text, {
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      malformed.push({ line: Number(error?.lines ?? 0), reason: reasonOf(error) });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  // info.lines is the line a record ends on, except that csv-parse 7 counts a CRLF inside a quoted
  // value as two lines (CR, then LF), for this record and every later one: taken back here.
  let overcounted = 0;
  const count = (fields: string[], pattern: RegExp) =>
    fields.reduce((sum, field) => sum + (field.match(pattern)?.length ?? 0), 0);
  for (const { record, info } of parsed) {
    overcounted += count(record, /\r\n/g);
    const breaks = count(record, /\r\n|\r|\n/g);
    records.push({ line: info.lines - overcounted - breaks, fields: record });
  }
  return { records, malformed };
}

const spansLines = (record: CsvRecord) => record.fields.some((field) => /[\r\n]/.test(field));

/**
 * Reads CSV records with csv-parse, strict RFC 4180 (no relaxed quotes: `Jean "Le Grand" Dupont`
 * is ambiguous, not guessed). Fast path: the whole text at once; a value spanning lines (a cell
 * typed with Alt+Enter) stays one record, at the line it starts on, for the validator to refuse
 * by field. A quote left open would swallow the following lines into one field, so when the
 * whole-text parse reports an error, or a record spanning lines has not the header's number of
 * values, each physical line is parsed on its own: a bad line costs only itself, and every line
 * number stays the file's.
 */
export function readCsvRecords(
  text: string,
  delimiter: string,
  /** The header's number of values, when the text is a later block of the file (csv-record-blocks.ts). */
  headerColumns?: number,
): { records: CsvRecord[]; malformed: MalformedLine[] } {
  const whole = parseText(text, delimiter);
  const columns = headerColumns ?? whole.records[0]?.fields.length;
  const suspect = whole.records.some((record) => spansLines(record) && record.fields.length !== columns);
  if (whole.malformed.length === 0 && !suspect) return whole;
  const records: CsvRecord[] = [];
  const malformed: MalformedLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((content, index) => {
    if (content.trim() === '') return;
    const one = parseText(content, delimiter);
    const line = index + 1;
    if (one.malformed.length > 0) malformed.push({ line, reason: one.malformed[0]!.reason });
    else for (const record of one.records) records.push({ line, fields: record.fields });
  });
  return { records, malformed };
}
