import type { DocumentStore } from '../../../shared/use-cases/client-api/dossier-documents';
import type { IdempotencyStore } from '../../../shared/use-cases/client-api/idempotency';
import type { BlobStore } from '../../../shared/use-cases/ports';

/** What the client-API routes of this folder need beyond the router's core dependencies. */
export interface ClientApiDeps {
  /** `Idempotency-Key` of POST /invoices (DynamoDB on AWS and embedded alike). */
  idempotency?: IdempotencyStore;
  /** The documents' bytes or links: the documents bucket on AWS, the outbox folder embedded. */
  documentStore?: DocumentStore;
  /** POST /invoices with an e-invoice: where its PDF (or XML) is kept for the court file. */
  documents?: BlobStore;
  documentsBucket?: string;
}
