import * as z from 'zod';
import { parisDate } from '../../domain/calendar';
import type { DossierRepository, Logger } from '../ports';
import { changeDossier } from './change-dossier';

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
 * Stops the channel at once (docs/legal.md §8; repeated unwanted solicitations are an aggressive
 * practice, C.conso L121-6, L121-7): the next step skips it, and a level left with no channel goes
 * by letter. Idempotent: the same opt-out twice changes nothing. Logs carry ids only.
 */
export async function recordOptOut(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; dossierId: string; optOut: OptOut; receivedAt: string },
): Promise<{ dossierId: string; optOuts: string[] }> {
  const { tenantId, dossierId, optOut, receivedAt } = input;
  const day = parisDate(receivedAt);
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (dossier) =>
      dossier.debtor.optOuts.includes(optOut.channel)
        ? undefined
        : {
            ...dossier,
            debtor: { ...dossier.debtor, optOuts: [...dossier.debtor.optOuts, optOut.channel] },
            updatedAt: receivedAt,
          },
    async () => {
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
    },
  );
  if (after) deps.logger.info('opt-out recorded', { tenantId, dossierId, channel: optOut.channel });
  return { dossierId, optOuts: (after ?? before).debtor.optOuts };
}
