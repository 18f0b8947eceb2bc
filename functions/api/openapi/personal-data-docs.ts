import * as z from 'zod';
import type { RouteDoc } from './route-docs';

const documentEntry = z.object({
  key: z.string().describe('Storage key the timeline recorded'),
  sha256: z.string(),
  kind: z.enum(['formal-notice', 'letter', 'email', 'statement', 'court-file', 'invoice', 'other']),
  eventId: z.string().optional(),
  invoiceNumber: z.string().optional(),
});

const debtorExportSchema = z
  .object({
    exportedAt: z.string(),
    tenantId: z.string(),
    debtorId: z.string().describe("The debtor's dossier id (one dossier per creditor and debtor)"),
    debtor: z.record(z.string(), z.unknown()).describe('Name, contact details, address, type, opt-outs'),
    dossier: z.record(z.string(), z.unknown()),
    invoices: z.array(z.record(z.string(), z.unknown())),
    payments: z.array(z.record(z.string(), z.unknown())),
    events: z.array(z.record(z.string(), z.unknown())),
    tasks: z.array(z.record(z.string(), z.unknown())),
    documents: z.array(documentEntry.extend({ on: z.string() })),
  })
  .meta({ id: 'DebtorExport' });

const erasureOutcomeSchema = z
  .object({
    debtorId: z.string(),
    erasedOn: z.string(),
    reason: z.enum(['request', 'retention']),
    alreadyErased: z.boolean().describe('Erased before: this call changed nothing'),
    deletedDocuments: z.array(documentEntry),
    keptDocuments: z.array(
      documentEntry.extend({
        reason: z.string(),
        articles: z.array(z.string()).describe('e.g. C.com. L123-22, RGPD art. 17(3)(b)'),
      }),
    ),
  })
  .meta({ id: 'ErasureOutcome' });

/** The debtor's personal data (docs/personal-data.md): export and erasure. */
export const PERSONAL_DATA_ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /debtors/{debtorId}/export': {
    summary:
      'Everything held on a debtor (RGPD art. 15, 20): dossier, invoices, payments, events, tasks, documents',
    tag: 'dossiers',
    ok: {
      status: 200,
      description: 'The export, with each document key and SHA-256',
      schema: debtorExportSchema,
    },
  },
  'DELETE /debtors/{debtorId}/personal-data': {
    summary:
      "Erases the debtor's personal data (RGPD art. 17); documents a legal obligation keeps are listed with the reason",
    tag: 'dossiers',
    ok: { status: 200, description: 'What was deleted and what was kept', schema: erasureOutcomeSchema },
    errors: [409],
  },
};
