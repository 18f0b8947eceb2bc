import { parisDate } from '../../domain/calendar';
import { dossierIdFor } from '../../domain/dossier';
import type { DossierRepository, Logger, TenantDirectory } from '../ports';
import {
  type DebtorContext,
  planDebtor,
  type RejectedRow,
  storeDossier,
  type ValidRow,
} from './debtor-intake';
import { invoiceRowSchema } from './invoice-row';
import { parseIntakeFile } from './parse-intake-file';

export type { RejectedRow } from './debtor-intake';

export interface IntakeReport {
  tenantId: string;
  rows: number;
  accepted: number;
  rejected: RejectedRow[];
  dossiers: number;
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
 * 1. parse the file into rows; 2. validate each row (zod), collecting the reason of every reject;
 * 3. reject the second occurrence of an invoice number within the file;
 * 4. per page of 100 debtors: read their dossiers in one BatchGetItem; per debtor, reserve each
 *    invoice number (dedup across files), qualify (nature, prescription) and schedule the first
 *    action (debtor-intake.ts); write the page's `invoice-added` events in batches, then create
 *    or save each dossier with its condition.
 * A bad row never stops its neighbours: it lands in the report, the others are stored.
 */
export async function ingestInvoices(
  deps: IngestDeps,
  input: { tenantId: string; key: string; body: string; receivedAt: string },
): Promise<IntakeReport> {
  const { tenantId } = input;
  const rejected: RejectedRow[] = [];
  const raw = parseIntakeFile(input.key, input.body);
  const valid: ValidRow[] = [];
  const seen = new Set<string>();
  for (const { row, values } of raw) {
    const parsed = invoiceRowSchema.safeParse(values);
    const invoiceNumber = String(values.invoice_number ?? '');
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        rejected.push({ row, invoiceNumber, field: issue.path.join('.') || 'row', reason: issue.message });
      }
      continue;
    }
    if (seen.has(parsed.data.invoice_number)) {
      rejected.push({ row, invoiceNumber, field: 'invoice_number', reason: 'duplicate in this file' });
      continue;
    }
    seen.add(parsed.data.invoice_number);
    valid.push({ row, data: parsed.data });
  }

  const byDebtor = new Map<string, ValidRow[]>();
  for (const r of valid) {
    const rows = byDebtor.get(r.data.debtor_ref);
    if (rows) rows.push(r);
    else byDebtor.set(r.data.debtor_ref, [r]);
  }
  const tenant = await deps.tenants.getTenant(tenantId).catch(() => undefined);
  const context: DebtorContext = {
    tenantId,
    creditorType: tenant?.creditorType ?? 'professional',
    today: parisDate(input.receivedAt),
    at: input.receivedAt,
    settings: tenant ?? {},
  };
  let accepted = 0;
  const groups = [...byDebtor.values()];
  for (let start = 0; start < groups.length; start += DEBTORS_PER_PAGE) {
    const page = groups.slice(start, start + DEBTORS_PER_PAGE);
    const ids = page.map((rows) => dossierIdFor(rows[0]!.data.debtor_ref));
    const existing = await deps.repository.getDossiers(tenantId, ids);
    const plans = await inPool(page, (rows, index) =>
      planDebtor(deps.repository, context, rows, existing.get(ids[index]!)),
    );
    // Events before dossiers: a crash in between leaves claims and events a retry rewrites
    // identically, and no dossier holding invoices whose events were never written.
    await deps.repository.putEvents(plans.flatMap((plan) => plan.events));
    await inPool(
      plans.flatMap((plan) => (plan.store ? [plan.store] : [])),
      (store) => storeDossier(deps.repository, store),
    );
    for (const plan of plans) {
      accepted += plan.accepted;
      rejected.push(...plan.rejected);
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  deps.logger.info('intake file processed', {
    tenantId,
    rows: raw.length,
    accepted,
    rejected: rejected.length,
    dossiers: byDebtor.size,
  });
  return { tenantId, rows: raw.length, accepted, rejected, dossiers: byDebtor.size };
}
