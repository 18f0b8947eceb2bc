import * as z from 'zod';
import type { LocalDate } from '../../domain/calendar';
import { e164Phone, postalCode } from './contact-fields';
import { type Parsed, parseCents, parseEuros, parseEurosNumber, parseLocalDate } from './french-formats';
import { MAX_ADDRESS_LINE, MAX_NAME, printedLine } from './letter-text';

/**
 * One row of an intake file (CSV header names or JSON keys), as French spreadsheets write it:
 * amounts in euros (`1 234,56 €`, french-formats.ts) or in cents (`amount_cents`), dates ISO or
 * DD/MM/YYYY, phone numbers as typed (stored E.164), names and addresses checked for the letter
 * they will head (letter-text.ts).
 */

/** A column at fault and why; the reason never quotes the value (it may be a debtor's data). */
export interface RowProblem {
  field: string;
  reason: string;
}

/** A zod step from a parser of ours: its reason becomes the issue's message. */
function via<V, T>(parse: (value: V) => Parsed<T>) {
  return (value: V, ctx: z.RefinementCtx): T => {
    const parsed = parse(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  };
}

const required = z.string({ error: 'required' });
const blankToUndefined = (value: unknown) =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
/** Blank cells are dropped before the schema runs (`normalised`): optional means absent. */
const optional = <T extends z.ZodType>(schema: T) => schema.optional();
const printed = (max: number) => required.transform(via((text: string) => printedLine(text, max)));
const choice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .pipe(z.enum(values, { error: `expected one of: ${values.join(', ')}` }));

const NATURES = [
  'commercial',
  'civil',
  'consumer',
  'residential-rent',
  'consumer-credit',
  'salary',
  'judgment',
] as const;

/** Field by field; the rules that tie two fields (phone and country…) are in `validateInvoiceRow`. */
function fieldsSchema(today: LocalDate) {
  const date = required.transform(via((text: string) => parseLocalDate(text, today)));
  return z.object({
    invoice_number: printed(64),
    debtor_ref: printed(64),
    debtor_type: choice(['professional', 'consumer', 'non-professional-legal-person']),
    debtor_name: printed(MAX_NAME),
    debtor_email: optional(z.string().trim().pipe(z.email('not an e-mail address'))),
    debtor_phone: optional(z.string().trim()),
    address_line1: printed(MAX_ADDRESS_LINE),
    address_line2: optional(printed(MAX_ADDRESS_LINE)),
    postal_code: printed(12),
    city: printed(MAX_ADDRESS_LINE),
    country: optional(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, 'ISO country code expected (FR, BE…)'),
    ).transform((code) => code ?? 'FR'),
    amount: optional(
      z
        .union([z.string(), z.number()])
        .transform(
          via((value: string | number) =>
            typeof value === 'number' ? parseEurosNumber(value) : parseEuros(value),
          ),
        ),
    ),
    amount_cents: optional(z.union([z.string(), z.number()]).transform(via(parseCents))),
    currency: optional(z.string().trim().pipe(z.literal('EUR', 'only EUR is supported'))).transform(
      (currency): 'EUR' => currency ?? 'EUR',
    ),
    issue_date: date,
    due_date: date,
    performance_date: optional(date),
    nature: optional(choice(NATURES)),
    language: optional(choice(['fr', 'en'])),
    /** `monthly`: the debtor asked for a monthly statement of open invoices. */
    statement: optional(choice(['monthly'])),
  });
}

export type InvoiceRow = z.output<ReturnType<typeof fieldsSchema>>;

/** The schema of the file's day, built once per day rather than once per row (100,000-row files). */
let cached: { today: LocalDate; schema: ReturnType<typeof fieldsSchema> } | undefined;
function schemaFor(today: LocalDate) {
  if (cached?.today !== today) cached = { today, schema: fieldsSchema(today) };
  return cached.schema;
}

const NUMERIC_COLUMNS = new Set(['amount', 'amount_cents']);

/**
 * Blank cells (and JSON nulls) dropped, so an optional column left empty is simply absent; JSON
 * numbers in text columns (a postal code, a phone) read as the text they stand for.
 */
function normalised(values: Record<string, unknown>): Record<string, unknown> {
  const kept: [string, unknown][] = [];
  for (const [key, value] of Object.entries(values)) {
    if (blankToUndefined(value) === undefined) continue;
    kept.push([key, typeof value === 'number' && !NUMERIC_COLUMNS.has(key) ? String(value) : value]);
  }
  return Object.fromEntries(kept); // own properties only: a `__proto__` key stays a key
}

/**
 * Validates one row; every problem of the row is reported at once (field checks, then those that
 * tie fields together), so the creditor fixes a row in one go.
 */
export function validateInvoiceRow(
  raw: Record<string, unknown>,
  today: LocalDate,
): { ok: true; row: InvoiceRow } | { ok: false; problems: RowProblem[] } {
  const values = normalised(raw);
  const parsed = schemaFor(today).safeParse(values);
  const problems: RowProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'row', reason: issue.message }));
  const failed = new Set(problems.map((problem) => problem.field));
  const country = failed.has('country')
    ? 'FR'
    : String(values.country ?? '')
        .trim()
        .toUpperCase() || 'FR';
  const fixed: Partial<InvoiceRow> = {};

  const phone = typeof values.debtor_phone === 'string' ? values.debtor_phone.trim() : '';
  if (phone) {
    const e164 = e164Phone(phone, country);
    if (e164.ok) fixed.debtor_phone = e164.value;
    else problems.push({ field: 'debtor_phone', reason: e164.reason });
  }
  const text = (field: string) => (failed.has(field) ? undefined : String(values[field] ?? '').trim());
  const postal = text('postal_code');
  const code = postal ? postalCode(postal, country) : undefined;
  if (code && !code.ok) problems.push({ field: 'postal_code', reason: code.reason });
  if (code?.ok) {
    fixed.postal_code = code.value;
    // NF Z10-011: the last address line is "postal code + town", 38 characters too.
    const city = text('city');
    const town = city ? printedLine(city, MAX_ADDRESS_LINE) : undefined;
    const length = town?.ok ? [...`${code.value} ${town.value}`].length : 0;
    if (length > MAX_ADDRESS_LINE)
      problems.push({
        field: 'city',
        reason: `postal code and town take ${length} characters, at most ${MAX_ADDRESS_LINE} fit on a line`,
      });
  }
  if (blankToUndefined(values.amount) === undefined && blankToUndefined(values.amount_cents) === undefined)
    problems.push({ field: 'amount', reason: 'required (amount in euros or amount_cents)' });
  const dateOf = (field: string) => {
    const value = text(field);
    return value ? parseLocalDate(value, today) : undefined;
  };
  const issue = dateOf('issue_date');
  const due = dateOf('due_date');
  if (issue?.ok && due?.ok && due.value < issue.value)
    problems.push({ field: 'due_date', reason: 'before the issue date' });
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, row: { ...parsed.data, ...fixed } };
}

export function rowAmountCents(row: InvoiceRow): number {
  return row.amount_cents ?? row.amount!;
}
