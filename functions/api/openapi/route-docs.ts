import * as z from 'zod';
import { parisDate } from '../../../shared/domain/calendar';
import { claimInputSchema } from '../../../shared/domain/legal/claim-input';
import { documentSchema } from '../../../shared/use-cases/client-api/dossier-documents';
import { dossierSummarySchema } from '../../../shared/use-cases/client-api/dossier-summary';
import { dossierListQuerySchema } from '../../../shared/use-cases/client-api/list-dossiers';
import { callOutcomeSchema } from '../../../shared/use-cases/events/record-call-outcome';
import { disputeSchema } from '../../../shared/use-cases/events/record-dispute';
import { optOutSchema } from '../../../shared/use-cases/events/record-opt-out';
import { paymentSchema } from '../../../shared/use-cases/events/record-payment';
import {
  AMOUNT_COLUMNS,
  OPTIONAL_COLUMNS,
  REQUIRED_COLUMNS,
} from '../../../shared/use-cases/intake/intake-columns';
import { courtEventSchema } from '../../../shared/use-cases/judicial/court-event-input';
import { insolvencySchema } from '../../../shared/use-cases/judicial/record-insolvency';
import { judicialDecisionSchema } from '../../../shared/use-cases/judicial/record-judicial-decision';
import { letterPostingSchema } from '../../../shared/use-cases/registered-letters/record-letter-posting';
import { letterReceiptSchema } from '../../../shared/use-cases/registered-letters/record-letter-receipt';
import { taskKindQuerySchema, taskListQuerySchema } from '../../../shared/use-cases/tasks/list-tasks';
import { courtEventOutcomeSchema } from '../routes/court-events';
import { MAX_INVOICES_PER_REQUEST } from '../routes/invoices';
import { E_INVOICE_ROUTE_DOCS } from './e-invoice-docs';
import { insolvencyOutcomeSchema, judicialDecisionOutcomeSchema } from './judicial-schemas';
import { kpiQueryDocSchema, kpiReportSchema } from './kpi-schemas';
import { LIFECYCLE_ROUTE_DOCS } from './lifecycle-docs';
import { PAYMENT_PLAN_ROUTE_DOCS } from './payment-plan-docs';
import { PERSONAL_DATA_ROUTE_DOCS } from './personal-data-docs';
import { PRESCRIPTION_EVENT_ROUTE_DOCS } from './prescription-event-docs';
import {
  claimStatementSchema,
  dossierSchema,
  healthSchema,
  intakeReportSchema,
  taskListSchema,
  timelineEventSchema,
} from './response-schemas';
import {
  callOutcomeResultSchema,
  disputeOutcomeSchema,
  letterPostingOutcomeSchema,
  letterReceiptOutcomeSchema,
  optOutOutcomeSchema,
  paymentOutcomeSchema,
  resumeOutcomeSchema,
} from './write-outcome-schemas';

/**
 * What the OpenAPI document says of each route, keyed like the router (`METHOD /path`). The
 * schemas are the ones the routes parse with; the document is generated from them
 * (openapi-document.ts), and a test fails when a route of infra/api-routes.ts or of the router
 * has no entry here, so a new route cannot ship undocumented.
 */
export interface RouteDoc {
  summary: string;
  tag: 'dossiers' | 'invoices' | 'documents' | 'tasks' | 'claims' | 'kpis' | 'service';
  /** false: no token (API Gateway: no authorizer). */
  auth?: false;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A file as the body instead of JSON: media type → what it holds (body-guard.ts RAW_BODY_ROUTES). */
  rawBody?: Record<string, string>;
  idempotencyKey?: boolean;
  /** The 2xx answer: a JSON schema, or a binary/redirect answer described in words. */
  ok: { status: number; description: string; schema?: z.ZodType; binary?: boolean };
  /** Error statuses besides those every authenticated route may give (400, 401, 404, 413, 415, 500). */
  errors?: number[];
}

/** The intake row, documented from the intake's own column lists (rows are validated by the intake). */
const cell = z.union([z.string(), z.number()]);
const intakeRowSchema = z
  .object({
    ...Object.fromEntries(REQUIRED_COLUMNS.map((column) => [column, cell])),
    ...Object.fromEntries(
      [...AMOUNT_COLUMNS, ...OPTIONAL_COLUMNS].map((column) => [column, cell.optional()]),
    ),
  })
  .meta({
    id: 'IntakeRow',
    description:
      'One invoice, with the columns of a CSV/JSON intake file (README, "Intake format"): amount in euros (`1 234,56`) or amount_cents; dates YYYY-MM-DD or DD/MM/YYYY.',
  });

const page = (item: z.ZodType) =>
  z.object({
    items: z.array(item),
    cursor: z.string().optional().describe('Opaque; absent on the last page'),
  });

// Schemas that depend on "today" (dates refused in the future) are documented as of the day the document is built.
const today = parisDate(new Date());

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /kpis': {
    summary: 'KPIs of a period: recovery rate, DSO, delays, cost, disputes, ageing, funnel, trend',
    tag: 'kpis',
    query: kpiQueryDocSchema,
    ok: {
      status: 200,
      description: 'The KPIs over Paris days [from, to] (docs/kpis.md)',
      schema: kpiReportSchema,
    },
  },
  'GET /health': {
    summary: 'Liveness',
    tag: 'service',
    auth: false,
    ok: { status: 200, description: 'The API answers', schema: healthSchema },
  },
  'GET /openapi.json': {
    summary: 'This document',
    tag: 'service',
    auth: false,
    ok: {
      status: 200,
      description: 'The OpenAPI 3.1 document',
      schema: z.looseObject({ openapi: z.string() }),
    },
  },
  'POST /invoices': {
    summary: 'Import a batch of invoices (the intake format); each bad row is reported, the others stored',
    tag: 'invoices',
    body: z.object({ invoices: z.array(intakeRowSchema).min(1).max(MAX_INVOICES_PER_REQUEST) }),
    // Or one e-invoice as the body (routes/e-invoices.ts); its rejects name EN 16931 business terms.
    rawBody: {
      'application/pdf': 'A Factur-X invoice: PDF/A-3 with factur-x.xml (CII) embedded',
      'application/xml':
        'A UBL 2.1 Invoice or CreditNote, or a UN/CEFACT CII CrossIndustryInvoice; a DOCTYPE is refused',
    },
    idempotencyKey: true,
    ok: { status: 200, description: 'The intake report', schema: intakeReportSchema },
    errors: [409, 422],
  },
  'GET /dossiers': {
    summary: "List the tenant's dossiers: filters, sort, cursor pages",
    tag: 'dossiers',
    query: dossierListQuerySchema,
    ok: { status: 200, description: 'A page of dossiers', schema: page(dossierSummarySchema) },
  },
  'GET /dossiers/{dossierId}': {
    summary: 'One dossier',
    tag: 'dossiers',
    ok: { status: 200, description: 'The dossier', schema: dossierSchema },
  },
  'GET /dossiers/{dossierId}/timeline': {
    summary: "The dossier's timeline (append-only evidence)",
    tag: 'dossiers',
    ok: {
      status: 200,
      description: 'Every event, oldest first',
      schema: z.object({ items: z.array(timelineEventSchema) }),
    },
  },
  'GET /dossiers/{dossierId}/documents': {
    summary: 'Letters, formal notices, e-mail evidence, statements and court files of the dossier',
    tag: 'documents',
    ok: {
      status: 200,
      description: 'The documents, with their SHA-256',
      schema: z.object({ items: z.array(documentSchema) }),
    },
  },
  'GET /documents/{documentId}': {
    summary: 'A document: its bytes (embedded) or a 303 to a pre-signed URL (AWS)',
    tag: 'documents',
    ok: {
      status: 200,
      description:
        'The bytes (application/pdf, message/rfc822, application/zip…); on AWS a 303 See Other to a pre-signed S3 URL',
      binary: true,
    },
  },
  'POST /dossiers/{dossierId}/payments': {
    summary: 'Record a payment',
    tag: 'dossiers',
    body: paymentSchema,
    ok: {
      status: 200,
      description: 'The payment as imputed, and what the dossier still owes',
      schema: paymentOutcomeSchema,
    },
    errors: [409, 422],
  },
  'POST /dossiers/{dossierId}/disputes': {
    summary: 'Record a dispute of some invoices or the whole dossier: only what is disputed pauses',
    tag: 'dossiers',
    body: disputeSchema,
    ok: {
      status: 200,
      description: "The dossier's status (disputed, off the sweep, once every owed invoice is disputed)",
      schema: disputeOutcomeSchema,
    },
    errors: [409],
  },
  ...LIFECYCLE_ROUTE_DOCS,
  ...PAYMENT_PLAN_ROUTE_DOCS,
  ...PRESCRIPTION_EVENT_ROUTE_DOCS,
  ...E_INVOICE_ROUTE_DOCS,
  ...PERSONAL_DATA_ROUTE_DOCS,
  'POST /dossiers/{dossierId}/court-events': {
    summary:
      'Record a court or enforcement event (order issued, served, opposition, enforceable, mandate, act)',
    tag: 'dossiers',
    body: courtEventSchema,
    ok: {
      status: 200,
      description:
        'The judicial stage after the event and the court deadlines the daily sweep watches; an out-of-order event or an eventId reused with another content is a 409 with the reason',
      schema: courtEventOutcomeSchema,
    },
    errors: [409],
  },
  'POST /dossiers/{dossierId}/opt-outs': {
    summary: 'Record an opt-out of a channel',
    tag: 'dossiers',
    body: optOutSchema,
    ok: { status: 200, description: 'Every channel the debtor opted out of', schema: optOutOutcomeSchema },
  },
  'POST /dossiers/{dossierId}/resume': {
    summary: 'Resume a dossier parked after failing steps',
    tag: 'dossiers',
    ok: {
      status: 200,
      description: 'Whether it was resumed, and its next action',
      schema: resumeOutcomeSchema,
    },
    errors: [409],
  },
  'POST /dossiers/{dossierId}/judicial-decision': {
    summary: "Record the creditor's decision on the judicial review: file, lawyer, write-off, or wait",
    tag: 'dossiers',
    body: judicialDecisionSchema(today),
    ok: {
      status: 200,
      description: 'The decision and the judicial stage it sets (idempotent on decisionId)',
      schema: judicialDecisionOutcomeSchema,
    },
    errors: [409],
  },
  'POST /dossiers/{dossierId}/insolvency': {
    summary: "Record the debtor's insolvency proceedings (the review then recommends a write-off)",
    tag: 'dossiers',
    body: insolvencySchema(today),
    ok: {
      status: 200,
      description: 'The declaration deadline and the recommendation after it',
      schema: insolvencyOutcomeSchema,
    },
  },
  'POST /dossiers/{dossierId}/registered-letters/{letterRef}/posting': {
    summary: 'Record the posting of a registered letter sent by hand',
    tag: 'tasks',
    body: letterPostingSchema(today),
    ok: {
      status: 200,
      description: 'The posting and the next action it sets',
      schema: letterPostingOutcomeSchema,
    },
    errors: [409],
  },
  'POST /dossiers/{dossierId}/registered-letters/{letterRef}/receipt': {
    summary: 'Record the receipt (or return) of a registered letter',
    tag: 'tasks',
    body: letterReceiptSchema(today),
    ok: {
      status: 200,
      description: 'The receipt and the next action it sets',
      schema: letterReceiptOutcomeSchema,
    },
    errors: [409],
  },
  'GET /tasks': {
    summary: 'Tasks for a person: calls (default), registered letters, stuck dossiers, judicial reviews',
    tag: 'tasks',
    query: taskKindQuerySchema.extend(taskListQuerySchema.shape),
    ok: { status: 200, description: 'The open tasks, highest priority first', schema: taskListSchema },
  },
  'POST /tasks/{taskId}/outcome': {
    summary: "Record a call's outcome",
    tag: 'tasks',
    body: callOutcomeSchema(today),
    ok: {
      status: 200,
      description: "The outcome recorded, the dossier's status and next action",
      schema: callOutcomeResultSchema,
    },
    errors: [409],
  },
  'POST /claims/quote': {
    summary:
      'What a claim is worth on a day (the `claim` calculator): interest, indemnity, prescription, procedure',
    tag: 'claims',
    body: claimInputSchema,
    ok: { status: 200, description: 'The claim statement', schema: claimStatementSchema },
    errors: [422],
  },
};
