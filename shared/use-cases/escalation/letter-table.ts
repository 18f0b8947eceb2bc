import { disputedNote } from '../../domain/messages/disputed-note';

/**
 * How many invoices a letter itemises. A debtor with thousands of invoices would otherwise get
 * a letter of hundreds of pages (5,000 invoices made a 279-page formal notice), posted by
 * registered mail and paid by weight. Beyond the limit the table itemises the first invoices
 * and totals the others on one line; a paragraph says so and offers the detail on request.
 * The totals line still sums every invoice, and the timeline's action event names them all.
 */
export const LETTER_INVOICE_LINES = 20;

type Language = 'fr' | 'en';

/** The table's lines: one per item, or the first ones and a line for the rest. */
export function itemisedLines<T>(
  items: readonly T[],
  line: (item: T) => string[],
  rest: (others: readonly T[]) => string[],
): string[][] {
  if (items.length <= LETTER_INVOICE_LINES) return items.map(line);
  const shown = items.slice(0, LETTER_INVOICE_LINES - 1);
  return [...shown.map(line), rest(items.slice(shown.length))];
}

/** First cell of the line that totals the invoices not itemised, e.g. "+ 4 981 factures". */
export function othersLabel(count: number, language: Language): string {
  return language === 'fr'
    ? `+ ${count.toLocaleString('fr-FR')} factures`
    : `+ ${count.toLocaleString('en-GB')} invoices`;
}

/** The paragraph a summarised table needs; none when every invoice is itemised. */
export function summaryNotice(count: number, language: Language): string[] {
  if (count <= LETTER_INVOICE_LINES) return [];
  const shown = LETTER_INVOICE_LINES - 1;
  const others = count - shown;
  return language === 'fr'
    ? [
        `Le tableau ci-dessous détaille les ${shown} premières de vos ${count.toLocaleString('fr-FR')} factures impayées ; les ${others.toLocaleString('fr-FR')} autres sont totalisées sur sa dernière ligne. Le détail facture par facture vous sera communiqué sur simple demande, en rappelant la référence de ce courrier.`,
      ]
    : [
        `The table below itemises the first ${shown} of your ${count.toLocaleString('en-GB')} unpaid invoices; the other ${others.toLocaleString('en-GB')} are totalled on its last line. The invoice-by-invoice detail is available on request, quoting the reference of this letter.`,
      ];
}

/** The letter's paragraph naming the invoices left out because the debtor disputes them. */
export function disputedNotice(numbers: readonly string[] | undefined, language: Language): string[] {
  const note = disputedNote(numbers, language, 'letter');
  return note ? [note] : [];
}
