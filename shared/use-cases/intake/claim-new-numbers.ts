import type { Dossier } from '../../domain/dossier';
import type { DossierRepository } from '../ports';
import type { ValidRow } from './debtor-intake';
import { roomFor } from './dossier-capacity';

/**
 * The invoice numbers planDebtor would claim for one debtor, in the same order and by the same
 * rules: not already in its dossier, not past the dossier's invoice limit (counted in file
 * order), not claimed already (`held`).
 */
function numbersToClaim(
  rows: ValidRow[],
  existing: Dossier | undefined,
  held: ReadonlyMap<string, string>,
): string[] {
  const known = new Set(existing?.invoices.map((invoice) => invoice.number));
  let room = roomFor(existing?.invoices.length ?? 0);
  const out: string[] = [];
  for (const { data } of rows) {
    if (known.has(data.invoice_number) || room === 0) continue;
    room--;
    if (!held.has(data.invoice_number)) out.push(data.invoice_number);
  }
  return out;
}

/**
 * Claims a page's new invoice numbers in one call (repository.claimInvoiceNumbers: transactions
 * of 100 where the store has them) and returns the claims read before with these added, so
 * planDebtor finds every number held and writes none itself. A number claimed here for its own
 * debtor reads as a retry's claim, which planDebtor accepts exactly like a fresh one; one another
 * file claimed meanwhile reads as the other debtor's, rejected as before. Without the batch method
 * the claims are returned as read, and planDebtor claims each new number by its own put.
 */
export async function claimNewNumbers(
  repository: DossierRepository,
  tenantId: string,
  page: { rows: ValidRow[]; dossierId: string; existing: Dossier | undefined }[],
  held: ReadonlyMap<string, string> | undefined,
): Promise<ReadonlyMap<string, string> | undefined> {
  if (!repository.claimInvoiceNumbers) return held;
  const before = held ?? new Map<string, string>();
  const requests = page.flatMap(({ rows, dossierId, existing }) =>
    numbersToClaim(rows, existing, before).map((invoiceNumber) => ({ invoiceNumber, dossierId })),
  );
  if (requests.length === 0) return before;
  const claimed = await repository.claimInvoiceNumbers(tenantId, requests);
  return new Map([...before, ...claimed]);
}
