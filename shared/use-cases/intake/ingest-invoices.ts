import { parisDate } from '../../domain/calendar';
import { dossierIdFor } from '../../domain/dossier';
import { findTenant } from '../find-tenant';
import type { DossierRepository, Logger, TenantDirectory } from '../ports';
import {
  type DebtorContext,
  planDebtor,
  type RejectedRow,
  storeDossier,
  type ValidRow,
} from './debtor-intake';
import { decodeIntakeFile } from './decode-intake-file';
import { rowAmountCents, validateInvoiceRow } from './invoice-row';
import { type FileRefusal, parseIntakeFile } from './parse-intake-file';
import { rejectionOf } from './rejection';

export type { RejectedRow } from './debtor-intake';
export type { FileRefusal } from './parse-intake-file';

export interface IntakeReport {
  tenantId: string;
  /** Data rows read (CSV lines after the header, JSON array entries), malformed ones included. */
  rows: number;
  accepted: number;
  /** Rows identical to an invoice already stored (the same file delivered again): neither added nor rejected. */
  alreadyImported: number;
  /** One entry per rejected row, whatever the number of its reasons. */
  rejected: RejectedRow[];
  dossiers: number;
  /** How the file's bytes were read (utf-8, windows-1252…). */
  encoding: string;
  /** The whole file refused (no tenant profile, no usable header): nothing stored. */
  refusal?: FileRefusal;
}

export interface IngestDeps {
  repository: DossierRepository;
  tenants: TenantDirectory;
  logger: Logger;
}

/** Debtors handled at once: dossiers and claims are single-item conditional writes. */
const PARALLEL_DEBTORS = 8;
/** Debtors whose dossiers are read in one BatchGetItem (its limit is 100 keys). */
const DEBTORS_PER_PAGE = 100;

/** Runs `work` on every item, PARALLEL_DEBTORS at a time (a pool: no batch waits for its slowest). */
async function inPool<T, R>(items: T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DEBTORS, items.length) }, worker));
  return results;
}

/**
 * Ingests one intake file for a tenant.
 * 0. refuse the whole file when the tenant has no profile (its letters would have no sender, and
 *    every step would fail each morning) or the CSV has no usable header;
 * 1. decode the bytes (decode-intake-file.ts) and parse them into rows, malformed lines reported;
 * 2. validate each row, all of its reasons in one reject; 3. reject the second occurrence of an
 *    invoice number within the file;
 * 4. per page of 100 debtors: read their dossiers in one BatchGetItem; rows identical to an
 *    invoice already stored are counted, not re-imported nor rejected; per debtor, reserve each
 *    invoice number (dedup across files), qualify (nature, prescription) and schedule the first
 *    action (debtor-intake.ts); write the page's `invoice-added` events in batches, then create
 *    or save each dossier with its condition.
 * A bad row never stops its neighbours: it lands in the report, the others are stored.
 */
export async function ingestInvoices(
  deps: IngestDeps,
  input: { tenantId: string; key: string; body: string | Uint8Array; receivedAt: string },
): Promise<IntakeReport> {
  const { tenantId } = input;
  const decoded =
    typeof input.body === 'string' ? { text: input.body, encoding: 'utf-8' } : decodeIntakeFile(input.body);
  const empty = { tenantId, rows: 0, accepted: 0, alreadyImported: 0, rejected: [], dossiers: 0 };
  const refuse = (refusal: FileRefusal): IntakeReport => {
    deps.logger.warn('intake file refused', { tenantId, field: refusal.field, encoding: decoded.encoding });
    return { ...empty, encoding: decoded.encoding, refusal };
  };
  const tenant = await findTenant(deps.tenants, tenantId);
  if (!tenant)
    return refuse({
      field: 'tenant',
      reason: `tenant ${tenantId} has no profile: drop ${tenantId}/tenant.json first, then this file again`,
    });
  const parsed = parseIntakeFile(input.key, decoded.text);
  if (parsed.kind === 'refused') return refuse(parsed.refusal);

  const today = parisDate(input.receivedAt);
  const rejected: RejectedRow[] = parsed.malformed.map(({ row, reason }) => ({
    row,
    invoiceNumber: '',
    field: 'line',
    reason,
  }));
  const valid: ValidRow[] = [];
  const seen = new Set<string>();
  for (const { row, values } of parsed.rows) {
    const checked = validateInvoiceRow(values, today);
    const invoiceNumber = typeof values.invoice_number === 'string' ? values.invoice_number.trim() : '';
    if (!checked.ok) {
      rejected.push(rejectionOf(row, invoiceNumber, checked.problems));
      continue;
    }
    if (seen.has(checked.row.invoice_number)) {
      rejected.push({ row, invoiceNumber, field: 'invoice_number', reason: 'duplicate in this file' });
      continue;
    }
    seen.add(checked.row.invoice_number);
    valid.push({ row, data: checked.row });
  }

  const byDebtor = new Map<string, ValidRow[]>();
  for (const r of valid) {
    const rows = byDebtor.get(r.data.debtor_ref);
    if (rows) rows.push(r);
    else byDebtor.set(r.data.debtor_ref, [r]);
  }
  const context: DebtorContext = {
    tenantId,
    creditorType: tenant.creditorType,
    today,
    at: input.receivedAt,
    settings: tenant,
  };
  let accepted = 0;
  let alreadyImported = 0;
  const groups = [...byDebtor.values()];
  for (let start = 0; start < groups.length; start += DEBTORS_PER_PAGE) {
    const page = groups.slice(start, start + DEBTORS_PER_PAGE);
    const ids = page.map((rows) => dossierIdFor(rows[0]!.data.debtor_ref));
    const existing = await deps.repository.getDossiers(tenantId, ids);
    // The same invoice again (a re-delivered file, an export of every open invoice): counted, not
    // rejected, so a re-delivery writes the same report as the first delivery did.
    const fresh = page.map((rows, index) => {
      const held = new Map(existing.get(ids[index]!)?.invoices.map((inv) => [inv.number, inv]));
      return rows.filter(({ data }) => {
        const invoice = held.get(data.invoice_number);
        const same =
          invoice?.amountCents === rowAmountCents(data) &&
          invoice.issueDate === data.issue_date &&
          invoice.dueDate === data.due_date;
        if (same) alreadyImported++;
        return !same;
      });
    });
    const plans = await inPool(fresh, (rows, index) =>
      rows.length === 0
        ? Promise.resolve(undefined)
        : planDebtor(deps.repository, context, rows, existing.get(ids[index]!)),
    );
    // Events before dossiers: a crash in between leaves claims and events a retry rewrites
    // identically, and no dossier holding invoices whose events were never written.
    await deps.repository.putEvents(plans.flatMap((plan) => plan?.events ?? []));
    await inPool(
      plans.flatMap((plan) => (plan?.store ? [plan.store] : [])),
      (store) => storeDossier(deps.repository, store),
    );
    for (const plan of plans) {
      accepted += plan?.accepted ?? 0;
      rejected.push(...(plan?.rejected ?? []));
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  const rows = parsed.rows.length + parsed.malformed.length;
  deps.logger.info('intake file processed', {
    tenantId,
    encoding: decoded.encoding,
    rows,
    accepted,
    alreadyImported,
    rejected: rejected.length,
    dossiers: byDebtor.size,
  });
  return {
    tenantId,
    rows,
    accepted,
    alreadyImported,
    rejected,
    dossiers: byDebtor.size,
    encoding: decoded.encoding,
  };
}
