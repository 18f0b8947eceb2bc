import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { UnprintableCharacterError } from '../../shared/adapters/pdf/cid-font';
import { letterFonts } from '../../shared/adapters/pdf/letter-fonts';
import { PdfDocument, textString } from '../../shared/adapters/pdf/pdf-writer';
import { PRINTABLE_RANGES } from '../../shared/domain/messages/printable';
import { extractPdfInfo, extractPdfItems, extractPdfPages } from '../support/pdf-text';
import { hasPdfTools, pdftotext, qpdfCheck } from '../support/pdf-tools';

const INFO = {
  title: 'Mise en demeure — échéance 🙂',
  author: 'Atelier Martin SAS',
  subject: 'Réf. DOS-CLI-001',
  creator: 'test',
  producer: 'Recouvrement',
  date: new Date('2026-11-23T00:00:00.000Z'),
  language: 'fr-FR',
};

const NAMES = ['Łukasz Żółć', 'Dvořák', 'Ştefan', 'Ümit', "Société Générale d'Éclairage", '12 €'];

function document(pages: string[][], bold = false): Uint8Array {
  const doc = new PdfDocument();
  const regular = doc.embedFont(letterFonts().regular);
  const boldFont = doc.embedFont(letterFonts().bold);
  for (const lines of pages) {
    const page = doc.addPage(595.28, 841.89);
    page.fillRectangle(50, 700, 200, 20, [0.92, 0.92, 0.92]);
    page.strokeLine(50, 700, 250, 700, 0.8, [0.35, 0.35, 0.35]);
    lines.forEach((line, index) => {
      const font = bold && index === 0 ? boldFont : regular;
      page.drawText(line, { x: 56, y: 780 - 14 * index, font, size: 10.5, color: [0, 0, 0] });
    });
  }
  return doc.save(INFO);
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** The decompressed streams, in object order. */
function streams(bytes: Uint8Array): string[] {
  const file = Buffer.from(bytes);
  const found: string[] = [];
  for (const match of latin1(bytes).matchAll(/<< \/Length (\d+) \/Filter \/FlateDecode[^>]*>>\nstream\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    found.push(inflateSync(file.subarray(start, start + Number(match[1]))).toString('latin1'));
  }
  return found;
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
    expect(text).toContain(`/Size ${count} /Root 1 0 R /Info 3 0 R`);
  });

  it('prints names the standard fonts cannot, and pdf.js reads them back exactly', async () => {
    // Act
    const bytes = document([[...NAMES, 'été œuvre n° 5 (art. 1344) C:\\dossiers']]);

    // Assess
    const page = (await extractPdfPages(bytes))[0] ?? '';
    for (const line of [...NAMES, 'été œuvre n° 5 (art. 1344) C:\\dossiers']) expect(page).toContain(line);
    expect(page).not.toContain('?');
  });

  it.runIf(hasPdfTools)('prints them so pdftotext extracts them exactly and qpdf finds no fault', () => {
    const bytes = document([NAMES, ['Ελένη', 'Пётр', 'Nguyễn Đức', '1\u202f234,56\u00a0€']], true);

    const text = pdftotext(bytes);
    for (const line of [...NAMES, 'Ελένη', 'Пётр', 'Nguyễn Đức']) expect(text).toContain(line);
    // Poppler turns every space-like character into a word gap: the no-break spaces come out plain.
    expect(text).toContain('1 234,56 €');
    expect(text).not.toContain('?');
    const check = qpdfCheck(bytes);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    expect(check.status).toBe(0);
  });

  it('draws text as two-byte glyph ids of an embedded Type0 font with Identity-H and ToUnicode', () => {
    // Act
    const bytes = document([['Łukasz']]);

    // Assess
    const text = latin1(bytes);
    const { regular } = letterFonts();
    const ids = [...'Łukasz'].map((c) =>
      regular.glyphId(c.codePointAt(0)!)!.toString(16).toUpperCase().padStart(4, '0'),
    );
    expect(streams(bytes)[0]).toContain(`<${ids.join('')}> Tj`);
    expect(text).toMatch(/\/Subtype \/Type0 \/BaseFont \/[A-Z]{6}\+DejaVuSans \/Encoding \/Identity-H/);
    expect(text).toMatch(/\/Subtype \/CIDFontType2 .*\/W \[.+\] \/CIDToGIDMap \/Identity/);
    expect(text).toMatch(/\/FlateDecode \/Length1 \d+ >>/);
    const cmap = streams(bytes).find((stream) => stream.includes('beginbfchar')) ?? '';
    expect(cmap).toContain(`<${ids[0]}> <0141>`); // Ł
    expect(text.match(/\/Resources << \/Font << \/F1 \d+ 0 R \/F2 \d+ 0 R >> >>/g)).toHaveLength(1);
  });

  it('refuses a character the font has no glyph for, naming it, instead of printing "?"', () => {
    expect(() => document([['Zoé 🙂']])).toThrow(UnprintableCharacterError);
    expect(() => document([['Zoé 🙂']])).toThrow(/U\+1F642/);
    expect(() => document([['李']])).toThrow(/U\+674E/);
    // Control characters never print, even where a font maps one to a blank glyph.
    expect(() => document([['Dupont\r\nSARL']])).toThrow(/U\+000D/);
  });

  it('embeds only the glyphs drawn: a page of text weighs a few kilobytes, not the 757 KB font', () => {
    const bytes = document([
      [...NAMES, 'Madame, Monsieur, nous vous mettons en demeure de régler 1 234,56 €.'],
    ]);

    expect(bytes.length).toBeLessThan(30_000);
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
    const first = document([['été'], ['€ Łukasz']]);
    const second = document([['été'], ['€ Łukasz']]);

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
    expect(latin1(bytes)).toContain(`/Lang ${textString('fr-FR')}`);
  });
});

describe('CidFont.widthOfText', () => {
  it('has the advance width fontkit reads for every printable character of both fonts', () => {
    const doc = new PdfDocument();
    for (const font of [letterFonts().regular, letterFonts().bold]) {
      const ours = doc.embedFont(font);
      const theirs = fontkit.create(font.data) as fontkit.Font;
      for (const [first, last] of PRINTABLE_RANGES) {
        for (let codePoint = first; codePoint <= last; codePoint++) {
          const expected = (theirs.glyphForCodePoint(codePoint).advanceWidth * 1000) / theirs.unitsPerEm;
          expect(ours.widthOfText(String.fromCodePoint(codePoint), 1000)).toBe(Math.round(expected));
        }
      }
    }
  });

  it('measures text as wide as a reader draws it (the /W array and the layout agree)', async () => {
    // Prepare
    const doc = new PdfDocument();
    const font = doc.embedFont(letterFonts().regular);
    const page = doc.addPage(595.28, 841.89);
    const line = 'Łukasz Żółć, Dvořák & Ştefan — 1 234,56 €';
    page.drawText(line, { x: 56, y: 780, font, size: 10.5, color: [0, 0, 0] });

    // Act
    const items = (await extractPdfItems(doc.save(INFO)))[0] ?? [];

    // Assess
    expect(items.map((item) => item.str).join('')).toBe(line);
    const drawn = items.reduce((sum, item) => sum + item.width, 0);
    expect(drawn).toBeCloseTo(font.widthOfText(line, 10.5), 1);
  });
});
