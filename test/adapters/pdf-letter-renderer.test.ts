import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { UnprintableCharacterError } from '../../shared/adapters/pdf/cid-font';
import { letterFonts } from '../../shared/adapters/pdf/letter-fonts';
import { PdfLetterRenderer } from '../../shared/adapters/pdf/pdf-letter-renderer';
import type { TrueTypeFont } from '../../shared/adapters/pdf/truetype';
import { formatEuros } from '../../shared/domain/money';
import type { LetterContent } from '../../shared/use-cases/ports';
import { extractPdfItems, extractPdfPages, extractPdfText, flatText } from '../support/pdf-text';
import { hasPdfTools, pdftotext, qpdfCheck } from '../support/pdf-tools';

const renderer = new PdfLetterRenderer();

/** Shaped like letterContent('formal-notice', …) builds it; amounts carry U+202F and U+00A0 as formatEuros writes them. */
function formalNotice(overrides: Partial<LetterContent> = {}): LetterContent {
  return {
    language: 'fr',
    sender: {
      name: 'Atelier Martin SAS',
      address: { line1: '3 place Bellecour', postalCode: '69002', city: 'Lyon', country: 'FR' },
      lines: ['recouvrement@martin.example', 'SIREN 123456789'],
    },
    recipient: {
      name: 'Menuiserie Dupont SARL',
      address: {
        line1: '12 rue des Lilas',
        line2: 'Bâtiment B',
        postalCode: '69003',
        city: 'Lyon',
        country: 'FR',
      },
    },
    place: 'Paris',
    date: '2026-11-23',
    reference: 'Réf. DOS-CLI-001',
    title: 'MISE EN DEMEURE',
    mention: 'Lettre recommandée avec accusé de réception',
    paragraphs: [
      'Madame, Monsieur,',
      `Par la présente, nous vous mettons en demeure de nous régler la somme de ${formatEuros(243_456)} au titre des factures détaillées ci-dessous, au plus tard le 8 décembre 2026. À défaut de paiement dans ce délai, nous engagerons sans autre avis une procédure judiciaire de recouvrement (injonction de payer).`,
    ],
    table: {
      headers: ['Facture', 'Échéance', 'Montant dû'],
      rows: [
        ['F-2026-001', '03/03/2026', formatEuros(123_456)],
        ['F-2026-017', '15/04/2026', formatEuros(120_000)],
      ],
      totals: ['Total', '', formatEuros(243_456)],
    },
    closing: [
      'Date limite de paiement : 8 décembre 2026',
      "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
      'Atelier Martin SAS',
    ],
    ...overrides,
  };
}

/** A formal notice to a Polish debtor, with names and amounts the WinAnsi fonts cannot print. */
function europeanNotice(): LetterContent {
  return formalNotice({
    sender: {
      name: "Société Générale d'Éclairage",
      address: { line1: '8 quai Saint-Vincent', postalCode: '69001', city: 'Lyon', country: 'FR' },
    },
    recipient: {
      name: 'Łukasz Żółć',
      address: {
        line1: 'ul. Dvořák 7, c/o Ştefan & Ümit',
        postalCode: '00-950',
        city: 'Warszawa',
        country: 'PL',
      },
    },
    closing: ['Veuillez agréer, Monsieur Żółć, nos salutations distinguées.', "Société Générale d'Éclairage"],
  });
}

const EUROPEAN_TEXT = [
  'Łukasz Żółć',
  'Dvořák',
  'Ştefan',
  'Ümit',
  "Société Générale d'Éclairage",
  'Monsieur Żółć',
  '€',
];

function manyInvoices(count: number): LetterContent {
  const rows = Array.from({ length: count }, (_, i) => [
    `F-2026-${String(i + 1).padStart(3, '0')}`,
    '03/03/2026',
    formatEuros(10_000 + i),
  ]);
  return formalNotice({
    table: { headers: ['Facture', 'Échéance', 'Montant dû'], rows, totals: ['Total', '', 'x'] },
  });
}

describe('PdfLetterRenderer', () => {
  it('renders a formal notice whose text a PDF reader extracts', async () => {
    // Act
    const bytes = await renderer.render(formalNotice());

    // Assess
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pages = await extractPdfPages(bytes);
    expect(pages).toHaveLength(1);
    const text = flatText(pages[0] ?? '');
    expect(text).toContain('MISE EN DEMEURE');
    expect(text).toContain('Lettre recommandée avec accusé de réception');
    expect(text).toContain('mettons en demeure de nous régler la somme de 2 434,56 €');
    expect(text).toContain('Paris, le 23 novembre 2026');
    expect(text).toContain('Réf. DOS-CLI-001');
    expect(text).toMatch(/F-2026-001 03\/03\/2026 1 234,56 €/);
    expect(text).toMatch(/F-2026-017 15\/04\/2026 1 200,00 €/);
    expect(text).toMatch(/Total 2 434,56 €/);
    expect(text).toContain('Date limite de paiement : 8 décembre 2026');
    expect(text).toContain('Menuiserie Dupont SARL 12 rue des Lilas Bâtiment B 69003 LYON');
    expect(text).toContain('SIREN 123456789');
    expect(text.endsWith('1/1')).toBe(true);
  });

  it('puts sender, recipient, mention and title where a window-envelope letter has them', async () => {
    const items = (await extractPdfItems(await renderer.render(formalNotice())))[0] ?? [];
    const find = (text: string) => {
      const item = items.find((candidate) => candidate.str === text);
      if (!item) throw new Error(`no text item "${text}"`);
      return item;
    };
    const mm = 72 / 25.4;
    const sender = find('Atelier Martin SAS');
    const recipient = find('Menuiserie Dupont SARL');
    expect(sender.x).toBeLessThan(30 * mm);
    expect(recipient.x).toBeGreaterThan(100 * mm);
    // Window of a DL envelope: roughly 45–95 mm from the top of the sheet.
    const fromTop = (y: number) => (297 * mm - y) / mm;
    expect(fromTop(recipient.y)).toBeGreaterThan(45);
    expect(fromTop(find('69003 LYON').y)).toBeLessThan(95);
    expect(find('MISE EN DEMEURE').y).toBeLessThan(find('Lettre recommandée avec accusé de réception').y);
  });

  it('draws the mention, the title and the table header in DejaVu Sans Bold, the paragraphs in DejaVu Sans', async () => {
    const fonts = await fontOfEachString(await renderer.render(formalNotice()));

    expect(fonts.get('Lettre recommandée avec accusé de réception')).toBe('DejaVuSans-Bold');
    expect(fonts.get('MISE EN DEMEURE')).toBe('DejaVuSans-Bold');
    expect(fonts.get('Montant dû')).toBe('DejaVuSans-Bold');
    expect(fonts.get('Madame, Monsieur,')).toBe('DejaVuSans');
    expect(fonts.get('F-2026-001')).toBe('DejaVuSans');
  });

  it('right-aligns the amount column, totals included, and left-aligns the others', async () => {
    const items = (await extractPdfItems(await renderer.render(formalNotice())))[0] ?? [];
    const item = (text: string) => {
      const found = items.find((candidate) => candidate.str === text);
      if (!found) throw new Error(`no text item "${text}"`);
      return found;
    };
    const amounts = ['1 234,56 €', '1 200,00 €', '2 434,56 €', 'Montant dû'].map(item);
    const rightEdges = amounts.map((a) => a.x + a.width);
    for (const edge of rightEdges) expect(edge).toBeCloseTo(rightEdges[0] ?? 0, 0);
    // Different widths, same right edge: really right-aligned, not merely equal strings.
    expect(item('2 434,56 €').width).not.toBeCloseTo(item('Montant dû').width, 0);
    expect(item('2 434,56 €').x).not.toBeCloseTo(item('Montant dû').x, 0);
    expect(item('F-2026-001').x).toBeCloseTo(item('F-2026-017').x, 1);
    expect(item('F-2026-001').x).toBeCloseTo(item('Total').x, 1);
  });

  it('gives the same bytes for the same content, and metadata dated from the letter', async () => {
    // Act
    const first = await renderer.render(formalNotice());
    const second = await new PdfLetterRenderer().render(formalNotice());
    const otherDay = await renderer.render(formalNotice({ date: '2026-11-24' }));

    // Assess
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    expect(Buffer.from(first).equals(Buffer.from(otherDay))).toBe(false);
    const doc = await PDFDocument.load(first, { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(doc.getProducer()).toBe('Recouvrement');
    expect(doc.getTitle()).toBe('MISE EN DEMEURE');
  });

  it('paginates a long letter, numbers the pages and repeats the table header', async () => {
    // Prepare
    const content = manyInvoices(70);

    // Act
    const pages = await extractPdfPages(await renderer.render(content));

    // Assess
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, index) => {
      expect(flatText(page).endsWith(`${index + 1}/${pages.length}`)).toBe(true);
    });
    const all = flatText(pages.join(' '));
    for (let i = 1; i <= 70; i++) expect(all).toContain(`F-2026-${String(i).padStart(3, '0')} 03/03/2026`);
    for (const page of pages.slice(1)) {
      expect(flatText(page).startsWith('Réf. DOS-CLI-001')).toBe(true);
    }
    expect(flatText(pages[1] ?? '')).toContain('Facture Échéance Montant dû');
    expect(flatText(pages.at(-1) ?? '')).toContain('Atelier Martin SAS');
    expect(flatText(pages.at(-1) ?? '')).toContain('Date limite de paiement : 8 décembre 2026');
  });

  it('keeps every line inside the margins, long words included', async () => {
    const longWord = `https://paiement.example/${'x'.repeat(150)}`;
    const bytes = await renderer.render(
      formalNotice({ paragraphs: [`Réglez en ligne : ${longWord} merci.`, 'lorem ipsum '.repeat(400)] }),
    );
    const pages = await extractPdfItems(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const mm = 72 / 25.4;
    for (const page of pages) {
      for (const item of page) {
        expect(item.x).toBeGreaterThanOrEqual(20 * mm - 0.5);
        expect(item.x + item.width).toBeLessThanOrEqual(190 * mm + 0.5);
        expect(item.y).toBeGreaterThan(8 * mm);
      }
    }
    expect(flatText(await extractPdfText(bytes)).replace(/ /g, '')).toContain(longWord.replace(/ /g, ''));
  });

  it('refuses text the font cannot print, naming the character, and never draws a "?"', async () => {
    await expect(renderer.render(formalNotice({ title: 'Relance 🙂' }))).rejects.toThrow(
      UnprintableCharacterError,
    );
    await expect(
      renderer.render(formalNotice({ recipient: { ...formalNotice().recipient, name: '李雷 SARL' } })),
    ).rejects.toThrow(/U\+674E has no glyph/);
  });

  it('draws typographic quotes, dashes and no-break spaces as written', async () => {
    const bytes = await renderer.render(
      formalNotice({
        title: 'Relance — l’échéance est passée',
        paragraphs: ['Œuvre « ok » : 1\u202f000,00\u00a0€ dû…'],
      }),
    );
    const text = flatText(await extractPdfText(bytes));
    expect(text).toContain('Relance — l’échéance est passée');
    expect(text).toContain('Œuvre « ok » : 1 000,00 € dû…');
    expect(text).not.toContain('?');
  });

  it('prints the names of debtors from all over Europe exactly, in every reader', async () => {
    // Prepare: names the standard PDF fonts (WinAnsi) cannot print.
    const bytes = await renderer.render(europeanNotice());

    // Assess: pdf.js
    const text = flatText(await extractPdfText(bytes));
    for (const expected of EUROPEAN_TEXT) expect(text).toContain(expected);
    expect(text).not.toContain('?');
    // Assess: the names in the recipient block, one line each, in the window of the envelope.
    const items = (await extractPdfItems(bytes))[0] ?? [];
    const recipient = items.filter((item) => item.x > 100 * (72 / 25.4) && item.str.trim() !== '');
    expect(recipient.slice(0, 4).map((item) => item.str)).toEqual([
      'Łukasz Żółć',
      'ul. Dvořák 7, c/o Ştefan & Ümit',
      '00-950 WARSZAWA',
      'POLOGNE',
    ]);
  });

  it.runIf(hasPdfTools)('prints them so pdftotext extracts them and qpdf --check passes', async () => {
    const bytes = await renderer.render(europeanNotice());

    const text = pdftotext(bytes);
    for (const expected of EUROPEAN_TEXT) expect(text).toContain(expected);
    expect(text).not.toContain('?');
    const check = qpdfCheck(bytes);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    expect(check.status).toBe(0);
  });

  it('keeps a formal notice small: the fonts are subset to the glyphs the letter uses', async () => {
    const bytes = await renderer.render(europeanNotice());

    // Two fonts of 757 KB and 706 KB; the subsets of a one-page notice weigh a few tens of KB.
    expect(bytes.length).toBeLessThan(50_000);
  });

  it('folds line breaks inside a name or an address line: never an extra line in the window', async () => {
    // Prepare: CR/LF, a lone LF and a Unicode line separator, as a CSV cell or a form may carry them.
    const bytes = await renderer.render(
      formalNotice({
        recipient: {
          name: 'Menuiserie\r\nDupont SARL',
          address: {
            line1: '12 rue des Lilas\n',
            line2: 'Bâtiment B\u2028Escalier 2',
            postalCode: '69003',
            city: 'Lyon\r',
            country: 'FR',
          },
        },
        reference: 'Réf.\nDOS-CLI-001',
      }),
    );

    // Assess
    const items = (await extractPdfItems(bytes))[0] ?? [];
    const recipient = items.filter((item) => item.x > 100 * (72 / 25.4) && item.str.trim() !== '');
    expect(recipient.slice(0, 4).map((item) => item.str.trim())).toEqual([
      'Menuiserie Dupont SARL',
      '12 rue des Lilas',
      'Bâtiment B Escalier 2',
      '69003 LYON',
    ]);
    expect(flatText(await extractPdfText(bytes))).toContain('Réf. DOS-CLI-001');
  });

  it('prints a decomposed accent (e + U+0301, as macOS writes it) with the font’s precomposed letter', async () => {
    const nfd = 'Société Générale'.normalize('NFD');
    const bytes = await renderer.render(
      formalNotice({ recipient: { ...formalNotice().recipient, name: nfd } }),
    );

    expect(flatText(await extractPdfText(bytes))).toContain('Société Générale');
  });

  it('writes an English letter with the English date and a foreign country line', async () => {
    const text = flatText(
      await extractPdfText(
        await renderer.render(
          formalNotice({
            language: 'en',
            date: '2026-12-01',
            place: 'Lyon',
            recipient: {
              name: 'Brussels Trading SA',
              address: { line1: 'Rue Neuve 1', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
            },
          }),
        ),
      ),
    );
    expect(text).toContain('Lyon, 1 December 2026');
    expect(text).toContain('1000 BRUXELLES BELGIUM');
  });

  it('writes "1er" for the first of the month in French', async () => {
    const text = flatText(await extractPdfText(await renderer.render(formalNotice({ date: '2026-12-01' }))));
    expect(text).toContain('Paris, le 1er décembre 2026');
  });

  it('renders a letter without mention nor table', async () => {
    const { table: _table, mention: _mention, ...rest } = formalNotice({ title: 'Rappel de paiement' });
    const text = flatText(await extractPdfText(await renderer.render(rest)));
    expect(text).toContain('Rappel de paiement');
    expect(text).not.toContain('recommandée');
    expect(text).not.toContain('Montant dû');
  });
});

/** Which base font draws each string of page 1, read from the page's content stream. */
async function fontOfEachString(bytes: Uint8Array): Promise<Map<string, string>> {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(0);
  const fontDict = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
  const baseFonts = new Map<string, string>();
  for (const [key, ref] of fontDict?.entries() ?? []) {
    const font = doc.context.lookup(ref, PDFDict);
    // Subset names read "ABCDEF+DejaVuSans": the tag differs per letter, the font does not.
    const name = font.lookup(PDFName.of('BaseFont'), PDFName).decodeText();
    baseFonts.set(key.decodeText(), name.replace(/^[A-Z]{6}\+/, ''));
  }
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const content = streams
    .map((stream) => {
      const raw = doc.context.lookup(stream);
      return raw instanceof PDFRawStream
        ? Buffer.from(decodePDFRawStream(raw).decode()).toString('latin1')
        : '';
    })
    .join('\n');
  const { regular, bold } = letterFonts();
  const glyphText = { DejaVuSans: characters(regular), 'DejaVuSans-Bold': characters(bold) };
  const fonts = new Map<string, string>();
  // Strings are hex glyph ids, four digits each; the font's own cmap turns them back into text.
  for (const match of content.matchAll(/\/(\S+) [\d.]+ Tf[\s\S]*?<([0-9A-F]*)> Tj/g)) {
    const baseFont = baseFonts.get(match[1] ?? '') ?? 'unknown';
    const text = (match[2]?.match(/.{4}/g) ?? [])
      .map((id) => glyphText[baseFont as keyof typeof glyphText]?.get(Number.parseInt(id, 16)) ?? '\ufffd')
      .join('');
    fonts.set(text, baseFont);
  }
  return fonts;
}

/** Glyph id → character, over the part of Unicode letters use. */
function characters(font: TrueTypeFont): Map<number, string> {
  const byGlyph = new Map<number, string>();
  for (let codePoint = 0x20; codePoint < 0x2100; codePoint++) {
    const glyph = font.glyphId(codePoint);
    if (glyph !== undefined && !byGlyph.has(glyph)) byGlyph.set(glyph, String.fromCodePoint(codePoint));
  }
  return byGlyph;
}
