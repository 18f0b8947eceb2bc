import { deflateSync } from 'node:zlib';
import { CidFont, type StreamObject } from './cid-font';
import type { TrueTypeFont } from './truetype';

/**
 * The little of PDF the letters need, written by hand instead of through pdf-lib (whose
 * fonts, pako and core-js made up 60 % of the escalation Lambda's bundle): pages of text,
 * filled rectangles and lines, embedded TrueType fonts (cid-font.ts: the standard fonts
 * are WinAnsi only and cannot print Łukasz or Dvořák), an Info dictionary and a classic xref
 * table. Fixed object numbers and no clock or random ID: the same calls give the same bytes.
 */

/** DeviceRGB components, 0–1. */
export type Rgb = readonly [number, number, number];

/** A PDF text string for the Info dictionary and /Lang: UTF-16BE with its byte order mark, in hex, so any Unicode survives. */
export function textString(text: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `${hex}>`;
}

/** PDF date of an instant, in UTC: D:YYYYMMDDHHmmssZ. */
export function pdfDate(instant: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `D:${instant.getUTCFullYear()}${two(instant.getUTCMonth() + 1)}${two(instant.getUTCDate())}${two(
    instant.getUTCHours(),
  )}${two(instant.getUTCMinutes())}${two(instant.getUTCSeconds())}Z`;
}

/** Four decimals are far below a printer's dot; rounding also keeps the bytes independent of float noise. */
function num(value: number): string {
  const rounded = Math.round(value * 10_000) / 10_000;
  return rounded === 0 ? '0' : String(rounded);
}

function colour(rgb: Rgb, operator: 'rg' | 'RG'): string {
  return `${num(rgb[0])} ${num(rgb[1])} ${num(rgb[2])} ${operator}`;
}

export interface TextOptions {
  x: number;
  /** Baseline. */
  y: number;
  font: CidFont;
  size: number;
  color: Rgb;
}

/** One page and its content stream, in PDF points from the bottom-left corner. */
export class PdfPage {
  private readonly operators: string[] = [];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  drawText(text: string, { x, y, font, size, color }: TextOptions): void {
    this.operators.push(
      `BT\n/${font.key} ${num(size)} Tf\n${colour(color, 'rg')}\n1 0 0 1 ${num(x)} ${num(y)} Tm\n${font.showText(text)} Tj\nET`,
    );
  }

  fillRectangle(x: number, y: number, width: number, height: number, color: Rgb): void {
    this.operators.push(`${colour(color, 'rg')}\n${num(x)} ${num(y)} ${num(width)} ${num(height)} re\nf`);
  }

  strokeLine(x1: number, y1: number, x2: number, y2: number, thickness: number, color: Rgb): void {
    this.operators.push(
      `${colour(color, 'RG')}\n${num(thickness)} w\n${num(x1)} ${num(y1)} m\n${num(x2)} ${num(y2)} l\nS`,
    );
  }

  /** The content stream's bytes: text is drawn as hex glyph ids, so the stream is ASCII. */
  content(): Buffer {
    return Buffer.from(`${this.operators.join('\n')}\n`, 'latin1');
  }
}

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  creator: string;
  producer: string;
  /** CreationDate and ModDate. */
  date: Date;
  /** BCP 47, the Catalog's /Lang. */
  language: string;
}

/** Fixed object numbers: pages and their content streams follow from 4 on, two per page, then five per font. */
const CATALOG = 1;
const PAGES = 2;
const INFO = 3;
const pageObject = (index: number) => 4 + 2 * index;

type PdfObject = string | StreamObject;

export class PdfDocument {
  readonly pages: PdfPage[] = [];
  private readonly fonts: CidFont[] = [];

  addPage(width: number, height: number): PdfPage {
    const page = new PdfPage(width, height);
    this.pages.push(page);
    return page;
  }

  /** The font for drawing on this document's pages; only the glyphs drawn end up in the file. */
  embedFont(font: TrueTypeFont): CidFont {
    const embedded = new CidFont(`F${this.fonts.length + 1}`, font);
    this.fonts.push(embedded);
    return embedded;
  }

  save(info: DocumentInfo): Uint8Array {
    // Pages first: drawing them is what tells each font which glyphs it must carry.
    const contents = this.pages.map((page) => page.content());
    const fonts = this.fonts.map((font, index) => font.objects(pageObject(this.pages.length) + 5 * index));
    const fontDict = fonts.map(({ first }, index) => `/${this.fonts[index]?.key} ${first} 0 R`).join(' ');
    const objects: PdfObject[] = [
      `<< /Type /Catalog /Pages ${PAGES} 0 R /Lang ${textString(info.language)} >>`,
      `<< /Type /Pages /Kids [${this.pages.map((_, i) => `${pageObject(i)} 0 R`).join(' ')}] /Count ${this.pages.length} >>`,
      [
        `<< /Title ${textString(info.title)}`,
        `/Author ${textString(info.author)}`,
        `/Subject ${textString(info.subject)}`,
        `/Creator ${textString(info.creator)}`,
        `/Producer ${textString(info.producer)}`,
        `/CreationDate (${pdfDate(info.date)})`,
        `/ModDate (${pdfDate(info.date)}) >>`,
      ].join('\n'),
    ];
    this.pages.forEach((page, index) => {
      objects.push(
        `<< /Type /Page /Parent ${PAGES} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] ` +
          `/Resources << /Font << ${fontDict} >> >> /Contents ${pageObject(index) + 1} 0 R >>`,
      );
      objects.push({ entries: '', data: contents[index]! });
    });
    for (const font of fonts) objects.push(...font.objects);
    return serialise(objects);
  }
}

/** Header, numbered objects (streams Flate-compressed), xref table with each object's byte offset, trailer. */
function serialise(objects: PdfObject[]): Uint8Array {
  // The comment of bytes above 127 tells transfer tools the file is binary.
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  const write = (chunk: string | Buffer) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    chunks.push(buffer);
    length += buffer.length;
  };
  objects.forEach((object, index) => {
    offsets.push(length);
    write(`${index + 1} 0 obj\n`);
    if (typeof object === 'string') write(object);
    else {
      const data = deflateSync(object.data);
      const entries = object.entries === '' ? '' : ` ${object.entries}`;
      write(`<< /Length ${data.length} /Filter /FlateDecode${entries} >>\nstream\n`);
      write(data);
      write('\nendstream');
    }
    write('\nendobj\n');
  });
  const xref = length;
  // Each entry is exactly 20 bytes: ten-digit offset, five-digit generation, type, space and LF.
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  write(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`);
  write(
    `trailer\n<< /Size ${objects.length + 1} /Root ${CATALOG} 0 R /Info ${INFO} 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
  );
  return new Uint8Array(Buffer.concat(chunks));
}
