import * as z from 'zod';
import { paymentPlanSchema } from '../../../shared/use-cases/payment-plans/create-payment-plan';
import type { RouteDoc } from './route-docs';

export const planViewSchema = z
  .object({
    planId: z.string(),
    status: z.enum(['active', 'completed', 'lapsed', 'cancelled']),
    agreedOn: z.string().describe("The plan's date (Paris): the balance it splits is that day's"),
    basis: z
      .enum(['principal', 'total'])
      .describe('principal: principal due; total: with interest and indemnities'),
    balanceCents: z.number().int(),
    paidCents: z
      .number()
      .int()
      .describe('Received since the plan was made, laid over the instalments in order'),
    remainingCents: z.number().int(),
    graceDays: z.number().int(),
    reminderDaysBefore: z.number().int(),
    lapseNoticeDays: z.number().int().describe('The last delay of the notice before a lapse; 0: no notice'),
    instalments: z.array(
      z.object({
        number: z.number().int(),
        dueOn: z.string(),
        amountCents: z.number().int(),
        paidCents: z.number().int(),
        state: z.enum(['paid', 'partly-paid', 'upcoming', 'due', 'missed']),
      }),
    ),
    endedOn: z.string().optional(),
    endReason: z.string().optional(),
  })
  .meta({ id: 'PaymentPlan' });

const planOutcomeSchema = z
  .object({
    plan: planViewSchema,
    duplicate: z.boolean().describe('The same plan was posted (or cancelled) before'),
  })
  .meta({ id: 'PaymentPlanOutcome' });

/** POST, GET and DELETE /dossiers/{id}/payment-plan (functions/api/routes/payment-plans.ts). */
export const PAYMENT_PLAN_ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /dossiers/{dossierId}/payment-plan': {
    summary:
      "Grant a payment plan: instalments adding up to the day's balance, the first not in the past, dates increasing, at most 24 months (tenant setting; C.civ. 1343-5)",
    tag: 'dossiers',
    body: paymentPlanSchema,
    ok: {
      status: 200,
      description:
        'The plan with its instalments; the same planId and instalments again answer the plan with duplicate true and change nothing. A broken rule is a 400 naming the field (instalments, instalments.N.dueOn, basis); a dossier no longer pursued, another running plan or a planId reused with other instalments is a 409',
      schema: planOutcomeSchema,
    },
    errors: [409],
  },
  'GET /dossiers/{dossierId}/payment-plan': {
    summary: "The dossier's running payment plan, else the last one, with what each instalment received",
    tag: 'dossiers',
    ok: { status: 200, description: 'The plan; 404 when the dossier never had one', schema: planViewSchema },
  },
  'DELETE /dossiers/{dossierId}/payment-plan': {
    summary: 'Cancel the running payment plan (the creditor): the ladder resumes where it stood',
    tag: 'dossiers',
    ok: {
      status: 200,
      description: 'The cancelled plan; cancelling again answers the same plan with duplicate true',
      schema: planOutcomeSchema,
    },
  },
};
