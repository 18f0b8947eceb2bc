import { ingestInvoices } from '../../../shared/use-cases/intake/ingest-invoices';
import { intakeObject } from '../../../shared/use-cases/intake/intake-object';
import { aTenant } from '../../support/builders';
import { useDynalite } from '../../support/dynalite';
import { MemoryBlobStore, pipelineOn, type TestPipeline } from '../../support/recording-ports';

/** The day files arrive in these tests (Paris: 10 March 2026). */
export const RECEIVED = '2026-03-10T08:00:00.000Z';
export const BUCKET = 'intake';

export const HEADER =
  'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;issue_date;due_date';

/** A valid row of HEADER, with `overrides` by column name. */
export function row(overrides: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    invoice_number: 'F-1',
    debtor_ref: 'D-1',
    debtor_type: 'professional',
    debtor_name: 'Alpha SAS',
    debtor_email: 'compta@alpha.example',
    debtor_phone: '',
    address_line1: '1 rue A',
    postal_code: '75001',
    city: 'Paris',
    country: 'FR',
    amount: '100',
    issue_date: '2026-02-01',
    due_date: '2026-03-01',
    ...overrides,
  };
  return HEADER.split(';')
    .map((column) => values[column])
    .join(';');
}

/**
 * Real parts for intake tests: dynalite, the real repository, the real intake use cases; the
 * bucket is an in-memory BlobStore (the embedded stack's folder store is tested in test/functions).
 */
export function useIntake() {
  let deps: TestPipeline;
  let counter = 0;
  const blobs = new MemoryBlobStore();
  useDynalite((dynamo) => {
    deps = pipelineOn(dynamo);
  });
  return {
    deps: () => deps,
    blobs,
    /** A tenant of its own for each test, with a professional creditor profile. */
    async newTenant(): Promise<string> {
      const tenantId = `tenant-${++counter}`;
      await deps.repository.putTenant(aTenant(tenantId));
      return tenantId;
    },
    ingest(tenantId: string, name: string, body: string | Uint8Array, receivedAt = RECEIVED) {
      return ingestInvoices(deps, { tenantId, key: `${tenantId}/${name}`, body, receivedAt });
    },
    /** The object lands in the bucket and goes through intakeObject, as the S3 event drives it. */
    async drop(key: string, body: string | Uint8Array, receivedAt = RECEIVED) {
      await blobs.put(BUCKET, key, body);
      return intakeObject({ ...deps, blobs }, { bucket: BUCKET, key, receivedAt });
    },
    /** A stored object as bytes; undefined when absent. */
    async read(key: string): Promise<Uint8Array | undefined> {
      return blobs.objects.get(`${BUCKET}/${key}`);
    },
  };
}
