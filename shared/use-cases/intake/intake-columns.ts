/**
 * The columns of an intake file (CSV header names, JSON keys), in the order the README documents
 * them. A CSV whose header lacks a required column is refused as a whole: its rows would all be
 * rejected for the same reason, and the fix is one line.
 */
export const REQUIRED_COLUMNS = [
  'invoice_number',
  'debtor_ref',
  'debtor_type',
  'debtor_name',
  'address_line1',
  'postal_code',
  'city',
  'issue_date',
  'due_date',
] as const;

/** One of the two amount columns is required: `amount` (euros) or `amount_cents`. */
export const AMOUNT_COLUMNS = ['amount', 'amount_cents'] as const;

export const OPTIONAL_COLUMNS = [
  'debtor_email',
  'debtor_phone',
  'address_line2',
  'country',
  'currency',
  'performance_date',
  'nature',
  'language',
  'statement',
] as const;

/** Why a header cannot be used, naming what is missing and what is expected; undefined when it can. */
export function headerProblem(header: readonly string[]): string | undefined {
  const missing: string[] = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (!AMOUNT_COLUMNS.some((column) => header.includes(column))) missing.push('amount (or amount_cents)');
  if (missing.length === 0) return undefined;
  return (
    `missing column(s): ${missing.join(', ')}. Expected a first line naming the columns: ` +
    `${[...REQUIRED_COLUMNS, 'amount'].join(';')} (optional: ${OPTIONAL_COLUMNS.join(', ')}, amount_cents)`
  );
}
