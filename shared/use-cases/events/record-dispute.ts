import * as z from 'zod';
import { parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { DossierRepository, Logger } from '../ports';

export const disputeSchema = z.object({
  disputeId: z.string().trim().min(1).max(80),
  reason: z.enum(['not-delivered', 'defective', 'amount', 'already-paid', 'other']),
  invoices: z.array(z.string().trim().min(1)).optional(),
});
export type Dispute = z.infer<typeof disputeSchema>;

/**
 * A dispute stops every contact at once (legal-fr.md §6) and takes the dossier off the sweep;
 * a human resolves it. The note never holds the debtor's own words (personal data stays out of the timeline index).
 */
export async function recordDispute(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; dossierId: string; dispute: Dispute; receivedAt: string },
): Promise<{ dossierId: string; status: Dossier['status'] }> {
  const { tenantId, dossierId, dispute, receivedAt } = input;
  for (let attempt = 0; ; attempt++) {
    const dossier = await deps.repository.getDossier(tenantId, dossierId);
    if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
    const day = parisDate(receivedAt);
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${day}#DISPUTE#${dispute.disputeId}`,
      type: 'dispute-opened',
      at: receivedAt,
      day,
      actor: 'debtor',
      note: dispute.reason,
      ...(dispute.invoices ? { invoiceNumbers: dispute.invoices } : {}),
    });
    if (dossier.status !== 'open' && dossier.status !== 'judicial')
      return { dossierId, status: dossier.status };
    const { nextActionOn: _n, ...rest } = dossier;
    try {
      await deps.repository.saveDossier({
        ...rest,
        status: 'disputed',
        updatedAt: receivedAt,
        version: dossier.version + 1,
      });
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
    deps.logger.info('dispute recorded', { tenantId, dossierId, reason: dispute.reason });
    return { dossierId, status: 'disputed' };
  }
}
