import type { Dossier } from '../../domain/dossier';
import { ConflictError } from '../../domain/errors';
import type { DossierRepository } from '../ports';
import { type DebtorContext, type DebtorPlan, planDebtor, type ValidRow } from './debtor-intake';

/** Fresh plans tried for one debtor when other files keep writing the same dossier. */
const ATTEMPTS = 6;

/**
 * Stores a debtor's planned dossier; when another file created or changed that dossier since it
 * was read (two files for one new debtor land at once), plans the rows again on the dossier as
 * it now is and stores that. The invoice claims are the plan's own (same dossier id), so a new
 * plan keeps them; its events are the same items. Before, the file failed and its S3 retries had
 * to win the race: three or four files at once for one debtor could exhaust them and reach the
 * dead-letter queue (docs/reliability.md). The plan returned with a `store` was stored.
 */
export async function storeDebtor(
  repository: DossierRepository,
  context: DebtorContext,
  rows: ValidRow[],
  plan: DebtorPlan,
): Promise<DebtorPlan> {
  let current = plan;
  for (let attempt = 1; ; attempt++) {
    const store = current.store;
    if (!store) return current;
    // The conditional save made these invoices the dossier's: the caller counts them in the KPIs
    // (once: a retried file finds them in the dossier and plans nothing; docs/kpis.md).
    if (await stored(repository, store.dossier, store.isNew)) return current;
    if (attempt >= ATTEMPTS)
      throw new ConflictError(`dossier ${store.dossier.dossierId} kept changing while this file was stored`);
    const fresh = await repository.getDossier(context.tenantId, store.dossier.dossierId);
    current = await planDebtor(repository, context, rows, fresh);
    await repository.putEvents(current.events);
  }
}

async function stored(repository: DossierRepository, dossier: Dossier, isNew: boolean): Promise<boolean> {
  if (isNew) return repository.createDossier(dossier);
  try {
    await repository.saveDossier(dossier);
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}
