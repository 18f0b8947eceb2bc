import { type CsvRecord, type MalformedLine, readCsvRecords } from './read-csv-records';

/** Records read from a run of the file's physical lines; line numbers are the file's. */
export interface RecordBlock {
  records: CsvRecord[];
  malformed: MalformedLine[];
}

/** Physical lines per block: the memory a block holds, and the reach of one csv-parse call. */
const BLOCK_LINES = 2_000;
/**
 * Lines a block may grow by while a quote is open. A quoted value typed with Alt+Enter spans a
 * few lines; a quote never closed would otherwise hold the rest of the file in memory.
 */
const OPEN_QUOTE_LINES = 1_000;

const quotesIn = (line: string) => {
  let count = 0;
  for (let at = line.indexOf('"'); at !== -1; at = line.indexOf('"', at + 1)) count++;
  return count;
};

/** The physical lines of a text stream, as `text.split(/\r\n|\r|\n/)` cuts the whole text. */
async function* physicalLines(text: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of text) {
    const buffer = carry + chunk;
    // A CR closing the chunk may be the first half of a CRLF cut by the chunk boundary.
    const cut = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
    const lines = buffer.slice(0, cut).split(/\r\n|\r|\n/);
    carry = lines.pop()! + buffer.slice(cut);
    yield* lines;
  }
  yield* carry.split(/\r\n|\r|\n/);
}

/**
 * Reads a CSV text stream in blocks of whole records: a block is cut only between records
 * (quotes balanced), so a value spanning lines stays in one block, and each block goes through
 * readCsvRecords, the whole-file reader: the same csv-parse options, and the same fallback to
 * one physical line at a time when a quote is left open, which must see the lines the open
 * quote swallowed (csv-parse's own stream cannot give them back). Line numbers are the file's.
 * `columns` is the header's number of values, known after the first block.
 */
export async function* csvRecordBlocks(
  text: AsyncIterable<string>,
  delimiterOf: (firstLine: string) => string,
  columns: () => number | undefined,
): AsyncGenerator<RecordBlock> {
  let delimiter: string | undefined;
  let lines: string[] = [];
  let firstLine = 1;
  let open = false;
  let openSince = 0;
  const block = (): RecordBlock => {
    const { records, malformed } = readCsvRecords(lines.join('\n'), delimiter!, columns());
    const offset = firstLine - 1;
    firstLine += lines.length;
    lines = [];
    return {
      records: records.map((record) => ({ line: record.line + offset, fields: record.fields })),
      malformed: malformed.map((bad) => ({ line: bad.line + offset, reason: bad.reason })),
    };
  };
  for await (const line of physicalLines(text)) {
    delimiter ??= delimiterOf(line);
    lines.push(line);
    if (quotesIn(line) % 2 === 1) {
      open = !open;
      if (open) openSince = lines.length;
    }
    const full = lines.length >= BLOCK_LINES;
    if ((full && !open) || (open && lines.length - openSince >= OPEN_QUOTE_LINES)) {
      open = false;
      yield block();
    }
  }
  if (lines.length > 0) yield block();
}
