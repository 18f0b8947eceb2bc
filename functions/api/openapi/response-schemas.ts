import * as z from 'zod';

/**
 * Response shapes of the routes whose use cases return TypeScript types rather than zod schemas,
 * for the OpenAPI document only (the handler does not parse its own answers). Nested parts that
 * change with the legal engine are open objects: the document names what a client may rely on.
 */

/** RFC 9457 problem details, as shared/adapters/http/problem.ts writes them. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    /** The input at fault: a body path (`invoices.0`), a query parameter, a header. */
    field: z.string().optional(),
  })
  .meta({ id: 'Problem' });

const cents = z.number().int();
const address = z.looseObject({
  line1: z.string(),
  line2: z.string().optional(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
});

export const invoiceSchema = z.looseObject({
  number: z.string(),
  amountCents: cents,
  paidCents: cents,
  currency: z.literal('EUR'),
  issueDate: z.string(),
  dueDate: z.string(),
  nature: z.string(),
  prescriptionDate: z.string(),
  prescribed: z.boolean().optional(),
});

export const dossierSchema = z
  .looseObject({
    tenantId: z.string(),
    dossierId: z.string(),
    creditorType: z.enum(['professional', 'individual']),
    debtor: z.looseObject({
      ref: z.string(),
      type: z.string(),
      name: z.string(),
      email: z.string().optional(),
      phone: z.string().optional(),
      address,
      language: z.enum(['fr', 'en']),
      optOuts: z.array(z.string()),
    }),
    invoices: z.array(invoiceSchema),
    scenarioId: z.string(),
    status: z.enum(['open', 'paid', 'disputed', 'prescribed', 'judicial', 'closed']),
    levelIndex: z.number().int(),
    nextActionOn: z.string().optional(),
    prescriptionDate: z.string().optional(),
    /** The recoverability score as of the dossier's last write (docs/kpis.md); absent once paid or prescribed. */
    score: z
      .object({
        score: z.number().int().min(1).max(99),
        base: z.number().int(),
        factors: z.array(
          z.object({ factor: z.string(), contribution: z.number().int(), reason: z.string() }),
        ),
        computedOn: z.string(),
        model: z.string(),
      })
      .optional()
      .meta({
        description: 'recoverability 1–99 and the factors that moved it from the base, largest first',
      }),
    paymentPlans: z
      .array(
        z.looseObject({
          planId: z.string(),
          status: z.enum(['active', 'completed', 'lapsed', 'cancelled']),
          agreedOn: z.string(),
          instalments: z.array(z.object({ dueOn: z.string(), amountCents: z.number().int() })),
        }),
      )
      .optional()
      .describe(
        'Payment plans granted, newest last (GET /dossiers/{dossierId}/payment-plan shows what each instalment received)',
      ),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Dossier' });

export const timelineEventSchema = z
  .looseObject({
    eventId: z.string(),
    dossierId: z.string(),
    type: z.string(),
    at: z.string(),
    day: z.string(),
    actor: z.enum(['pipeline', 'debtor', 'creditor', 'agent', 'court']),
    level: z.string().optional(),
    channel: z.enum(['email', 'sms', 'letter', 'call']).optional(),
    document: z.object({ key: z.string(), sha256: z.string() }).optional(),
    legalBasis: z.array(z.string()).optional(),
    amountCents: cents.optional(),
    invoiceNumbers: z.array(z.string()).optional(),
  })
  .meta({ id: 'TimelineEvent' });

export const intakeReportSchema = z
  .object({
    tenantId: z.string(),
    rows: z.number().int(),
    accepted: z.number().int(),
    /** Rows identical to an invoice already stored: neither added nor rejected. */
    alreadyImported: z.number().int(),
    rejected: z.array(
      z.object({ row: z.number().int(), invoiceNumber: z.string(), field: z.string(), reason: z.string() }),
    ),
    dossiers: z.number().int(),
    encoding: z.string(),
  })
  .meta({ id: 'IntakeReport' });

const totals = z.object({
  principalDueCents: cents,
  interestCents: cents,
  indemnityCents: cents,
  totalDueCents: cents,
});

export const claimStatementSchema = z
  .object({
    asOf: z.string(),
    interestComputedThrough: z.string(),
    missingRatePeriods: z.array(z.string()),
    nature: z.string(),
    invoices: z.array(
      z.looseObject({
        number: z.string(),
        principalDueCents: cents,
        interestCents: cents,
        indemnityCents: cents,
        totalDueCents: cents,
        prescriptionDate: z.string(),
        prescribed: z.boolean(),
      }),
    ),
    totals,
    prescribedTotals: totals,
    procedure: z.looseObject({}),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'ClaimStatement' });

export const taskListSchema = z.object({
  items: z.array(
    z.looseObject({
      taskId: z.string(),
      dossierId: z.string(),
      level: z.string(),
      dueOn: z.string(),
      outstandingCents: cents,
      currency: z.literal('EUR'),
      missing: z
        .array(z.string())
        .optional()
        .describe('court-file-data: what the court file lacks, each with its article'),
    }),
  ),
});

export const healthSchema = z.looseObject({ status: z.literal('ok'), now: z.string() });
