import chardet from 'chardet';
import { BOMS, checkIsText, LATIN, SIGNATURES, startsWith } from './decode-intake-file';
import { decodeLatin, type LatinEncoding } from './latin-decoders';
import { UnreadableFileError } from './unreadable-file';

export interface DecodedStream {
  /** What the bytes are read as: utf-8, utf-16le, utf-16be, windows-1252 or iso-8859-15. */
  encoding: string;
  text: AsyncIterable<string>;
}

/** Bytes read before the encoding is decided: enough for chardet and for a binary file to show. */
export const SAMPLE_BYTES = 64 * 1024;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const isAscii = (bytes: Uint8Array) => {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
};

function latinOf(bytes: Uint8Array): LatinEncoding {
  const candidates = chardet.analyse(bytes).filter((match) => match.confidence > 0);
  const latin = candidates.find((match) => LATIN[match.name]);
  if (!latin)
    throw new UnreadableFileError(
      `the file's encoding is not recognised (${candidates[0]?.name ?? 'unknown'}): save it as "CSV UTF-8"`,
    );
  return LATIN[latin.name]!;
}

/**
 * The streaming twin of decodeIntakeFile: the encoding is decided on the first SAMPLE_BYTES (the
 * same rules: signatures, byte order mark, strict UTF-8, else a Latin encoding chardet
 * recognises), then every chunk is decoded as it comes. A character cut by a chunk boundary is
 * kept whole: TextDecoder's `stream` mode holds the incomplete UTF-8 or UTF-16 sequence for the
 * next chunk; the Latin encodings are one byte a character, so no boundary can cut one (decoded
 * exactly by latin-decoders.ts; iconv-lite is a devDependency, used by the tests to check them).
 * A file whose sample is pure ASCII and which turns out not to be UTF-8 later (an "é" of Excel's
 * Windows-1252 past the first 64 KB) switches to the Latin encoding chardet sees in that chunk:
 * its ASCII start reads the same in both. A file that was UTF-8 and then is not mixes two
 * encodings: an UnreadableFileError (the rows before it are stored; a fixed file re-delivered
 * adds only what is missing).
 */
export async function decodeIntakeStream(chunks: AsyncIterable<Uint8Array>): Promise<DecodedStream> {
  const source = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < SAMPLE_BYTES) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    size += next.value.length;
  }
  const sample = concat(parts);
  for (const [, reason] of SIGNATURES.filter(([prefix]) => startsWith(sample, prefix)))
    throw new UnreadableFileError(`the file is ${reason}`);

  const bom = BOMS.find(([, mark]) => startsWith(sample, mark));
  let encoding: string;
  let first: string;
  let decode: (chunk: Uint8Array, final: boolean) => string;
  if (bom) {
    encoding = bom[0];
    const decoder = new TextDecoder(encoding, { ignoreBOM: true });
    decode = (chunk, final) => decoder.decode(chunk, { stream: !final });
    first = decode(sample.subarray(bom[1].length), ended);
  } else {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    let ascii = isAscii(sample);
    let latin: LatinEncoding | undefined;
    try {
      first = utf8.decode(sample, { stream: !ended });
      encoding = 'utf-8';
    } catch {
      latin = latinOf(sample);
      encoding = latin;
      first = decodeLatin(sample, latin);
    }
    decode = (chunk, final) => {
      if (latin) return decodeLatin(chunk, latin);
      try {
        const text = utf8.decode(chunk, { stream: !final });
        ascii &&= isAscii(chunk);
        return text;
      } catch {
        if (!ascii)
          throw new UnreadableFileError(
            'the file mixes UTF-8 with another encoding: save it again as "CSV UTF-8"',
          );
        latin = latinOf(chunk);
        encoding = latin;
        return decodeLatin(chunk, latin);
      }
    };
  }
  checkIsText(first);
  async function* text(): AsyncGenerator<string> {
    if (first) yield first;
    if (ended) return;
    for (let next = await source.next(); !next.done; next = await source.next()) {
      const part = decode(next.value, false);
      if (part) yield part;
    }
    const rest = decode(new Uint8Array(0), true);
    if (rest) yield rest;
  }
  return {
    get encoding() {
      return encoding;
    },
    text: text(),
  };
}
