import type { CidFont } from './cid-font';
import type { PdfDocument, PdfPage, Rgb } from './pdf-writer';

/**
 * Layout primitives of the letter PDF: units, drawable text, word wrap, and a
 * flow that moves down the page and opens a new one when the next block does not fit.
 */

export const MM = 72 / 25.4;
/** A4 in points. */
export const PAGE = { width: 210 * MM, height: 297 * MM };
export const MARGIN = { left: 20 * MM, right: 20 * MM, top: 20 * MM, bottom: 22 * MM };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const GREY: Rgb = [0.35, 0.35, 0.35];
export const LIGHT: Rgb = [0.92, 0.92, 0.92];
export const BLACK: Rgb = [0, 0, 0];

export interface Fonts {
  regular: CidFont;
  bold: CidFont;
}

/** Line breaks of every kind a file or a form can carry (CR, LF, VT, FF, NEL, U+2028/2029). */
const LINE_BREAKS = /[\r\n\v\f\u0085\u2028\u2029]/gu;

/**
 * A field that is one line on paper (a name, an address line, a reference, a table cell):
 * line breaks inside it fold into one space, so a "Dupont\r\nSARL" from a file can never
 * add a line to the recipient block under the window of the envelope.
 */
export function singleLine(text: string): string {
  return text.replace(/[ \t]*[\r\n\v\f\u0085\u2028\u2029]+[ \t]*/gu, ' ');
}

/**
 * Text as drawn: NFC, as intake checks it (domain/messages/printable.ts), so a decomposed "é"
 * from a macOS file uses the font's "é"; tabs and stray line breaks become spaces. Everything
 * else is drawn as written, no-break spaces included; a character without a glyph makes the
 * font throw (UnprintableCharacterError), never a '?'.
 */
export function drawable(text: string): string {
  return text.normalize('NFC').replace(/\t/g, ' ').replace(LINE_BREAKS, ' ');
}

/** Splits one word wider than the line into pieces that fit (long references, URLs). */
function breakWord(word: string, font: CidFont, size: number, maxWidth: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && font.widthOfText(piece + char, size) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Word wrap; hard line breaks ('\n') are kept. Lines break at plain spaces only: a no-break
 * space keeps "1 234,56 €" and "n° 12" on one line.
 */
export function wrapText(text: string, font: CidFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const hardLine of text.split(/\r?\n/)) {
    let line = '';
    for (const word of drawable(hardLine)
      .split(' ')
      .filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfText(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      const pieces = breakWord(word, font, size, maxWidth);
      line = pieces.pop() ?? '';
      lines.push(...pieces);
    }
    lines.push(line);
  }
  return lines;
}

export type Align = 'left' | 'right' | 'center';

/** One line of text; `x` is its left edge, right edge or centre depending on `align`. */
export function drawLine(
  page: PdfPage,
  text: string,
  x: number,
  y: number,
  style: TextStyle & { font: CidFont },
  align: Align = 'left',
): void {
  const size = style.size ?? 10.5;
  const safe = drawable(text);
  const width = style.font.widthOfText(safe, size);
  const left = align === 'right' ? x - width : align === 'center' ? x - width / 2 : x;
  page.drawText(safe, { x: left, y, font: style.font, size, color: style.color ?? BLACK });
}

export interface TextStyle {
  font?: CidFont;
  size?: number;
  color?: Rgb;
}

/**
 * The current page and the baseline cursor on it. `ensure(height)` opens a new
 * page when a block of that height would run into the bottom margin.
 */
export class PageFlow {
  page: PdfPage;
  y: number;
  readonly pages: PdfPage[] = [];

  constructor(
    private readonly doc: PdfDocument,
    readonly fonts: Fonts,
    private readonly onNewPage: (flow: PageFlow) => void = () => {},
  ) {
    this.page = this.addPage();
    this.y = PAGE.height - MARGIN.top;
  }

  private addPage(): PdfPage {
    const page = this.doc.addPage(PAGE.width, PAGE.height);
    this.pages.push(page);
    return page;
  }

  newPage(): void {
    this.page = this.addPage();
    this.y = PAGE.height - MARGIN.top;
    this.onNewPage(this);
  }

  /** True when it had to open a new page. Blocks taller than a page are let through to break inside. */
  ensure(height: number): boolean {
    const usable = PAGE.height - MARGIN.top - MARGIN.bottom;
    if (this.y - height >= MARGIN.bottom || height > usable) return false;
    this.newPage();
    return true;
  }

  /** Draws one line at `x` on the current baseline (right-aligned at `x` when `align` is 'right'). */
  draw(text: string, x: number, style: TextStyle = {}, align: Align = 'left'): void {
    this.drawAt(text, x, this.y, style, align);
  }

  drawAt(text: string, x: number, y: number, style: TextStyle = {}, align: Align = 'left'): void {
    drawLine(this.page, text, x, y, { font: style.font ?? this.fonts.regular, ...style }, align);
  }

  /** Wrapped paragraph from the left margin (or `x`), breaking pages between lines. */
  paragraph(text: string, style: TextStyle = {}, leading = 14, x = MARGIN.left, width = CONTENT_WIDTH): void {
    const font = style.font ?? this.fonts.regular;
    const size = style.size ?? 10.5;
    for (const line of wrapText(text, font, size, width)) {
      this.ensure(leading);
      this.y -= leading;
      this.draw(line, x, { ...style, font, size });
    }
  }

  space(points: number): void {
    this.y -= points;
  }
}
