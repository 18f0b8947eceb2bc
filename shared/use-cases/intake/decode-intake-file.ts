import chardet from 'chardet';
import { countControls, TEXT_LAYOUT } from './control-characters';
import { decodeLatin, type LatinEncoding } from './latin-decoders';
import { UnreadableFileError } from './unreadable-file';

export interface DecodedFile {
  text: string;
  /** What the bytes were read as: utf-8, utf-16le, utf-16be, windows-1252 or iso-8859-15. */
  encoding: string;
}

/** Byte order marks, longest first (a UTF-32 LE mark starts like UTF-16 LE's, but is not accepted). */
export const BOMS: readonly (readonly [string, readonly number[]])[] = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

/** Files people drop by mistake, recognised by their first bytes, with what to do instead. */
export const SIGNATURES: readonly (readonly [readonly number[], string])[] = [
  [[0x50, 0x4b, 0x03, 0x04], 'an Excel or OpenDocument workbook (zip): save it as CSV'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel workbook (.xls): save it as CSV'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document, not a CSV or JSON file'],
  [[0x1f, 0x8b], 'a gzip archive: drop the file uncompressed'],
];

/**
 * Share of control characters (other than tab and line breaks) above which a file is binary
 * rather than text with a stray byte; below it, the rows holding them are rejected one by one.
 */
const MAX_CONTROL_SHARE = 0.01;

export const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

/** Single-byte encodings a French spreadsheet writes, as chardet names them → how to decode. */
export const LATIN: Record<string, LatinEncoding> = {
  'windows-1252': 'windows-1252',
  // Excel writes Windows-1252, a superset of ISO-8859-1's printable range (it adds €, œ, ’ at 0x80–0x9F).
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-15': 'iso-8859-15',
};

/**
 * Reads the bytes of an intake file as text, never blindly: a byte order mark decides (UTF-8,
 * UTF-16 LE/BE); else a strict UTF-8 decode (ASCII included); else chardet must recognise a
 * Latin single-byte encoding (what French Excel saves: Windows-1252, no-break space 0xA0),
 * decoded exactly (latin-decoders.ts; UTF-16 by the runtime's TextDecoder). Anything else is an UnreadableFileError: better no row than
 * "Soci?t? G?n?rale" on a formal notice.
 */
export function decodeIntakeFile(bytes: Uint8Array): DecodedFile {
  for (const [, reason] of SIGNATURES.filter(([prefix]) => startsWith(bytes, prefix)))
    throw new UnreadableFileError(`the file is ${reason}`);
  const decoded = decodeBytes(bytes);
  checkIsText(decoded.text);
  return decoded;
}

function decodeBytes(bytes: Uint8Array): DecodedFile {
  for (const [encoding, bom] of BOMS) {
    if (!startsWith(bytes, bom)) continue;
    return {
      text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom.length)),
      encoding,
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: the candidates chardet ranks, the first Latin one it finds plausible.
  }
  const candidates = chardet.analyse(bytes).filter((match) => match.confidence > 0);
  const latin = candidates.find((match) => LATIN[match.name]);
  if (!latin)
    throw new UnreadableFileError(
      `the file's encoding is not recognised (${candidates[0]?.name ?? 'unknown'}): save it as "CSV UTF-8"`,
    );
  const encoding = LATIN[latin.name]!;
  return { text: decodeLatin(bytes, encoding), encoding };
}

export function checkIsText(text: string): void {
  const controls = countControls(text, TEXT_LAYOUT);
  if (controls > Math.max(2, text.length * MAX_CONTROL_SHARE))
    throw new UnreadableFileError('the file holds binary data, not text: drop a CSV or JSON file');
}
