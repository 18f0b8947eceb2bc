import * as z from 'zod';
import { parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError } from '../../domain/errors';
import type { DossierRepository, Logger } from '../ports';
import { changeDossier } from './change-dossier';

export const disputeSchema = z.object({
  disputeId: z.string().trim().min(1).max(80),
  reason: z.enum(['not-delivered', 'defective', 'amount', 'already-paid', 'other']),
  invoices: z.array(z.string().trim().min(1)).optional(),
});
export type Dispute = z.infer<typeof disputeSchema>;

/**
 * A dispute stops every contact at once (docs/legal.md §8) and takes the dossier off the sweep;
 * a human resolves it. The note never holds the debtor's own words (personal data stays out of the timeline index).
 * A paid dossier claims nothing any more: a dispute on it is a conflict (409), not a new state.
 */
export async function recordDispute(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; dossierId: string; dispute: Dispute; receivedAt: string },
): Promise<{ dossierId: string; status: Dossier['status'] }> {
  const { tenantId, dossierId, dispute, receivedAt } = input;
  const day = parisDate(receivedAt);
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (dossier) => {
      if (dossier.status !== 'open' && dossier.status !== 'judicial') return undefined;
      const { nextActionOn: _n, ...rest } = dossier;
      return { ...rest, status: 'disputed', updatedAt: receivedAt };
    },
    async (dossier) => {
      if (dossier.status === 'paid')
        throw new ConflictError(`dossier ${dossierId} is paid: nothing is claimed to dispute`);
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
    },
  );
  if (!after) return { dossierId, status: before.status };
  deps.logger.info('dispute recorded', { tenantId, dossierId, reason: dispute.reason });
  return { dossierId, status: 'disputed' };
}
