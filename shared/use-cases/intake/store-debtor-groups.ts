import { inPool } from '../in-pool';
import type { DossierRepository } from '../ports';
import { claimNewNumbers } from './claim-new-numbers';
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

/**
 * Pages stored at once: a page's steps wait on the store in turn (reads, claims, events, dossiers),
 * and a second page fills those waits. Pages hold other debtors, hence other dossiers and numbers.
 */
const PAGES_IN_FLIGHT = 2;

/**
 * Stores debtors' valid rows (each group one debtor's, in file order), per page of 100 debtors:
 * 1. read their dossiers in one BatchGetItem; rows identical to an invoice already stored are
 *    counted, not re-imported nor rejected;
 * 2. claim the page's other invoice numbers at once (claim-new-numbers.ts, invoice-claims.ts):
 *    by transactions of 100 conditional puts where the store has them, else the claims read in
 *    BatchGetItems and each free number by its conditional put (debtor-intake.ts says why
 *    BatchWriteItem cannot claim them). A number claimed by another debtor is rejected, one
 *    claimed by this debtor is a retry's;
 * 3. per debtor, qualify and schedule (debtor-intake.ts); write the page's `invoice-added`
 *    events in batches, then create or save the dossiers, each with its condition (in
 *    transactions of 100 where the store has them; else, and for a cancelled one, store-debtor.ts);
 * 4. count the stored invoices and new dossiers in the KPIs, once for the page.
 */
export async function storeDebtorGroups(
  repository: DossierRepository,
  context: DebtorContext,
  groups: ValidRow[][],
): Promise<GroupsOutcome> {
  const pages: ValidRow[][][] = [];
  for (let start = 0; start < groups.length; start += DEBTORS_PER_PAGE)
    pages.push(groups.slice(start, start + DEBTORS_PER_PAGE));
  const outcomes = await inPool(pages, PAGES_IN_FLIGHT, (page) => storePage(repository, context, page));
  return {
    accepted: outcomes.reduce((sum, page) => sum + page.accepted, 0),
    alreadyImported: outcomes.reduce((sum, page) => sum + page.alreadyImported, 0),
    rejected: outcomes.flatMap((page) => page.rejected),
  };
}

/** One page of at most DEBTORS_PER_PAGE debtors: the steps listed on storeDebtorGroups. */
async function storePage(
  repository: DossierRepository,
  context: DebtorContext,
  page: ValidRow[][],
): Promise<GroupsOutcome> {
  const outcome: GroupsOutcome = { accepted: 0, alreadyImported: 0, rejected: [] };
  const { tenantId } = context;
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
  // With the batch claim, the claims are read inside it where that saves writes (invoice-claims.ts).
  const read =
    !repository.claimInvoiceNumbers && repository.findInvoiceClaims && numbers.length > 0
      ? await repository.findInvoiceClaims(tenantId, numbers)
      : undefined;
  const claims = await claimNewNumbers(
    repository,
    tenantId,
    fresh.map((rows, index) => ({ rows, dossierId: ids[index]!, existing: existing.get(ids[index]!) })),
    read,
  );
  const plans = await inPool(fresh, PARALLEL_DEBTORS, (rows, index) =>
    rows.length === 0
      ? Promise.resolve(undefined)
      : planDebtor(repository, context, rows, existing.get(ids[index]!), claims),
  );
  // Events before dossiers: a crash in between leaves claims and events a retry rewrites
  // identically, and no dossier holding invoices whose events were never written.
  await repository.putEvents(plans.flatMap((plan) => plan?.events ?? []));
  // Where the store has transactions, the page's dossiers go in batches; those of a cancelled
  // batch, and all of them elsewhere, one by one. A dossier another file wrote meanwhile gets
  // this file's rows planned again (store-debtor.ts).
  // A transaction refuses two puts of one item: a dossier id two refs share (never, short of a
  // hash collision) is left to the one-by-one path.
  const seen = new Map<string, number>();
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
  const toStore = plans.flatMap((plan, index) =>
    plan?.store && seen.get(ids[index]!) === 1 ? [{ index, store: plan.store }] : [],
  );
  const batched = new Set<number>();
  if (repository.storeDossiers && toStore.length > 0) {
    const done = await repository.storeDossiers(toStore.map(({ store }) => store));
    for (const [at, { index }] of toStore.entries()) if (done[at]) batched.add(index);
  }
  let failure: { error: unknown } | undefined;
  const stored = await inPool(plans, PARALLEL_DEBTORS, async (plan, index) => {
    try {
      if (batched.has(index)) return plan;
      return plan ? await storeDebtor(repository, context, fresh[index]!, plan) : undefined;
    } catch (error) {
      failure ??= { error };
      return undefined;
    }
  });
  // The dossiers stored count in the KPIs in one ADD per day and shard for the page, not one per
  // dossier (even when another dossier of the page failed: those saves happened). A crash before
  // it loses the page's counts, never counts twice: a retry finds the invoices in their dossiers.
  const counted = stored.filter((plan) => plan?.store);
  const newDossiers = counted.filter((plan) => plan?.store?.isNew).length;
  if (counted.length > 0)
    await repository.countEntrusted?.(
      counted.flatMap((plan) => plan?.events ?? []),
      newDossiers,
    );
  if (failure) throw failure.error;
  for (const plan of stored) {
    outcome.accepted += plan?.accepted ?? 0;
    outcome.rejected.push(...(plan?.rejected ?? []));
  }
  return outcome;
}
