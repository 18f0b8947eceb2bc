import { MAX_INVOICES_PER_DOSSIER } from '../../domain/dossier';
import type { Invoice } from '../../domain/parties';
import type { DossierRepository } from '../ports';

/**
 * How many invoices a debtor's dossier can still take. Two bounds: the count
 * (MAX_INVOICES_PER_DOSSIER, what a step and a letter can handle) and the store's (one item;
 * only long, random invoice numbers reach it before the count). Rows past either are refused
 * with a reason: the rest of the file, and of the debtor's rows, is stored.
 */

export const LIMIT_REASON = `the debtor's dossier holds ${MAX_INVOICES_PER_DOSSIER.toLocaleString('en')} invoices, the limit per debtor`;
export const STORAGE_REASON =
  "the debtor's dossier is full: its invoice list would exceed the stored dossier's size (400 KB)";

/** Invoices a dossier holding `held` can still take, by count. */
export function roomFor(held: number): number {
  return Math.max(0, MAX_INVOICES_PER_DOSSIER - held);
}

/**
 * The longest prefix of `added` that fits in the store next to `existing` (binary search: each
 * probe packs the list, tens of ms at 10,000 invoices; only a debtor past the store's limit pays it).
 */
export function fittingCount(
  repository: Pick<DossierRepository, 'invoicesFit'>,
  existing: readonly Invoice[],
  added: readonly Invoice[],
): number {
  if (repository.invoicesFit([...existing, ...added])) return added.length;
  let fits = 0;
  let overflows = added.length;
  while (overflows - fits > 1) {
    const middle = Math.floor((fits + overflows) / 2);
    if (repository.invoicesFit([...existing, ...added.slice(0, middle)])) fits = middle;
    else overflows = middle;
  }
  return fits;
}
