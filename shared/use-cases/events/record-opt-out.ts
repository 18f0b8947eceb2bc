import * as z from 'zod';
import { parisDate } from '../../domain/calendar';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { DossierRepository, Logger } from '../ports';

/**
 * The debtor asks not to be contacted on a channel any more (by reply, phone, letter). The postal
 * letter cannot be refused: it carries the formal notice, the creditor's legal step (C.civ. 1344).
 */
export const optOutSchema = z.object({
  optOutId: z.string().trim().min(1).max(80),
  channel: z.enum(['email', 'sms', 'call']),
});
export type OptOut = z.infer<typeof optOutSchema>;

/**
 * Stops the channel at once (legal-fr.md §6; repeated unwanted solicitations are an aggressive
 * practice, C.conso L121-6, L121-7): the next step skips it, and a level left with no channel goes
 * by letter. Idempotent: the same opt-out twice changes nothing. Logs carry ids only.
 */
export async function recordOptOut(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; dossierId: string; optOut: OptOut; receivedAt: string },
): Promise<{ dossierId: string; optOuts: string[] }> {
  const { tenantId, dossierId, optOut, receivedAt } = input;
  for (let attempt = 0; ; attempt++) {
    const dossier = await deps.repository.getDossier(tenantId, dossierId);
    if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
    const day = parisDate(receivedAt);
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${day}#OPTOUT#${optOut.optOutId}`,
      type: 'opt-out-recorded',
      at: receivedAt,
      day,
      actor: 'debtor',
      channel: optOut.channel,
      legalBasis: ['C.conso L121-6, L121-7'],
    });
    if (dossier.debtor.optOuts.includes(optOut.channel))
      return { dossierId, optOuts: dossier.debtor.optOuts };
    const optOuts = [...dossier.debtor.optOuts, optOut.channel];
    try {
      await deps.repository.saveDossier({
        ...dossier,
        debtor: { ...dossier.debtor, optOuts },
        updatedAt: receivedAt,
        version: dossier.version + 1,
      });
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
    deps.logger.info('opt-out recorded', { tenantId, dossierId, channel: optOut.channel });
    return { dossierId, optOuts };
  }
}
