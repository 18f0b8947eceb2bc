import { parisDate } from '../../../domain/calendar';
import type { EInvoiceRecord } from '../../../domain/e-invoice-record';
import { changeDossier } from '../../events/change-dossier';
import { findTenant } from '../../find-tenant';
import type { BlobStore, DossierRepository, Logger, TenantDirectory } from '../../ports';
import { dossierIdOf } from '../dossier-id';
import { type IntakeReport, ingestInvoices } from '../ingest-invoices';
import { validateInvoiceRow } from '../invoice-row';
import { rejectionOf } from '../rejection';
import { applyCreditNote } from './apply-credit-note';
import type { EInvoiceSyntax } from './e-invoice';
import { asTermProblem, mapEInvoice } from './e-invoice-row';
import { readEInvoice } from './read-e-invoice';

export interface EInvoiceIntakeDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  logger: Logger;
  /** Where the invoice document is kept for the court file: the documents bucket. Absent: not kept. */
  documents?: { blobs: BlobStore; bucket: string } | undefined;
}

export interface EInvoiceReport extends IntakeReport {
  format?: EInvoiceSyntax;
  kind?: 'invoice' | 'credit-note';
  /** Key of the invoice document in the documents bucket, once kept. */
  documentKey?: string;
}

/** A file name from an invoice number (numbers come from files: no separators, nothing that climbs). */
export function documentKeyFor(tenantId: string, dossierId: string, number: string, pdf: boolean): string {
  const safe = number.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return `${tenantId}/${dossierId}/invoices/${safe}.${pdf ? 'pdf' : 'xml'}`;
}

/**
 * Ingests one electronic invoice (a Factur-X PDF, a UBL 2.1 Invoice or CreditNote, a CII
 * CrossIndustryInvoice), from the intake bucket or POST /invoices:
 * 1. refuse it when the tenant has no profile; read it (read-e-invoice.ts: unreadable → thrown);
 * 2. a credit note reduces the invoice it references (apply-credit-note.ts);
 * 3. an invoice is checked (seller = tenant, BTs present and valid) and mapped to an intake row,
 *    whose column problems are reported by business term; then ingested by ingestInvoices, the
 *    very path of a CSV row (deduplication, qualification, first action);
 * 4. accepted (or already there): the document is kept in the documents bucket and the invoice
 *    gets its e-invoice record (amounts, mentions, document), the debtor its SIREN.
 * One invoice per file: the report's row is 1.
 */
export async function ingestEInvoice(
  deps: EInvoiceIntakeDeps,
  input: { tenantId: string; key: string; body: Uint8Array; receivedAt: string },
): Promise<EInvoiceReport> {
  const { tenantId, receivedAt } = input;
  const empty = { tenantId, rows: 1, accepted: 0, alreadyImported: 0, dossiers: 0, encoding: 'utf-8' };
  const tenant = await findTenant(deps.tenants, tenantId);
  if (!tenant)
    return {
      ...empty,
      rows: 0,
      rejected: [],
      refusal: {
        field: 'tenant',
        reason: `tenant ${tenantId} has no profile: drop ${tenantId}/tenant.json first, then this file again`,
      },
    };
  const { invoice, document } = await readEInvoice(input.body);
  const base = { ...empty, format: invoice.syntax, kind: invoice.kind };
  if (invoice.kind === 'credit-note') {
    const outcome = await applyCreditNote(deps, {
      tenantId,
      creditNote: invoice,
      tenant,
      receivedAt,
    });
    deps.logger.info('e-invoice credit note processed', {
      tenantId,
      format: invoice.syntax,
      outcome: outcome.kind,
    });
    if (outcome.kind === 'rejected')
      return { ...base, rejected: [rejectionOf(1, invoice.number ?? '', outcome.problems)] };
    return {
      ...base,
      rejected: [],
      dossiers: 1,
      ...(outcome.kind === 'applied' ? { accepted: 1 } : { alreadyImported: 1 }),
    };
  }

  const mapped = mapEInvoice(invoice, tenant);
  const today = parisDate(receivedAt);
  const checked = mapped.ok ? validateInvoiceRow(mapped.values, today) : undefined;
  const problems = !mapped.ok
    ? mapped.problems
    : checked && !checked.ok
      ? checked.problems.map(asTermProblem)
      : [];
  if (!mapped.ok || problems.length > 0) {
    deps.logger.info('e-invoice rejected', {
      tenantId,
      format: invoice.syntax,
      fields: problems.map((p) => p.field),
    });
    return { ...base, rejected: [rejectionOf(1, invoice.number ?? '', problems)] };
  }
  const report = await ingestInvoices(deps, {
    tenantId,
    // A `.json` name: the mapped row goes through the JSON intake path.
    key: `${input.key}.json`,
    body: JSON.stringify({ invoices: [mapped.values] }),
    receivedAt,
  });
  const rejected = report.rejected.map((r) => ({
    ...r,
    ...asTermProblem({ field: r.field, reason: r.reason }),
  }));
  const result: EInvoiceReport = { ...report, rejected, format: invoice.syntax, kind: 'invoice' };
  if (report.accepted + report.alreadyImported === 0) return result;

  // The dossier intake just wrote: named as the tenant names them (intake/dossier-id.ts).
  const dossierId = dossierIdOf(tenant, mapped.debtorRef);
  let record: EInvoiceRecord = mapped.record;
  if (deps.documents) {
    const key = documentKeyFor(
      tenantId,
      dossierId,
      invoice.number!,
      document.contentType === 'application/pdf',
    );
    const stored = await deps.documents.blobs.put(
      deps.documents.bucket,
      key,
      document.bytes,
      document.contentType,
    );
    record = {
      ...record,
      document: { key, sha256: stored.sha256, contentType: document.contentType },
    };
    result.documentKey = key;
  }
  await attachRecord(deps.repository, {
    tenantId,
    dossierId,
    number: invoice.number!,
    record,
    buyerSiren: mapped.buyerSiren,
    receivedAt,
  });
  return result;
}

/** Puts the e-invoice record on its invoice (keeping the credits already deducted), once. */
async function attachRecord(
  repository: DossierRepository,
  input: {
    tenantId: string;
    dossierId: string;
    number: string;
    record: EInvoiceRecord;
    buyerSiren: string | undefined;
    receivedAt: string;
  },
): Promise<void> {
  await changeDossier(repository, input, (dossier) => {
    const invoice = dossier.invoices.find((inv) => inv.number === input.number);
    if (!invoice) return undefined;
    const previous = invoice.eInvoice;
    const record: EInvoiceRecord = {
      ...input.record,
      ...(previous?.credits ? { credits: previous.credits } : {}),
    };
    const sirenMissing = input.buyerSiren && !dossier.debtor.siren;
    if (JSON.stringify(previous) === JSON.stringify(record) && !sirenMissing) return undefined;
    return {
      ...dossier,
      debtor: sirenMissing ? { ...dossier.debtor, siren: input.buyerSiren! } : dossier.debtor,
      invoices: dossier.invoices.map((inv) => (inv === invoice ? { ...inv, eInvoice: record } : inv)),
      updatedAt: input.receivedAt,
    };
  });
}
