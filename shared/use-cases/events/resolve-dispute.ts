import * as z from 'zod';
import { isLocalDate, type LocalDate, parisDate } from '../../domain/calendar';
import { disputeScope, withDisputeResolved, withLegacyDispute } from '../../domain/dispute-lifecycle';
import { DISPUTE_OUTCOMES, type DisputeOutcome, type DisputeResolution } from '../../domain/disputes';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import type { EventSource, TimelineEvent } from '../../domain/timeline';
import type { DossierRepository, Logger } from '../ports';
import { changeDossier } from './change-dossier';

export const disputeResolutionSchema = z
  .object({
    outcome: z.enum(DISPUTE_OUTCOMES),
    remedy: z
      .enum(['credit-note', 'cancellation'])
      .optional()
      .describe('upheld: a credit note for what is unpaid, or the invoice cancelled (default)'),
    creditNote: z.string().trim().min(1).max(80).optional().describe('upheld: the credit note’s number'),
    newAmounts: z
      .array(z.object({ invoice: z.string().trim().min(1), amountCents: z.number().int().min(0) }))
      .min(1)
      .optional()
      .describe('partly-upheld (required then): each reduced invoice’s new amount, tax included'),
    date: z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)').optional().describe('Default: today'),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === 'partly-upheld' && !value.newAmounts)
      ctx.addIssue({ code: 'custom', path: ['newAmounts'], message: 'required when partly upheld' });
    if (value.outcome !== 'partly-upheld' && value.newAmounts)
      ctx.addIssue({ code: 'custom', path: ['newAmounts'], message: 'only when partly upheld' });
    if (value.outcome !== 'upheld' && (value.remedy || value.creditNote))
      ctx.addIssue({ code: 'custom', path: ['remedy'], message: 'only when upheld' });
  });
export type DisputeResolutionInput = z.infer<typeof disputeResolutionSchema>;

export interface DisputeResolutionOutcome {
  dossierId: string;
  disputeId: string;
  outcome: DisputeOutcome;
  status: Dossier['status'];
  nextActionOn: LocalDate | null;
  duplicate: boolean;
}

/**
 * The creditor's answer to a dispute (POST /dossiers/{id}/disputes/{disputeId}/resolution):
 * 1. find the dispute; one already resolved the same way is a replay (`duplicate`), another way a 409;
 * 2. check a partly upheld one's new amounts (invoices of the dispute, below their amount, not
 *    below what was paid on them);
 * 3. append `dispute-resolved` (and `dossier-closed` when nothing is owed any more);
 * 4. apply it (dispute-lifecycle.ts): the invoices are cancelled, reduced or pursued again, and a
 *    dossier the dispute held resumes where it stopped.
 */
export async function resolveDispute(
  deps: { repository: DossierRepository; logger: Logger },
  input: {
    tenantId: string;
    dossierId: string;
    disputeId: string;
    resolution: DisputeResolutionInput;
    receivedAt: string;
    source?: EventSource;
  },
): Promise<DisputeResolutionOutcome> {
  const { tenantId, dossierId, disputeId, receivedAt } = input;
  const source = input.source ?? 'api';
  const day = parisDate(receivedAt);
  const resolution = resolutionOf(input.resolution, day);
  const closureId = `DISPUTE-${disputeId}`;
  let timeline: TimelineEvent[] = [];
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (read) => {
      const dossier = withLegacyDispute(read, timeline, disputeId);
      return resolvedAlready(dossier, disputeId, resolution)
        ? undefined
        : withDisputeResolved(dossier, disputeId, resolution, { at: receivedAt, day, source, closureId });
    },
    async (read) => {
      // A dossier disputed before disputes were kept on it: its dispute is on the timeline only.
      if (!read.disputes?.some((d) => d.disputeId === disputeId))
        timeline = await deps.repository.listTimeline(tenantId, dossierId);
      const dossier = withLegacyDispute(read, timeline, disputeId);
      if (resolvedAlready(dossier, disputeId, resolution)) return;
      const dispute = (dossier.disputes ?? []).find((d) => d.disputeId === disputeId)!;
      const scope = disputeScope(dossier, dispute);
      checkNewAmounts(dossier, scope, resolution);
      const next = withDisputeResolved(dossier, disputeId, resolution, {
        at: receivedAt,
        day,
        source,
        closureId,
      });
      const base = { tenantId, dossierId, at: receivedAt, day, source, actor: 'creditor' as const };
      await deps.repository.appendEvent({
        ...base,
        eventId: `${day}#DISPUTE#${disputeId}#RESOLVED`,
        type: 'dispute-resolved',
        idempotencyKey: `${disputeId}#resolution`,
        invoiceNumbers: scope,
        note: noteOf(disputeId, resolution),
      });
      if (next.status === 'closed' && dossier.status !== 'closed')
        await deps.repository.appendEvent({
          ...base,
          eventId: `${day}#CLOSED#${closureId}`,
          type: 'dossier-closed',
          idempotencyKey: closureId,
          note: `cancelled: dispute ${disputeId} upheld, nothing is owed any more`,
        });
    },
  );
  const dossier = after ?? before;
  if (after)
    deps.logger.info('dispute resolved', { tenantId, dossierId, outcome: resolution.outcome, source });
  return {
    dossierId,
    disputeId,
    outcome: resolution.outcome,
    status: dossier.status,
    nextActionOn: dossier.nextActionOn ?? null,
    duplicate: !after,
  };
}

function resolutionOf(input: DisputeResolutionInput, day: LocalDate): DisputeResolution {
  return {
    outcome: input.outcome,
    on: input.date ?? day,
    ...(input.outcome === 'upheld' ? { remedy: input.remedy ?? 'cancellation' } : {}),
    ...(input.creditNote ? { creditNote: input.creditNote } : {}),
    ...(input.newAmounts
      ? { newAmounts: Object.fromEntries(input.newAmounts.map((a) => [a.invoice, a.amountCents])) }
      : {}),
  };
}

/** Unknown dispute: 404; resolved already the same way: true (nothing to do); otherwise: 409. */
function resolvedAlready(dossier: Dossier, disputeId: string, resolution: DisputeResolution): boolean {
  const dispute = dossier.disputes?.find((d) => d.disputeId === disputeId);
  if (!dispute) throw new NotFoundError(`dispute ${disputeId} not found on dossier ${dossier.dossierId}`);
  if (!dispute.resolution) return false;
  const same =
    dispute.resolution.outcome === resolution.outcome &&
    JSON.stringify(dispute.resolution.newAmounts ?? {}) === JSON.stringify(resolution.newAmounts ?? {});
  if (!same)
    throw new ConflictError(`dispute ${disputeId} was already resolved as ${dispute.resolution.outcome}`);
  return true;
}

function checkNewAmounts(dossier: Dossier, scope: string[], resolution: DisputeResolution): void {
  for (const [number, cents] of Object.entries(resolution.newAmounts ?? {})) {
    const invoice = dossier.invoices.find((inv) => inv.number === number);
    if (!invoice || !scope.includes(number))
      throw new ValidationError('newAmounts', `invoice ${number} is not under this dispute`);
    if (cents >= invoice.amountCents)
      throw new ValidationError(
        'newAmounts',
        `${number}: the new amount must be below ${invoice.amountCents} cents`,
      );
    // What the debtor already paid on it stays paid: a lower amount would leave the excess
    // nowhere (neither recovered nor owed back). Found by the lifecycle properties (money
    // conservation): uphold the dispute instead (cancelled down to what was paid, C.civ. 1302-1
    // for any refund, which is the creditor's business).
    if (cents < invoice.paidCents)
      throw new ValidationError(
        'newAmounts',
        `${number}: ${invoice.paidCents} cents were paid on it already; the new amount cannot be below that (uphold the dispute to cancel the rest)`,
      );
  }
}

function noteOf(disputeId: string, resolution: DisputeResolution): string {
  if (resolution.outcome === 'rejected') return `dispute ${disputeId} rejected: the claim stands`;
  if (resolution.outcome === 'upheld')
    return `dispute ${disputeId} upheld: ${resolution.remedy}${resolution.creditNote ? ` ${resolution.creditNote}` : ''}`;
  const amounts = Object.entries(resolution.newAmounts ?? {}).map(([n, c]) => `${n} → ${c} cents`);
  return `dispute ${disputeId} partly upheld: ${amounts.join(', ')}`;
}
