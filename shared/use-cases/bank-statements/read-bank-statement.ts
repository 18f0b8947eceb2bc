import type { ReadStatement } from '../../domain/bank-statement';
import type { LocalDate } from '../../domain/calendar';
import { decodeIntakeFile } from '../intake/decode-intake-file';
import { UnreadableFileError } from '../intake/unreadable-file';
import { MAX_STATEMENT_BYTES, readCamt053 } from './read-camt053';
import { readStatementCsv } from './read-statement-csv';

/**
 * A statement's bytes → its lines, the format told by the content, not the name: XML (its first
 * character `<`) is read as camt.053, anything else as the CSV. The bytes are decoded as the
 * intake decodes invoice files (UTF-8 or a BOM, else Windows-1252 as French Excel saves).
 * Throws UnreadableFileError with what to fix when the file cannot be read at all.
 */
export function readBankStatement(bytes: Uint8Array, today: LocalDate): ReadStatement {
  if (bytes.byteLength > MAX_STATEMENT_BYTES)
    throw new UnreadableFileError(`the statement exceeds ${MAX_STATEMENT_BYTES} bytes: split it by day`);
  const { text } = decodeIntakeFile(bytes);
  return text.trimStart().startsWith('<') ? readCamt053(text) : readStatementCsv(text, today);
}
