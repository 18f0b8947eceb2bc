/**
 * The two single-byte encodings French spreadsheets save in, decoded exactly. Node 20's
 * TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80–0x9F become C1 control characters:
 * "’", "œ" and "€" lost), and iconv-lite's tables would add 480 KB to the intake and api bundles,
 * so the mappings are here: both encodings are ISO-8859-1 (byte = code point) except where listed.
 * Source: the WHATWG Encoding Standard's index-windows-1252, and ISO/IEC 8859-15 §6.
 * test/use-cases/intake/latin-decoders.test.ts checks every byte against iconv-lite.
 */

/** 0x80–0x9F in Windows-1252; 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned (kept as C1, then refused as control characters). */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

/** The eight positions where ISO-8859-15 differs from ISO-8859-1 (it adds €, Š, š, Ž, ž, Œ, œ, Ÿ). */
const ISO_8859_15_CHANGES: Record<number, number> = {
  164: 0x20ac,
  166: 0x0160,
  168: 0x0161,
  180: 0x017d,
  184: 0x017e,
  188: 0x0152,
  189: 0x0153,
  190: 0x0178,
};

function table(change: (byte: number) => number): string[] {
  return Array.from({ length: 256 }, (_, byte) => String.fromCharCode(change(byte)));
}

const TABLES: Record<LatinEncoding, string[]> = {
  'windows-1252': table((b) => (b >= 0x80 && b <= 0x9f ? (WINDOWS_1252_HIGH[b - 0x80] as number) : b)),
  'iso-8859-15': table((b) => ISO_8859_15_CHANGES[b] ?? b),
};

export type LatinEncoding = 'windows-1252' | 'iso-8859-15';

export function decodeLatin(bytes: Uint8Array, encoding: LatinEncoding): string {
  const chars = TABLES[encoding];
  let text = '';
  // Chunks keep the string building linear on 100,000-row files.
  for (let start = 0; start < bytes.length; start += 8192) {
    const end = Math.min(bytes.length, start + 8192);
    const part: string[] = new Array(end - start);
    for (let i = start; i < end; i++) part[i - start] = chars[bytes[i] as number] as string;
    text += part.join('');
  }
  return text;
}
