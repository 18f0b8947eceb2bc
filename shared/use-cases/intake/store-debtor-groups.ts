import type { DossierRepository } from '../ports';
import { type DebtorContext, planDebtor, type RejectedRow, type ValidRow } from './debtor-intake';
import { dossierIdOf } from './dossier-id';
import { rowAmountCents } from './invoice-row';
import { storeDebtor } from './store-debtor';

/** Debtors handled at once: dossiers and new claims are single-item conditional writes. */
const PARALLEL_DEBTORS = 16;
/** Debtors whose dossiers are read in one BatchGetItem (its limit is 100 keys). */
const DEBTORS_PER_PAGE = 100;

export interface GroupsOutcome {
  accepted: number;
  alreadyImported: number;
  rejected: RejectedRow[];
}

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
 * Stores debtors' valid rows (each group one debtor's, in file order), per page of 100 debtors:
 * 1. read their dossiers in one BatchGetItem; rows identical to an invoice already stored are
 *    counted, not re-imported nor rejected;
 * 2. read the claims of the page's other invoice numbers in BatchGetItems (100 keys each): a
 *    number claimed by another debtor is rejected, one claimed by this debtor is a retry's, so
 *    only the numbers nobody holds are claimed, each by its conditional put (debtor-intake.ts says
 *    why a batch cannot claim them);
 * 3. per debtor, qualify and schedule (debtor-intake.ts); write the page's `invoice-added`
 *    events in batches, then create or save each dossier with its condition (store-debtor.ts).
 */
export async function storeDebtorGroups(
  repository: DossierRepository,
  context: DebtorContext,
  groups: ValidRow[][],
): Promise<GroupsOutcome> {
  const outcome: GroupsOutcome = { accepted: 0, alreadyImported: 0, rejected: [] };
  const { tenantId } = context;
  for (let start = 0; start < groups.length; start += DEBTORS_PER_PAGE) {
    const page = groups.slice(start, start + DEBTORS_PER_PAGE);
    const ids = page.map((rows) => dossierIdOf(context.ids ?? { tenantId }, rows[0]!.data.debtor_ref));
    const existing = await repository.getDossiers(tenantId, ids);
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
        if (same) outcome.alreadyImported++;
        return !same;
      });
    });
    const numbers = fresh.flatMap((rows) => rows.map(({ data }) => data.invoice_number));
    const claims =
      repository.findInvoiceClaims && numbers.length > 0
        ? await repository.findInvoiceClaims(tenantId, numbers)
        : undefined;
    const plans = await inPool(fresh, (rows, index) =>
      rows.length === 0
        ? Promise.resolve(undefined)
        : planDebtor(repository, context, rows, existing.get(ids[index]!), claims),
    );
    // Events before dossiers: a crash in between leaves claims and events a retry rewrites
    // identically, and no dossier holding invoices whose events were never written.
    await repository.putEvents(plans.flatMap((plan) => plan?.events ?? []));
    // A dossier another file wrote meanwhile gets this file's rows planned again (store-debtor.ts).
    const stored = await inPool(plans, (plan, index) =>
      plan ? storeDebtor(repository, context, fresh[index]!, plan) : Promise.resolve(undefined),
    );
    for (const plan of stored) {
      outcome.accepted += plan?.accepted ?? 0;
      outcome.rejected.push(...(plan?.rejected ?? []));
    }
  }
  return outcome;
}
