import { createHash } from 'node:crypto';
import { ConflictError } from '../../domain/errors';
import type { Invoice } from '../../domain/parties';
import type { BlobStore } from '../ports';

/**
 * The invoices as the debtor received them, for the court file's exhibits (CPC 1407: the request
 * comes with the documents the claim rests on): an e-invoice's kept document (the Factur-X PDF,
 * or the UBL / CII XML), read from the documents bucket and checked against the SHA-256 recorded
 * when it arrived (e-invoices/ingest-e-invoice.ts). Invoices that came as CSV rows have none.
 */
export async function invoiceDocumentFiles(
  deps: { documents: BlobStore; documentsBucket: string },
  invoices: readonly Invoice[],
  claimed: ReadonlySet<string>,
  fileName: (number: string) => string,
): Promise<{ name: string; bytes: Uint8Array; contentType: string; description: string }[]> {
  const files = [];
  for (const invoice of invoices) {
    const document = invoice.eInvoice?.document;
    if (!document || !claimed.has(invoice.number)) continue;
    const bytes = await deps.documents.get(deps.documentsBucket, document.key);
    if (createHash('sha256').update(bytes).digest('hex') !== document.sha256)
      throw new ConflictError(
        `invoice ${invoice.number}: stored document differs from the SHA-256 recorded at intake`,
      );
    const pdf = document.contentType === 'application/pdf';
    files.push({
      name: `02-factures/${fileName(invoice.number)}.${pdf ? 'pdf' : 'xml'}`,
      bytes,
      contentType: document.contentType,
      // An XML invoice is the original but no court reads XML: its data, rendered, is the `.json` beside it.
      description: pdf
        ? `invoice ${invoice.number} as received (${invoice.eInvoice!.syntax} PDF)`
        : `invoice ${invoice.number} as received (${invoice.eInvoice!.syntax} XML, the original; its data rendered in ${fileName(invoice.number)}.json)`,
    });
  }
  return files;
}
