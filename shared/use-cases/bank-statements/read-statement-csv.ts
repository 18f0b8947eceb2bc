import type { ReadStatement, StatementLine, StatementLineError } from '../../domain/bank-statement';
import type { LocalDate } from '../../domain/calendar';
import { parseEuros, parseLocalDate } from '../intake/french-formats';
import { readCsvRecords } from '../intake/read-csv-records';
import { UnreadableFileError } from '../intake/unreadable-file';
import { fingerprint } from './read-camt053';

/**
 * The simple statement a bank's web export or a spreadsheet gives: a header, then one line per
 * movement with a date (DD/MM/YYYY or YYYY-MM-DD), a signed amount (`1 234,56`, `-80,00`), a
 * reference (the remittance information) and the payer. As French Excel saves it: `;` (a `,` or
 * tab header is accepted too), decimal comma; the bytes are decoded before (decode-intake-file.ts).
 * A bad line is reported with its reason, its neighbours kept.
 */

const COLUMNS = {
  date: ['date', 'date operation', 'date de valeur', 'date comptable'],
  amount: ['amount', 'montant', 'credit'],
  reference: ['reference', 'libelle', 'motif', 'remittance'],
  payer: ['payer', 'payeur', 'emetteur', 'donneur d ordre', 'debiteur'],
  currency: ['currency', 'devise'],
  id: ['id', 'transaction id', 'reference banque'],
} as const;

type Column = keyof typeof COLUMNS;

function headerName(cell: string): string {
  return cell
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function readStatementCsv(text: string, today: LocalDate): ReadStatement {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  const { records, malformed } = readCsvRecords(text, delimiter);
  const header = records.shift();
  if (!header)
    throw new UnreadableFileError('the statement is empty: expected a header date;amount;reference;payer');
  const names = header.fields.map(headerName);
  const at = Object.fromEntries(
    (Object.keys(COLUMNS) as Column[]).map((column) => [
      column,
      names.findIndex((name) => (COLUMNS[column] as readonly string[]).includes(name)),
    ]),
  ) as Record<Column, number>;
  const missing = (['date', 'amount', 'reference'] as const).filter((column) => at[column] < 0);
  if (missing.length > 0)
    throw new UnreadableFileError(
      `the statement's header lacks ${missing.join(', ')}: expected date;amount;reference;payer`,
    );
  const lines: StatementLine[] = [];
  const errors: StatementLineError[] = malformed.map((m) => ({
    position: `line ${m.line}`,
    reason: m.reason,
  }));
  const seen = new Map<string, number>();
  for (const record of records) {
    const cell = (column: Column) => (at[column] >= 0 ? (record.fields[at[column]] ?? '').trim() : '');
    const position = `line ${record.line}`;
    const date = parseLocalDate(cell('date'), today);
    if (!date.ok) {
      errors.push({ position, reason: `date: ${date.reason}` });
      continue;
    }
    const written = cell('amount');
    const debit = /^[-−]/.test(written);
    const amount = parseEuros(written.replace(/^[-−+]\s*/, ''));
    if (!amount.ok) {
      errors.push({ position, reason: `amount: ${amount.reason}` });
      continue;
    }
    const reference = cell('reference');
    const payer = cell('payer');
    const currency = (cell('currency') || 'EUR').toUpperCase();
    // The same movement twice in a file (two equal transfers on a day) stays two lines: the n-th
    // occurrence is part of its key, so a re-import finds each one again.
    const content = [
      cell('id'),
      date.value,
      String(amount.value),
      debit ? 'D' : 'C',
      reference,
      payer,
      currency,
    ];
    const key = content.join('\u001f');
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    lines.push({
      position,
      direction: debit ? 'debit' : 'credit',
      booked: true,
      date: date.value,
      amountCents: amount.value,
      currency,
      references: reference ? [reference] : [],
      ...(payer ? { payerName: payer } : {}),
      fingerprint: fingerprint([...content, String(occurrence)]),
    });
  }
  return { format: 'csv', lines, errors };
}
