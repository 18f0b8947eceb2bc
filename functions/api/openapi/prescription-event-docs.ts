import * as z from 'zod';
import { parisDate } from '../../../shared/domain/calendar';
import { acknowledgmentSchema } from '../../../shared/use-cases/events/record-acknowledgment';
import { mediationSchema } from '../../../shared/use-cases/events/record-mediation';
import type { RouteDoc } from './route-docs';

const day = z.string().describe('YYYY-MM-DD, Paris');

const prescriptionEventOutcomeSchema = z
  .object({
    dossierId: z.string(),
    duplicate: z
      .boolean()
      .describe('true: the same event (same id, same content) was recorded before; nothing changed'),
    previousPrescriptionDate: day.nullable().describe("The dossier's earliest deadline before the event"),
    prescriptionDate: day
      .nullable()
      .describe('The earliest deadline the legal engine computes now (null: nothing owed)'),
    nextPrescriptionCheckOn: day
      .nullable()
      .describe('Next day the nightly prescription watch looks at the dossier'),
  })
  .meta({ id: 'PrescriptionEventOutcome' });

const outcome = z.enum([
  'matched',
  'partly-matched',
  'already-recorded',
  'ambiguous',
  'unmatched',
  'refused',
  'debit',
  'not-booked',
  'rejected',
]);

const statementReportSchema = z
  .object({
    format: z.enum(['camt.053', 'csv']),
    counts: z.record(outcome, z.number().int()).describe('Lines by outcome'),
    recorded: z.number().int().describe('Payments this import recorded'),
    lines: z.array(
      z.object({
        position: z.string().describe('`Ntry 3` (camt.053; `Ntry 3/Tx 2` in a batch) or `line 7` (CSV)'),
        outcome,
        date: day.optional(),
        amountCents: z.number().int().optional(),
        currency: z.string().optional(),
        rule: z.enum(['invoice', 'reference', 'amount-and-payer']).optional(),
        dossierId: z.string().optional(),
        invoices: z.array(z.string()).optional(),
        expectedCents: z.number().int().optional().describe('What the line should have paid'),
        differenceCents: z.number().int().optional().describe('amount − expected'),
        candidates: z
          .array(z.string())
          .optional()
          .describe("Dossiers it could be (ambiguous), or the payer's (unmatched)"),
        paymentId: z
          .string()
          .optional()
          .describe('bank-<hash of the line>: the same line imported again is recognised'),
        payerName: z.string().optional(),
        reference: z.string().optional().describe('The remittance information'),
        reason: z.string().optional(),
      }),
    ),
    reportCsv: z
      .string()
      .describe('The same report as French Excel opens it (UTF-8 BOM, `;`, decimal comma)'),
  })
  .meta({ id: 'BankStatementReport' });

const today = parisDate(new Date());

/** OpenAPI entries of the routes in functions/api/routes/prescription-events.ts. */
export const PRESCRIPTION_EVENT_ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /dossiers/{dossierId}/acknowledgments': {
    summary: 'Record an acknowledgment of debt: a new limitation period starts (C.civ. 2240)',
    tag: 'dossiers',
    body: acknowledgmentSchema(today),
    ok: {
      status: 200,
      description: "The dossier's prescription deadline before and after, and the watch's next check",
      schema: prescriptionEventOutcomeSchema,
    },
    errors: [409, 422],
  },
  'POST /dossiers/{dossierId}/mediations': {
    summary:
      'Record a mediation or conciliation (start, then the same id with its end): the period is suspended (C.civ. 2238)',
    tag: 'dossiers',
    body: mediationSchema(today),
    ok: {
      status: 200,
      description: "The dossier's prescription deadline before and after, and the watch's next check",
      schema: prescriptionEventOutcomeSchema,
    },
    errors: [409, 422],
  },
  'POST /bank-statements': {
    summary:
      'Import a bank statement (camt.053 XML or CSV): credits matched to dossiers and recorded as payments',
    tag: 'invoices',
    rawBody: {
      'application/xml': 'An ISO 20022 camt.053 statement (BkToCstmrStmt); a DOCTYPE is refused',
      'text/csv': 'date;amount;reference;payer, UTF-8',
      'application/octet-stream': 'The CSV as French Excel saves it (Windows-1252), bytes untouched',
    },
    ok: {
      status: 200,
      description:
        'Every line with its outcome: matched and partly matched are recorded; ambiguous and unmatched are not (candidates, reason)',
      schema: statementReportSchema,
    },
  },
};
