import * as z from 'zod';
import { CDAR_STATUSES } from '../../../shared/use-cases/e-invoice-status/cdar-statuses';
import { MAX_STATUSES_PER_FEED } from '../../../shared/use-cases/e-invoice-status/status-feed';
import type { RouteDoc } from './route-docs';

const statusMessageDoc = z
  .object({
    invoice_number: z.string().describe('BT-1 of the invoice the platform reports on'),
    status: z
      .union([z.number(), z.string()])
      .describe(`CDAR code or label: ${CDAR_STATUSES.map((s) => `${s.code} ${s.label}`).join(', ')}`),
    date: z.string().describe('YYYY-MM-DD: the day of the status'),
    reason: z.string().optional().describe("The platform's reason code (kept only when it is a code)"),
    amount: z
      .union([z.string(), z.number()])
      .optional()
      .describe('Encaissée: euros cashed (absent: the balance)'),
    amount_cents: z.number().int().optional(),
  })
  .meta({ id: 'InvoiceStatusMessage' });

const statusFeedReportSchema = z
  .object({
    tenantId: z.string(),
    rows: z.number().int(),
    applied: z.number().int(),
    alreadyApplied: z.number().int().describe('The same status, invoice and date again: nothing changed'),
    rejected: z.array(
      z.object({ row: z.number().int(), invoiceNumber: z.string(), field: z.string(), reason: z.string() }),
    ),
  })
  .meta({ id: 'InvoiceStatusReport' });

export const E_INVOICE_ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /invoice-statuses': {
    summary:
      'Apply e-invoicing platform lifecycle statuses: refused/disputed → dispute, suspended → hold, payment transmitted → promise, cashed → payment',
    tag: 'invoices',
    body: z.object({ statuses: z.array(statusMessageDoc).min(1).max(MAX_STATUSES_PER_FEED) }),
    ok: {
      status: 200,
      description:
        'Each status applied or reported (unknown invoice or code, out of order, refused by the dossier)',
      schema: statusFeedReportSchema,
    },
  },
};
