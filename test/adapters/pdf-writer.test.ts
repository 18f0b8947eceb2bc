import { inflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  HELVETICA,
  HELVETICA_BOLD,
  literalString,
  PdfDocument,
  textString,
  widthOfText,
} from '../../shared/adapters/pdf/pdf-writer';
import { extractPdfInfo, extractPdfPages } from '../support/pdf-text';

const INFO = {
  title: 'Mise en demeure — échéance 🙂',
  author: 'Atelier Martin SAS',
  subject: 'Réf. DOS-CLI-001',
  creator: 'test',
  producer: 'Recouvrement',
  date: new Date('2026-11-23T00:00:00.000Z'),
  language: 'fr-FR',
};

function document(pages: string[][]): Uint8Array {
  const doc = new PdfDocument();
  for (const lines of pages) {
    const page = doc.addPage(595.28, 841.89);
    page.fillRectangle(50, 700, 200, 20, [0.92, 0.92, 0.92]);
    page.strokeLine(50, 700, 250, 700, 0.8, [0.35, 0.35, 0.35]);
    lines.forEach((line, index) => {
      page.drawText(line, { x: 56, y: 780 - 14 * index, font: HELVETICA, size: 10.5, color: [0, 0, 0] });
    });
  }
  return doc.save(INFO);
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** The decompressed content streams, in object order. */
function contentStreams(bytes: Uint8Array): string[] {
  const file = Buffer.from(bytes);
  const streams: string[] = [];
  for (const match of latin1(bytes).matchAll(/<< \/Length (\d+) \/Filter \/FlateDecode >>\nstream\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    streams.push(inflateSync(file.subarray(start, start + Number(match[1]))).toString('latin1'));
  }
  return streams;
}

describe('PdfDocument', () => {
  it('writes a header, an xref table whose every entry points at its object, and a trailer', () => {
    // Act
    const bytes = document([['Bonjour']]);

    // Assess
    const text = latin1(bytes);
    expect(text.startsWith('%PDF-1.7\n%')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
    expect(Number(first)).toBe(0);
    const entries = text
      .slice(startxref)
      .split('\n')
      .slice(2, 2 + Number(count));
    expect(entries[0]).toBe('0000000000 65535 f ');
    entries.slice(1).forEach((entry, index) => {
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
    });
    expect(text).toContain(`/Size ${count} /Root 1 0 R /Info 5 0 R`);
  });

  it('encodes text in WinAnsi bytes, not UTF-8, and a PDF reader reads é, €, œ and ° back', async () => {
    // Act
    const bytes = document([['été 12 € œuvre n° 5']]);

    // Assess
    const [content] = contentStreams(bytes);
    expect(content).toContain('(\xe9t\xe9 12 \x80 \x9cuvre n\xb0 5) Tj');
    expect((await extractPdfPages(bytes))[0]?.trim()).toBe('été 12 € œuvre n° 5');
  });

  it('escapes parentheses and backslashes in literal strings', async () => {
    expect(literalString('a(b)c\\d')).toBe('(a\\(b\\)c\\\\d)');
    expect(literalString('中 🙂')).toBe('(? ?)');

    const bytes = document([['(art. 1344) C:\\dossiers ((x))']]);

    expect(contentStreams(bytes)[0]).toContain('(\\(art. 1344\\) C:\\\\dossiers \\(\\(x\\)\\)) Tj');
    expect((await extractPdfPages(bytes))[0]?.trim()).toBe('(art. 1344) C:\\dossiers ((x))');
  });

  it('names each font once per page, F1 Helvetica and F2 Helvetica-Bold, in WinAnsiEncoding', () => {
    const text = latin1(document([['a'], ['b']]));

    expect(text.match(/\/Resources << \/Font << \/F1 3 0 R \/F2 4 0 R >> >>/g)).toHaveLength(2);
    expect(text).toContain(
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    );
    expect(text).toContain(
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    );
  });

  it('writes several pages in order', async () => {
    // Act
    const bytes = document([['page un'], ['page deux', 'suite'], ['page trois']]);

    // Assess
    expect(latin1(bytes)).toContain('/Count 3');
    const pages = await extractPdfPages(bytes);
    expect(pages.map((page) => page.replace(/\s+/g, ' ').trim())).toEqual([
      'page un',
      'page deux suite',
      'page trois',
    ]);
  });

  it('gives the same bytes for the same calls', () => {
    const first = document([['été'], ['€']]);
    const second = document([['été'], ['€']]);

    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('writes the Info dictionary in UTF-16BE text strings and dates the document', async () => {
    // Act
    const bytes = document([['x']]);

    // Assess
    expect(textString('é€')).toBe('<FEFF00E920AC>');
    expect(textString('🙂')).toBe('<FEFFD83DDE42>');
    const info = await extractPdfInfo(bytes);
    expect(info['Title']).toBe(INFO.title);
    expect(info['Subject']).toBe('Réf. DOS-CLI-001');
    expect(info['Producer']).toBe('Recouvrement');
    expect(info['CreationDate']).toBe('D:20261123000000Z');
    expect(info['ModDate']).toBe('D:20261123000000Z');
    const loaded = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(loaded.getCreationDate()?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(latin1(bytes)).toContain('/Lang (fr-FR)');
  });
});

describe('widthOfText', () => {
  it('has the AFM advance width of every WinAnsi character of both fonts', async () => {
    // pdf-lib measures with the same AFM data; one character at a time leaves kerning out.
    const doc = await PDFDocument.create();
    for (const [ours, theirs] of [
      [HELVETICA, await doc.embedFont(StandardFonts.Helvetica)],
      [HELVETICA_BOLD, await doc.embedFont(StandardFonts.HelveticaBold)],
    ] as const) {
      const chars = theirs.getCharacterSet().map((codePoint) => String.fromCodePoint(codePoint));
      expect(chars).toHaveLength(218);
      for (const char of chars)
        expect(widthOfText(char, ours, 1000)).toBe(theirs.widthOfTextAtSize(char, 1000));
    }
  });

  it('sums the widths at the size, counting what WinAnsi lacks as "?"', () => {
    expect(widthOfText('AV', HELVETICA, 10)).toBeCloseTo(13.34, 10);
    expect(widthOfText('中', HELVETICA_BOLD, 10)).toBe(widthOfText('?', HELVETICA_BOLD, 10));
  });
});
