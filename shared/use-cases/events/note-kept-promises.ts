import { parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { promiseStanding } from '../../domain/promises';
import type { DossierRepository, TenantDirectory } from '../ports';
import { promiseGraceDays } from './record-promise';

/**
 * After a payment: each promise it keeps (promises.ts) gets its `promise-kept` event, once (the
 * id is the promise's), so the timeline says the pause ended because the debtor paid. The
 * dossier needs no change: a kept promise simply no longer holds the ladder.
 */
export async function noteKeptPromises(
  deps: { repository: DossierRepository; tenants?: TenantDirectory | undefined },
  dossier: Dossier,
  receivedAt: string,
): Promise<void> {
  if (!dossier.promises?.length) return;
  const day = parisDate(receivedAt);
  const graceDays = await promiseGraceDays(deps.tenants, dossier.tenantId);
  for (const promise of dossier.promises) {
    if (promise.madeOn > day || promiseStanding(promise, dossier, day, graceDays) !== 'kept') continue;
    await deps.repository.appendEvent({
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      eventId: `${promise.promisedOn}#PROMISE#${promise.promiseId}#KEPT`,
      type: 'promise-kept',
      at: receivedAt,
      day,
      actor: 'debtor',
      source: promise.source,
      idempotencyKey: `${promise.promiseId}#kept`,
      amountCents: promise.amountCents,
      note: `promise ${promise.promiseId} kept: paid by ${promise.promisedOn}`,
    });
  }
}
