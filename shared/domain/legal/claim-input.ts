import * as z from 'zod';
import { isLocalDate } from '../calendar';
import { ValidationError } from '../errors';

/**
 * Input of the `claim` calculator (issue 3), validated at the boundary: every error names the
 * field path (e.g. "invoices.0.dueDate") so a user can fix the file.
 */

const localDate = z.string().refine(isLocalDate, { message: 'expected a calendar date YYYY-MM-DD' });
const cents = z.number().int('expected an integer number of cents');

export const CLAIM_EVENT_TYPES = [
  'acknowledgment',
  'formal-notice',
  'court-claim',
  'enforcement',
  'mediation-start',
  'mediation-end',
  'small-claims-start',
  'small-claims-end',
  'judgment',
] as const;

export const claimInputSchema = z
  .object({
    asOf: localDate,
    creditor: z.object({ type: z.enum(['professional', 'individual']) }),
    debtor: z.object({
      type: z.enum(['professional', 'consumer', 'non-professional-legal-person']),
      country: z
        .string()
        .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code')
        .transform((c) => c.toUpperCase())
        .default('FR'),
      postalCode: z.string().min(1).optional(),
      city: z.string().min(1).optional(),
    }),
    /** Defaults from the parties when absent (qualification.ts defaultNature, docs/legal.md). */
    nature: z
      .enum(['commercial', 'civil', 'consumer', 'residential-rent', 'consumer-credit', 'salary', 'judgment'])
      .optional(),
    invoices: z
      .array(
        z.object({
          number: z.string().min(1),
          amountCents: cents.positive('expected a positive amount'),
          currency: z.literal('EUR').default('EUR'),
          issueDate: localDate,
          dueDate: localDate,
          performanceDate: localDate.optional(),
          contractRatePercent: z.number().min(0).max(100).optional(),
          /** Payment terms were agreed in the contract (L441-10 I); default true. */
          agreedTerms: z.boolean().optional(),
        }),
      )
      .min(1, 'at least one invoice'),
    payments: z
      .array(
        z.object({
          date: localDate,
          amountCents: cents.positive('expected a positive amount'),
          invoice: z.string().optional(),
        }),
      )
      .default([]),
    events: z
      .array(
        z.object({
          type: z.enum(CLAIM_EVENT_TYPES),
          date: localDate,
          invoices: z.array(z.string()).optional(),
        }),
      )
      .default([]),
    disputed: z.boolean().default(false),
    /** The creditor's floor for court action, in cents. */
    minimumCourtClaimCents: cents.min(0).optional(),
  })
  .superRefine((input, ctx) => {
    const numbers = new Set<string>();
    input.invoices.forEach((invoice, i) => {
      if (numbers.has(invoice.number))
        ctx.addIssue({
          code: 'custom',
          path: ['invoices', i, 'number'],
          message: `duplicate invoice number ${invoice.number}`,
        });
      numbers.add(invoice.number);
      if (invoice.dueDate < invoice.issueDate)
        ctx.addIssue({ code: 'custom', path: ['invoices', i, 'dueDate'], message: 'before the issue date' });
    });
    input.payments.forEach((payment, i) => {
      if (payment.invoice !== undefined && !numbers.has(payment.invoice)) {
        ctx.addIssue({
          code: 'custom',
          path: ['payments', i, 'invoice'],
          message: `unknown invoice ${payment.invoice}`,
        });
      }
    });
    input.events.forEach((event, i) => {
      (event.invoices ?? []).forEach((number, j) => {
        if (!numbers.has(number))
          ctx.addIssue({
            code: 'custom',
            path: ['events', i, 'invoices', j],
            message: `unknown invoice ${number}`,
          });
      });
    });
  });

export type ClaimInput = z.output<typeof claimInputSchema>;
export type ClaimInputJson = z.input<typeof claimInputSchema>;

/** Parses raw JSON into a claim input, or throws ValidationError naming the first bad field. */
export function parseClaimInput(raw: unknown): ClaimInput {
  const parsed = claimInputSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(root)';
  throw new ValidationError(field, issue?.message ?? 'invalid claim');
}
