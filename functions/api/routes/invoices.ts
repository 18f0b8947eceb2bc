import * as z from 'zod';
import { json } from '../../../shared/adapters/http/problem';
import { parisDate } from '../../../shared/domain/calendar';
import { NotFoundError, UnprocessableError } from '../../../shared/domain/errors';
import { idempotent, parseIdempotencyKey } from '../../../shared/use-cases/client-api/idempotency';
import { ingestInvoices } from '../../../shared/use-cases/intake/ingest-invoices';
import { parseInput } from '../../../shared/use-cases/parse-input';
import type { TenantDirectory } from '../../../shared/use-cases/ports';
import { body, type Route } from '../request';
import { header } from './body-guard';
import { E_INVOICE_TYPES, postEInvoice } from './e-invoices';

/**
 * `POST /invoices`: a batch of invoices in the intake format, through the very use case the
 * intake bucket's files go through (row validation, deduplication, qualification), so a row is
 * accepted or rejected for the same reasons whichever way it came. Only the envelope is checked
 * here; each row's problems land in the report, its neighbours are stored.
 */
export const MAX_INVOICES_PER_REQUEST = 5_000;

export const invoiceBatchSchema = z
  .object({
    invoices: z
      .array(z.record(z.string(), z.unknown(), { error: 'expected an object (one invoice row)' }), {
        error: 'expected an array of invoice rows',
      })
      .min(1, 'at least one invoice')
      .max(MAX_INVOICES_PER_REQUEST, `at most ${MAX_INVOICES_PER_REQUEST} invoices per request`),
  })
  .strict();

const NO_PROFILES: TenantDirectory = {
  getTenant: async (tenantId) => {
    throw new NotFoundError(`tenant ${tenantId} has no profile`);
  },
  listTenantIds: async () => [],
};

export const postInvoices: Route = async (deps, tenantId, event, now) => {
  // A Factur-X PDF or a UBL / CII XML as the body: an e-invoice, not a batch of rows.
  if (E_INVOICE_TYPES.test(header(event, 'content-type') ?? ''))
    return postEInvoice(deps, tenantId, event, now);
  const batch = parseInput(invoiceBatchSchema, body(event));
  const key = parseIdempotencyKey(header(event, 'idempotency-key'));
  const work = async () => {
    const report = await ingestInvoices(
      { repository: deps.repository, tenants: deps.tenants ?? NO_PROFILES, logger: deps.logger },
      {
        tenantId,
        // A `.json` name: the intake reads the body as a JSON intake file.
        key: `api/${parisDate(now)}/${event.requestContext.requestId}.json`,
        body: JSON.stringify(batch),
        receivedAt: now,
      },
    );
    // Refused as a whole (no tenant profile): nothing stored, and a retry after the fix may succeed.
    if (report.refusal) throw new UnprocessableError(report.refusal.field, report.refusal.reason);
    return { statusCode: 200, body: report, store: true };
  };
  if (!key) return json(200, (await work()).body);
  if (!deps.idempotency) throw new Error('no idempotency store is configured');
  const result = await idempotent(
    deps.idempotency,
    { tenantId, scope: 'invoices', key, body: batch, now },
    work,
  );
  const response = json(result.statusCode, result.body);
  if (!result.replayed) return response;
  return { ...response, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } };
};
