import * as z from 'zod';
import type { LocalDate } from '../../domain/calendar';
import { ConflictError, ValidationError } from '../../domain/errors';
import { pastDaySchema } from '../day-input';
import { recordDeliveryReceipt } from '../events/record-delivery-receipt';
import type { DossierRepository, Logger, TenantDirectory } from '../ports';
import { findLetter } from './find-letter';
import { letterTaskId } from './letter-ref';

/**
 * The avis de réception, as the person reads it: delivered on a day, or returned ("pli avisé et
 * non réclamé", refused, unknown address) with the day of first presentation, from which the
 * deadline runs (docs/legal.md §5).
 */
export function letterReceiptSchema(today: LocalDate) {
  return z.discriminatedUnion('status', [
    z.object({ status: z.literal('delivered'), deliveredOn: pastDaySchema(today) }),
    z.object({
      status: z.literal('returned'),
      firstPresentedOn: pastDaySchema(today),
      reason: z.string().trim().min(1).max(200).default('pli avisé et non réclamé'),
    }),
  ]);
}
export type LetterReceiptInput = z.infer<ReturnType<typeof letterReceiptSchema>>;

export interface LetterReceiptOutcome {
  letterRef: string;
  status: 'delivered' | 'returned';
  day: LocalDate;
  nextActionOn: LocalDate | null;
  duplicate: boolean;
}

/**
 * A person records the receipt of a registered letter (usually one they posted by hand).
 * 1. the letter must be on the dossier (404); one posted by hand must have its posting recorded
 *    first (409), and the receipt may not precede the posting (400, naming the date field);
 * 2. recordDeliveryReceipt appends it and moves the schedule to the day after the payment
 *    deadline, counted from this day exactly as for a provider's receipt; the same receipt again
 *    is a replay, another one a conflict;
 * 3. the letter's task is done.
 */
export async function recordLetterReceipt(
  deps: { repository: DossierRepository; tenants: TenantDirectory; logger: Logger },
  input: {
    tenantId: string;
    dossierId: string;
    letterRef: string;
    receipt: LetterReceiptInput;
    receivedAt: string;
  },
): Promise<LetterReceiptOutcome> {
  const { tenantId, dossierId, letterRef, receipt, receivedAt } = input;
  const letter = findLetter(await deps.repository.listTimeline(tenantId, dossierId), letterRef, dossierId);
  const field = receipt.status === 'delivered' ? 'deliveredOn' : 'firstPresentedOn';
  const on = receipt.status === 'delivered' ? receipt.deliveredOn : receipt.firstPresentedOn;
  if (letter.byHand && !letter.posted)
    throw new ConflictError(`letter ${letterRef} has no posting recorded: record the posting first`);
  const from = letter.posted?.day ?? letter.sent.day;
  if (on < from) throw new ValidationError(field, `before the letter was posted (${from})`);

  const recorded = await recordDeliveryReceipt(deps, {
    tenantId,
    dossierId,
    trackingRef: letterRef,
    status: receipt.status,
    day: on,
    at: receivedAt,
    ...(receipt.status === 'returned' ? { reason: receipt.reason } : {}),
  });
  const task = await deps.repository.getTask(tenantId, dossierId, letterTaskId(letterRef));
  if (task?.status === 'open')
    await deps.repository.putTask({ ...task, status: 'done', outcomeAt: receivedAt });
  const dossier = await deps.repository.getDossier(tenantId, dossierId);
  return {
    letterRef,
    status: receipt.status,
    day: on,
    nextActionOn: dossier?.nextActionOn ?? null,
    duplicate: !recorded.recorded,
  };
}
