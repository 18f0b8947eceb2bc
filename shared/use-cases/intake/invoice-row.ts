import * as z from 'zod';
import { isLocalDate, type LocalDate } from '../../domain/calendar';
import { parseEurosToCents } from '../../domain/money';

/**
 * One row of an intake file (CSV header names or JSON keys). Amounts come in euros as
 * finance exports write them ("1234.56" or "1 234,56") or in cents (`amount_cents`);
 * dates as ISO (2026-03-31) or French (31/03/2026).
 */
const localDate = z.string().transform((value, ctx): LocalDate => {
  const text = value.trim();
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const iso = french ? `${french[3]}-${french[2]}-${french[1]}` : text;
  if (!isLocalDate(iso)) {
    ctx.addIssue({ code: 'custom', message: `not a date (YYYY-MM-DD or DD/MM/YYYY): "${text}"` });
    return z.NEVER;
  }
  return iso;
});

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const cents = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const parsed = typeof value === 'number' ? value * 100 : parseEurosToCents(value);
  if (parsed === undefined || !Number.isSafeInteger(Math.round(parsed)) || parsed <= 0) {
    ctx.addIssue({ code: 'custom', message: `not a positive amount: "${value}"` });
    return z.NEVER;
  }
  return Math.round(parsed);
});

export const invoiceRowSchema = z
  .object({
    invoice_number: z.string().trim().min(1, 'required').max(64),
    debtor_ref: z.string().trim().min(1, 'required').max(64),
    debtor_type: z.enum(['professional', 'consumer', 'non-professional-legal-person']),
    debtor_name: z.string().trim().min(1, 'required').max(200),
    debtor_email: optionalText.pipe(z.string().email('not an e-mail address').optional()),
    debtor_phone: optionalText.pipe(
      z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'not an E.164 phone number (+33612345678)')
        .optional(),
    ),
    address_line1: z.string().trim().min(1, 'required'),
    postal_code: z.string().trim().min(1, 'required').max(12),
    city: z.string().trim().min(1, 'required'),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'ISO country code expected')
      .default('FR'),
    amount: cents.optional(),
    amount_cents: z
      .union([z.string(), z.number()])
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || String(value).trim() === '') return undefined;
        const parsed = Number(value);
        if (!Number.isSafeInteger(parsed) || parsed <= 0) {
          ctx.addIssue({ code: 'custom', message: `not a positive whole number of cents: "${value}"` });
          return z.NEVER;
        }
        return parsed;
      }),
    currency: z.literal('EUR').default('EUR'),
    issue_date: localDate,
    due_date: localDate,
    performance_date: optionalText.pipe(localDate.optional()),
    nature: optionalText.pipe(
      z
        .enum([
          'commercial',
          'civil',
          'consumer',
          'residential-rent',
          'consumer-credit',
          'salary',
          'judgment',
        ])
        .optional(),
    ),
    language: optionalText.pipe(z.enum(['fr', 'en']).optional()),
    /** `monthly`: the debtor asked for a monthly statement of open invoices. */
    statement: optionalText.pipe(z.enum(['monthly']).optional()),
  })
  .superRefine((row, ctx) => {
    if (row.amount === undefined && row.amount_cents === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'required (amount in euros or amount_cents)',
      });
    }
    if (row.due_date < row.issue_date) {
      ctx.addIssue({ code: 'custom', path: ['due_date'], message: 'before the issue date' });
    }
  });

export type InvoiceRow = z.infer<typeof invoiceRowSchema>;

export function rowAmountCents(row: InvoiceRow): number {
  return row.amount_cents ?? row.amount!;
}
