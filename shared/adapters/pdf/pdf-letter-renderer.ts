import { longDate } from '../../domain/messages/format';
import type { PostalAddress } from '../../domain/parties';
import type { LetterContent, LetterRenderer } from '../../use-cases/ports';
import type { CidFont } from './cid-font';
import {
  CONTENT_WIDTH,
  drawable,
  drawLine,
  GREY,
  LIGHT,
  MARGIN,
  MM,
  PAGE,
  PageFlow,
  singleLine,
  wrapText,
} from './layout';
import { letterFonts } from './letter-fonts';
import { PdfDocument } from './pdf-writer';

/** Fixed metadata: the same content gives the same bytes, so a retried step stores an identical PDF. */
const PRODUCER = 'Recouvrement';
const CREATOR = 'Recouvrement letter renderer';

/**
 * Window envelope (DL, window on the right): the recipient block starts 110 mm from the
 * left edge and 50 mm from the top, so it shows through the window once the A4 is folded in three.
 */
const RECIPIENT = { x: 110 * MM, top: 50 * MM, width: 80 * MM };
const BODY_TOP = 100 * MM;
const TEXT = 10.5;
const LEADING = 14;
const CELL_PAD = 4;

type Table = NonNullable<LetterContent['table']>;

/**
 * LetterRenderer with our own small PDF writer and DejaVu Sans embedded (subset to the glyphs
 * used): a French business letter on A4, paginated "1/2" when it runs long. Names print
 * exactly or the letter is refused (UnprintableCharacterError), never with a '?'.
 */
export class PdfLetterRenderer implements LetterRenderer {
  async render(letter: LetterContent): Promise<Uint8Array> {
    const content = oneLineFields(letter);
    const doc = new PdfDocument();
    const { regular, bold } = letterFonts();
    const fonts = { regular: doc.embedFont(regular), bold: doc.embedFont(bold) };
    const flow = new PageFlow(doc, fonts, (next) => {
      // Continuation pages repeat the reference, so a loose page can be put back in its letter.
      next.y -= 8;
      next.draw(content.reference, MARGIN.left, { size: 8, color: GREY });
      next.space(16);
    });
    drawHeader(flow, content);
    drawBody(flow, content);
    numberPages(flow);
    return doc.save({
      title: content.title,
      author: content.sender.name,
      subject: content.reference,
      creator: CREATOR,
      producer: PRODUCER,
      date: new Date(`${content.date}T00:00:00.000Z`),
      language: content.language === 'fr' ? 'fr-FR' : 'en-GB',
    });
  }
}

/** Every field but the paragraphs is one line on paper: line breaks in them fold into spaces. */
function oneLineFields(content: LetterContent): LetterContent {
  const line = singleLine;
  const party = ({ name, address }: LetterContent['recipient']) => ({
    name: line(name),
    address: {
      ...address,
      line1: line(address.line1),
      ...(address.line2 === undefined ? {} : { line2: line(address.line2) }),
      postalCode: line(address.postalCode),
      city: line(address.city),
    },
  });
  return {
    ...content,
    sender: {
      ...party(content.sender),
      ...(content.sender.lines ? { lines: content.sender.lines.map(line) } : {}),
    },
    recipient: party(content.recipient),
    place: line(content.place),
    reference: line(content.reference),
    title: line(content.title),
    ...(content.mention === undefined ? {} : { mention: line(content.mention) }),
    ...(content.table
      ? {
          table: {
            headers: content.table.headers.map(line),
            rows: content.table.rows.map((row) => row.map(line)),
            ...(content.table.totals ? { totals: content.table.totals.map(line) } : {}),
          },
        }
      : {}),
    closing: content.closing.map(line),
  };
}

function addressLines(name: string, address: PostalAddress, language: 'fr' | 'en'): string[] {
  const lines = [name, address.line1];
  if (address.line2) lines.push(address.line2);
  const country = address.country.toUpperCase();
  // La Poste's norm (NF Z10-011) writes the city in capitals; abroad, the country goes last, in capitals too.
  lines.push(`${address.postalCode} ${address.city.toUpperCase()}`);
  if (country !== 'FR') lines.push(countryName(country, language).toUpperCase());
  return lines;
}

function countryName(code: string, language: 'fr' | 'en'): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function drawHeader(flow: PageFlow, content: LetterContent): void {
  const { bold, regular } = flow.fonts;
  const sender = addressLines(content.sender.name, content.sender.address, content.language);
  sender.push(...(content.sender.lines ?? []));
  const senderWidth = RECIPIENT.x - MARGIN.left - 6 * MM;
  sender.forEach((line, index) => {
    const style = index === 0 ? { font: bold, size: 11 } : { font: regular, size: 9.5, color: GREY };
    for (const wrapped of wrapText(line, style.font, style.size, senderWidth)) {
      flow.space(index === 0 ? 11 : 12);
      flow.draw(wrapped, MARGIN.left, style);
    }
  });

  flow.y = PAGE.height - RECIPIENT.top;
  const recipient = addressLines(content.recipient.name, content.recipient.address, content.language);
  recipient.forEach((line, index) => {
    for (const wrapped of wrapText(line, index === 0 ? bold : regular, TEXT, RECIPIENT.width)) {
      flow.space(LEADING);
      flow.draw(wrapped, RECIPIENT.x, { font: index === 0 ? bold : regular });
    }
  });

  flow.space(28);
  const date = longDate(content.date, content.language);
  flow.draw(
    content.language === 'fr' ? `${content.place}, le ${date}` : `${content.place}, ${date}`,
    RECIPIENT.x,
  );

  flow.y = Math.min(flow.y - 10, PAGE.height - BODY_TOP);
  flow.paragraph(content.reference, { size: 9.5 });
  if (content.mention) {
    flow.space(4);
    flow.paragraph(content.mention, { font: bold });
  }
  flow.space(14);
  flow.paragraph(content.title, { font: bold, size: 12 }, 16);
}

function drawBody(flow: PageFlow, content: LetterContent): void {
  for (const paragraph of content.paragraphs) {
    flow.space(8);
    flow.paragraph(paragraph, {}, LEADING);
  }
  if (content.table) {
    flow.space(12);
    drawTable(flow, content.table);
  }
  // Keeps the closing (and the signature under it) on one page when it fits on one.
  const closing = content.closing.flatMap((line) => wrapText(line, flow.fonts.regular, TEXT, CONTENT_WIDTH));
  flow.space(12);
  flow.ensure(closing.length * LEADING);
  for (const line of closing) flow.paragraph(line, {}, LEADING);
}

/** Right-aligned: every filled cell reads as an amount ("1 234,56 €", "EUR 12.00"). */
function isAmountColumn(table: Table, column: number): boolean {
  const cells = [...table.rows, ...(table.totals ? [table.totals] : [])]
    .map((row) => (row[column] ?? '').trim())
    .filter((cell) => cell !== '');
  const amount = /^[-+]?\s*(?:€|EUR)?[\s\u00a0\u202f]*\d[\d\s\u00a0\u202f.,']*[\s\u00a0\u202f]*(?:€|EUR)?$/u;
  return cells.length > 0 && cells.every((cell) => amount.test(cell) && /€|EUR|\d[.,]\d{2}\b/u.test(cell));
}

function columnWidths(flow: PageFlow, table: Table, columns: number): number[] {
  const { bold, regular } = flow.fonts;
  const natural = Array.from({ length: columns }, (_, column) => {
    const width = (text: string | undefined, font: CidFont) => font.widthOfText(drawable(text ?? ''), TEXT);
    const cells = [
      width(table.headers[column], bold),
      width(table.totals?.[column], bold),
      ...table.rows.map((row) => width(row[column], regular)),
    ];
    return Math.max(...cells) + 2 * CELL_PAD;
  });
  const total = natural.reduce((sum, width) => sum + width, 0);
  if (total > CONTENT_WIDTH) return natural.map((width) => (width * CONTENT_WIDTH) / total);
  // Spare room goes to the first column (the invoice number or the label), amounts stay compact.
  return natural.map((width, column) => (column === 0 ? width + CONTENT_WIDTH - total : width));
}

function drawTable(flow: PageFlow, table: Table): void {
  const columns = Math.max(table.headers.length, ...table.rows.map((row) => row.length));
  const widths = columnWidths(flow, table, columns);
  const right = widths.map((_, column) => isAmountColumn(table, column));
  const { bold, regular } = flow.fonts;
  // No header row alone at the foot of a page.
  flow.ensure(2 * (LEADING + 2 * CELL_PAD));

  const row = (cells: string[], font: CidFont, kind: 'header' | 'body' | 'totals'): void => {
    const lines = widths.map((width, column) =>
      wrapText(cells[column] ?? '', font, TEXT, width - 2 * CELL_PAD),
    );
    const height = Math.max(...lines.map((cell) => cell.length)) * LEADING + 2 * CELL_PAD;
    // A row never splits; after a break the header row comes again so the columns stay readable.
    if (flow.ensure(height) && kind !== 'header') row(table.headers, bold, 'header');
    const top = flow.y;
    const page = flow.page;
    if (kind === 'header') page.fillRectangle(MARGIN.left, top - height, CONTENT_WIDTH, height, LIGHT);
    if (kind === 'totals') rule(flow, top, 1);
    let x = MARGIN.left;
    lines.forEach((cell, column) => {
      const width = widths[column] ?? 0;
      cell.forEach((line, index) => {
        const baseline = top - CELL_PAD - (index + 1) * LEADING + 3.5;
        const anchor = right[column] ? x + width - CELL_PAD : x + CELL_PAD;
        drawLine(page, line, anchor, baseline, { font, size: TEXT }, right[column] ? 'right' : 'left');
      });
      x += width;
    });
    flow.y = top - height;
    rule(flow, flow.y, kind === 'body' ? 0.3 : 0.8);
  };

  row(table.headers, bold, 'header');
  for (const cells of table.rows) row(cells, regular, 'body');
  if (table.totals) row(table.totals, bold, 'totals');
}

function rule(flow: PageFlow, y: number, thickness: number): void {
  flow.page.strokeLine(MARGIN.left, y, MARGIN.left + CONTENT_WIDTH, y, thickness, GREY);
}

function numberPages(flow: PageFlow): void {
  const total = flow.pages.length;
  flow.pages.forEach((page, index) => {
    drawLine(
      page,
      `${index + 1}/${total}`,
      PAGE.width / 2,
      10 * MM,
      {
        font: flow.fonts.regular,
        size: 8,
        color: GREY,
      },
      'center',
    );
  });
}
