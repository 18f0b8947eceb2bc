import * as z from 'zod';
import { json } from '../../../shared/adapters/http/problem';
import { parisDate } from '../../../shared/domain/calendar';
import { NotFoundError, UnprocessableError, ValidationError } from '../../../shared/domain/errors';
import { applyInvoiceStatuses } from '../../../shared/use-cases/e-invoice-status/apply-invoice-statuses';
import { readStatusMessages } from '../../../shared/use-cases/e-invoice-status/ingest-status-feed';
import { MAX_STATUSES_PER_FEED } from '../../../shared/use-cases/e-invoice-status/status-feed';
import { ingestEInvoice } from '../../../shared/use-cases/intake/e-invoices/ingest-e-invoice';
import { UnreadableFileError } from '../../../shared/use-cases/intake/unreadable-file';
import { parseInput } from '../../../shared/use-cases/parse-input';
import type { TenantDirectory } from '../../../shared/use-cases/ports';
import { body, type Route } from '../request';

/** Media types of an e-invoice body on POST /invoices (body-guard.ts RAW_BODY_ROUTES). */
export const E_INVOICE_TYPES = /^(application\/(pdf|xml)|text\/xml)\s*(;|$)/i;

const NO_PROFILES: TenantDirectory = {
  getTenant: async (tenantId) => {
    throw new NotFoundError(`tenant ${tenantId} has no profile`);
  },
  listTenantIds: async () => [],
};

/**
 * `POST /invoices` with a Factur-X PDF (application/pdf) or a UBL / CII XML (application/xml):
 * the file itself as the body, read as the intake bucket reads it (ingest-e-invoice.ts). The
 * answer is the intake report; its rejects name the EN 16931 business terms at fault.
 */
export const postEInvoice: Route = async (deps, tenantId, event, now) => {
  if (!event.body) throw new ValidationError('(body)', 'the e-invoice file is required as the body');
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  try {
    const report = await ingestEInvoice(
      {
        repository: deps.repository,
        tenants: deps.tenants ?? NO_PROFILES,
        logger: deps.logger,
        documents:
          deps.documents && deps.documentsBucket
            ? { blobs: deps.documents, bucket: deps.documentsBucket }
            : undefined,
      },
      {
        tenantId,
        key: `api/${parisDate(now)}/${event.requestContext.requestId}`,
        body: new Uint8Array(bytes),
        receivedAt: now,
      },
    );
    if (report.refusal) throw new UnprocessableError(report.refusal.field, report.refusal.reason);
    return json(200, report);
  } catch (error) {
    // Not an e-invoice at all (no embedded XML, a DOCTYPE, broken XML): a 400 saying why.
    if (error instanceof UnreadableFileError) throw new ValidationError('(body)', error.message);
    throw error;
  }
};

export const invoiceStatusesSchema = z
  .object({
    statuses: z
      .array(z.record(z.string(), z.unknown(), { error: 'expected an object (one status message)' }))
      .min(1, 'at least one status')
      .max(MAX_STATUSES_PER_FEED, `at most ${MAX_STATUSES_PER_FEED} statuses per request`),
  })
  .strict();

/**
 * `POST /invoice-statuses`: platform lifecycle statuses, the JSON of a status feed file
 * (README, "E-invoice status feed"). Each message is applied or reported, never blindly.
 */
export const postInvoiceStatuses: Route = async (deps, tenantId, event, now) => {
  const feed = parseInput(invoiceStatusesSchema, body(event));
  const { messages, problems } = readStatusMessages(
    feed.statuses.map((values, index) => ({ row: index + 1, values })),
  );
  return json(
    200,
    await applyInvoiceStatuses(deps, { tenantId, messages, problems, receivedAt: now, source: 'api' }),
  );
};

export const E_INVOICE_ROUTES: Record<string, Route> = {
  'POST /invoice-statuses': postInvoiceStatuses,
};
