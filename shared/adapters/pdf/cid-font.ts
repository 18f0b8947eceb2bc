import { createHash } from 'node:crypto';
import { RecouvrementError } from '../../domain/errors';
import type { TrueTypeFont } from './truetype';
import { subsetFont } from './truetype-subset';

/**
 * A character the letter font has no glyph for. A formal notice is evidence: a name prints
 * exactly or the letter is not made (intake refuses such text first, domain/messages/printable.ts).
 * The message names the character only, never the text around it (personal data).
 */
export class UnprintableCharacterError extends RecouvrementError {
  constructor(
    readonly character: string,
    fontName: string,
  ) {
    super(`${codePointLabel(character)} has no glyph in the letter font ${fontName}`);
  }
}

function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A PDF stream body before compression, with the dictionary entries it needs beyond /Length. */
export interface StreamObject {
  readonly entries: string;
  readonly data: Buffer;
}

/** The five objects of one embedded font, numbered from `first` (the Type0 font pages name). */
export interface FontObjects {
  readonly first: number;
  readonly objects: (string | StreamObject)[];
}

/** ToUnicode CMap: entries per bfchar block, at most 100 by the CMap syntax. */
const BFCHAR_BLOCK = 100;
const hex4 = (value: number) => value.toString(16).toUpperCase().padStart(4, '0');

/**
 * One TrueType font as one PDF document uses it: a Type0 font with Identity-H encoding whose
 * two-byte codes are glyph ids (CIDs, /CIDToGIDMap /Identity), the widths of the glyphs used
 * (/W), a subset of the font program, and a ToUnicode CMap so readers extract the exact text.
 */
export class CidFont {
  /** Glyph id → the character it was drawn for (ToUnicode). */
  private readonly used = new Map<number, string>();

  constructor(
    /** Its name in every page's /Resources /Font. */
    readonly key: string,
    readonly font: TrueTypeFont,
  ) {}

  /** Advance width of a glyph per 1000 em, rounded as /W writes it: layout and readers agree. */
  private glyphWidth(glyph: number): number {
    return Math.round((this.font.advanceWidth(glyph) * 1000) / this.font.unitsPerEm);
  }

  private glyph(char: string): number {
    const codePoint = char.codePointAt(0)!;
    // Control characters never print (a font may map CR to a blank glyph): layout folds them before.
    const control = codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0);
    const glyph = control ? undefined : this.font.glyphId(codePoint);
    if (glyph === undefined) throw new UnprintableCharacterError(char, this.font.postScriptName);
    return glyph;
  }

  /** Width in points as drawn: the sum of the advance widths (no kerning) × size / 1000. */
  widthOfText(text: string, size: number): number {
    let units = 0;
    for (const char of text) units += this.glyphWidth(this.glyph(char));
    return (units * size) / 1000;
  }

  /** The text as a hex string of glyph ids for Tj; records the glyphs for the subset and ToUnicode. */
  showText(text: string): string {
    let hex = '<';
    for (const char of text) {
      const glyph = this.glyph(char);
      if (!this.used.has(glyph)) this.used.set(glyph, char);
      hex += hex4(glyph);
    }
    return `${hex}>`;
  }

  /** Type0 font, CIDFontType2, descriptor, subset font program and ToUnicode, at `first` to `first + 4`. */
  objects(first: number): FontObjects {
    const glyphs = [...this.used.keys()].sort((a, b) => a - b);
    const name = `${subsetTag(glyphs)}+${this.font.postScriptName}`;
    const font = this.font;
    const scale = (units: number) => Math.round((units * 1000) / font.unitsPerEm);
    const program = subsetFont(font, glyphs);
    return {
      first,
      objects: [
        `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H ` +
          `/DescendantFonts [${first + 1} 0 R] /ToUnicode ${first + 4} 0 R >>`,
        `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} ` +
          '/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ' +
          `/FontDescriptor ${first + 2} 0 R /DW 1000 /W [${this.widthArray(glyphs)}] /CIDToGIDMap /Identity >>`,
        // Flags 4: symbolic, as a font addressed by glyph ids is (no standard encoding applies).
        `<< /Type /FontDescriptor /FontName /${name} /Flags 4 ` +
          `/FontBBox [${font.bbox.map(scale).join(' ')}] /ItalicAngle ${font.italicAngle} ` +
          `/Ascent ${scale(font.ascender)} /Descent ${scale(font.descender)} /CapHeight ${scale(font.capHeight)} ` +
          `/StemV 80 /FontFile2 ${first + 3} 0 R >>`,
        { entries: `/Length1 ${program.length}`, data: program },
        { entries: '', data: Buffer.from(this.toUnicode(glyphs), 'latin1') },
      ],
    };
  }

  /** /W as runs of consecutive glyph ids: `first [w1 w2 …]`. */
  private widthArray(glyphs: number[]): string {
    const runs: string[] = [];
    let start = -1;
    let widths: number[] = [];
    const flush = () => {
      if (widths.length > 0) runs.push(`${start} [${widths.join(' ')}]`);
    };
    glyphs.forEach((glyph, index) => {
      if (index === 0 || glyph !== (glyphs[index - 1] ?? 0) + 1) {
        flush();
        start = glyph;
        widths = [];
      }
      widths.push(this.glyphWidth(glyph));
    });
    flush();
    return runs.join(' ');
  }

  private toUnicode(glyphs: number[]): string {
    const lines = [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
    ];
    for (let i = 0; i < glyphs.length; i += BFCHAR_BLOCK) {
      const block = glyphs.slice(i, i + BFCHAR_BLOCK);
      lines.push(`${block.length} beginbfchar`);
      for (const glyph of block) lines.push(`<${hex4(glyph)}> <${utf16Hex(this.used.get(glyph)!)}>`);
      lines.push('endbfchar');
    }
    lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
    return `${lines.join('\n')}\n`;
  }
}

/** UTF-16BE code units in hex: a character beyond the BMP is a surrogate pair. */
function utf16Hex(char: string): string {
  let hex = '';
  for (let i = 0; i < char.length; i++) hex += hex4(char.charCodeAt(i));
  return hex;
}

/**
 * Six capital letters before a subset's name (PDF 32000 §9.6.4). Derived from the glyphs
 * kept, not drawn at random, so the same letter gives the same bytes.
 */
function subsetTag(glyphs: number[]): string {
  const digest = createHash('sha256').update(glyphs.join(',')).digest();
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}
