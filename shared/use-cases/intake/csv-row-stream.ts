import { csvRecordBlocks } from './csv-record-blocks';
import {
  csvHeader,
  csvRows,
  delimiterOf,
  type FileRefusal,
  type MalformedRecord,
  type RawRow,
} from './parse-intake-file';

/** The rows of one block of the file, and the lines of that block that could not be read. */
export interface RowBatch {
  rows: RawRow[];
  malformed: MalformedRecord[];
}

export type CsvRowStream =
  | { kind: 'rows'; batches: AsyncIterable<RowBatch> }
  | { kind: 'refused'; refusal: FileRefusal };

/**
 * A CSV text stream as batches of raw rows (csv-record-blocks.ts), with the header read and
 * checked first (parse-intake-file.ts's rules: a malformed or missing header refuses the file
 * before any row is read further). Memory holds one block, never the file.
 */
export async function readCsvRowStream(text: AsyncIterable<string>): Promise<CsvRowStream> {
  let header: string[] | undefined;
  const blocks = csvRecordBlocks(text, delimiterOf, () => header?.length);
  let first = await blocks.next();
  while (!first.done && first.value.records.length === 0 && first.value.malformed.length === 0)
    first = await blocks.next();
  const read = csvHeader(first.done ? [] : first.value.records, first.done ? [] : first.value.malformed);
  if (read.kind === 'refused') {
    await blocks.return(undefined);
    return read;
  }
  header = read.header;
  const names = read.header;
  const opening = first.done ? undefined : first.value;
  async function* batches(): AsyncGenerator<RowBatch> {
    if (opening) yield csvRows(names, opening.records.slice(1), opening.malformed);
    for await (const block of blocks) yield csvRows(names, block.records, block.malformed);
  }
  return { kind: 'rows', batches: batches() };
}
