import type { StatusFeedReport } from '../e-invoice-status/apply-invoice-statuses';
import { ingestStatusFeed } from '../e-invoice-status/ingest-status-feed';
import type { BlobStore, DossierRepository, Logger, TenantDirectory } from '../ports';
import { type EInvoiceReport, ingestEInvoice } from './e-invoices/ingest-e-invoice';
import type { IntakeReport } from './ingest-invoices';
import { writeErrorReport, writeRejectsReport } from './rejects-report';
import { UnreadableFileError } from './unreadable-file';

/** The intake folder of e-invoice status feeds (README, "E-invoice status feed"). */
export const INVOICE_STATUSES_FOLDER = 'invoice-statuses';

export interface EInvoiceObjectDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  blobs: BlobStore;
  logger: Logger;
  documentsBucket?: string | undefined;
}

type Input = { bucket: string; key: string; receivedAt: string };

export type EInvoiceObjectOutcome =
  | { kind: 'e-invoice'; key: string; report: EInvoiceReport; rejectsKey?: string }
  | { kind: 'invoice-statuses'; key: string; report: StatusFeedReport; rejectsKey?: string }
  | { kind: 'unreadable'; key: string; reason: string; errorKey: string };

/** Either report's rejects beside the file, or `<key>.error.json` when it cannot be read at all. */
async function withReports<R extends Pick<IntakeReport, 'rejected' | 'refusal'>>(
  deps: EInvoiceObjectDeps,
  input: Input,
  tenantId: string,
  run: () => Promise<R>,
): Promise<{ report: R; rejectsKey?: string } | { unreadable: string; errorKey: string }> {
  const { bucket, key, receivedAt } = input;
  let report: R;
  try {
    report = await run();
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    const errorKey = await writeErrorReport(deps.blobs, bucket, { key, receivedAt, reason: error.message });
    deps.logger.warn('intake file unreadable', { tenantId, errorKey });
    return { unreadable: error.message, errorKey };
  }
  const rejectsKey = await writeRejectsReport(deps.blobs, bucket, key, report);
  return rejectsKey ? { report, rejectsKey } : { report };
}

/** A Factur-X PDF, UBL or CII file dropped in the intake bucket (sniffed by its content). */
export async function eInvoiceObject(
  deps: EInvoiceObjectDeps,
  input: Input,
  tenantId: string,
  bytes: Uint8Array,
): Promise<EInvoiceObjectOutcome> {
  const documents = deps.documentsBucket ? { blobs: deps.blobs, bucket: deps.documentsBucket } : undefined;
  const done = await withReports(deps, input, tenantId, () =>
    ingestEInvoice(
      { ...deps, documents },
      { tenantId, key: input.key, body: bytes, receivedAt: input.receivedAt },
    ),
  );
  if ('unreadable' in done)
    return { kind: 'unreadable', key: input.key, reason: done.unreadable, errorKey: done.errorKey };
  return { kind: 'e-invoice', key: input.key, ...done };
}

/** `<tenantId>/invoice-statuses/<name>.json|.csv`: platform lifecycle statuses (e-invoice-status/). */
export async function statusFeedObject(
  deps: EInvoiceObjectDeps,
  input: Input,
  tenantId: string,
  bytes: Uint8Array,
): Promise<EInvoiceObjectOutcome> {
  const done = await withReports(deps, input, tenantId, () =>
    ingestStatusFeed(deps, {
      tenantId,
      key: input.key,
      text: new TextDecoder().decode(bytes),
      receivedAt: input.receivedAt,
    }),
  );
  if ('unreadable' in done)
    return { kind: 'unreadable', key: input.key, reason: done.unreadable, errorKey: done.errorKey };
  return { kind: 'invoice-statuses', key: input.key, ...done };
}
