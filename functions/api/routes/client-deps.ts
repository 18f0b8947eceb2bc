import type { DocumentStore } from '../../../shared/use-cases/client-api/dossier-documents';
import type { IdempotencyStore } from '../../../shared/use-cases/client-api/idempotency';

/** What the client-API routes of this folder need beyond the router's core dependencies. */
export interface ClientApiDeps {
  /** `Idempotency-Key` of POST /invoices (DynamoDB on AWS and embedded alike). */
  idempotency?: IdempotencyStore;
  /** The documents' bytes or links: the documents bucket on AWS, the outbox folder embedded. */
  documentStore?: DocumentStore;
}
