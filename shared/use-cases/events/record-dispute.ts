import * as z from 'zod';
import { parisDate } from '../../domain/calendar';
import { withDisputeOpened } from '../../domain/dispute-lifecycle';
import { DISPUTE_REASONS, type DossierDispute } from '../../domain/disputes';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, ValidationError } from '../../domain/errors';
import type { EventSource } from '../../domain/timeline';
import type { DossierRepository, Logger } from '../ports';
import { changeDossier } from './change-dossier';

export const disputeSchema = z.object({
  disputeId: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .describe('The client’s id of the dispute: the same id again changes nothing'),
  reason: z.enum(DISPUTE_REASONS),
  invoices: z
    .array(z.string().trim().min(1))
    .min(1)
    .optional()
    .describe('The disputed invoices; absent, the whole dossier. Only what is disputed pauses'),
  note: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .optional()
    .describe('Free text, kept on the dossier only (never in logs nor on the timeline)'),
});
export type Dispute = z.infer<typeof disputeSchema>;

/**
 * Records a dispute (docs/legal.md §8: no pressure on a contested debt), once per disputeId:
 * 1. check the invoices are the dossier's and the dossier still claims something (paid or
 *    closed: 409);
 * 2. append `dispute-opened` (actor debtor, its source and key; the reason code as note);
 * 3. keep the dispute on the dossier: its invoices leave the ladder (amounts, letters), the
 *    others are still pursued; when every owed invoice is disputed the dossier waits
 *    (`disputed`, off the sweep) until the dispute is resolved (resolve-dispute.ts).
 * The same disputeId again is a no-op; with other invoices, a 409.
 */
export async function recordDispute(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; dossierId: string; dispute: Dispute; receivedAt: string; source?: EventSource },
): Promise<{ dossierId: string; status: Dossier['status'] }> {
  const { tenantId, dossierId, dispute, receivedAt } = input;
  const source = input.source ?? 'api';
  const day = parisDate(receivedAt);
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (dossier) => {
      if (known(dossier, dispute)) return undefined;
      const record: DossierDispute = {
        disputeId: dispute.disputeId,
        reason: dispute.reason,
        ...(dispute.invoices ? { invoices: dispute.invoices } : {}),
        ...(dispute.note ? { note: dispute.note } : {}),
        openedOn: day,
        levelIndex: dossier.levelIndex,
      };
      return withDisputeOpened(dossier, record, receivedAt);
    },
    async (dossier) => {
      if (known(dossier, dispute)) return;
      if (dossier.status === 'paid' || dossier.status === 'closed' || dossier.status === 'prescribed')
        throw new ConflictError(`dossier ${dossierId} is ${dossier.status}: nothing is claimed to dispute`);
      const numbers = new Set(dossier.invoices.map((inv) => inv.number));
      const unknown = (dispute.invoices ?? []).filter((number) => !numbers.has(number));
      if (unknown.length > 0)
        throw new ValidationError('invoices', `not invoices of dossier ${dossierId}: ${unknown.join(', ')}`);
      await deps.repository.appendEvent({
        tenantId,
        dossierId,
        eventId: `${day}#DISPUTE#${dispute.disputeId}`,
        type: 'dispute-opened',
        at: receivedAt,
        day,
        actor: 'debtor',
        source,
        idempotencyKey: dispute.disputeId,
        note: dispute.reason,
        legalBasis: ['docs/legal.md §8 (no pressure on a contested debt)'],
        ...(dispute.invoices ? { invoiceNumbers: dispute.invoices } : {}),
      });
    },
  );
  if (after) deps.logger.info('dispute recorded', { tenantId, dossierId, reason: dispute.reason, source });
  return { dossierId, status: (after ?? before).status };
}

/** The dispute is on the dossier already: a replay (same invoices) or a reused id (409). */
function known(dossier: Dossier, dispute: Dispute): boolean {
  const earlier = dossier.disputes?.find((d) => d.disputeId === dispute.disputeId);
  if (!earlier) return false;
  const same = (earlier.invoices ?? []).join('\n') === (dispute.invoices ?? []).join('\n');
  if (!same) throw new ConflictError(`dispute ${dispute.disputeId} was recorded with other invoices`);
  return true;
}
