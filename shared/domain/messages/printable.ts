/**
 * What a letter can print. Letters embed DejaVu Sans (shared/adapters/pdf); a formal notice is
 * legal evidence, so a name or address must print exactly or be refused at intake, never
 * printed with a substitute. This list is kept pure (no font file here): a test reads the
 * embedded font and proves every code point accepted below has a glyph in it.
 */

/** Inclusive code point ranges, each fully covered by the embedded font (holes left out). */
export const PRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e], // Basic Latin without controls (no CR, LF, tab, DEL)
  [0x00a0, 0x00ff], // Latin-1 Supplement without C1 controls, NBSP included
  [0x0100, 0x017f], // Latin Extended-A: Ł, ő, ş, ž...
  [0x0180, 0x024f], // Latin Extended-B: ș, ț (Romanian comma below)...
  [0x0370, 0x0377], // Greek and Coptic, unassigned holes skipped
  [0x037a, 0x037f],
  [0x0384, 0x038a],
  [0x038c, 0x038c],
  [0x038e, 0x03a1],
  [0x03a3, 0x03ff],
  [0x0400, 0x04ff], // Cyrillic
  [0x1e00, 0x1efb], // Latin Extended Additional (Vietnamese); U+1EFC-1EFF have no glyph
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis (U+2028/2029 are line breaks)
  [0x202f, 0x202f], // narrow no-break space (French "12 €" typography)
  [0x2030, 0x205e], // per mille, primes, guillemets ‹ ›...
  [0x20ac, 0x20ac], // euro sign
];

function isPrintable(codePoint: number): boolean {
  for (const [first, last] of PRINTABLE_RANGES) {
    if (codePoint >= first && codePoint <= last) return true;
  }
  return false;
}

/**
 * The first character of `text` that a letter cannot print, else undefined. Text is looked at
 * in NFC form, as the renderer prints it: a decomposed "é" (e + combining accent, as macOS
 * files write it) is printable; a combining mark with no precomposed form is not.
 */
export function firstUnprintable(text: string): string | undefined {
  for (const char of text.normalize('NFC')) {
    if (!isPrintable(char.codePointAt(0)!)) return char;
  }
  return undefined;
}
