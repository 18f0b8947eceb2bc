import * as z from 'zod';
import { addDays, type LocalDate, parisDate } from '../../domain/calendar';
import { ConflictError, ValidationError } from '../../domain/errors';
import {
  formalNoticeDelivery,
  noticeDeadlineOver,
  UNDELIVERED_AFTER_DAYS,
} from '../../domain/notice-delivery';
import { resolveScenario } from '../../domain/scenario-catalog';
import type { TimelineEvent } from '../../domain/timeline';
import { pastDaySchema } from '../day-input';
import { changeDossier } from '../events/change-dossier';
import { findTenant } from '../find-tenant';
import type { DossierRepository, Logger, TenantDirectory } from '../ports';
import { findLetter } from './find-letter';
import { letterTaskId } from './letter-ref';

/** What the person who posted the letter records: La Poste's number and the day on the proof of posting. */
export function letterPostingSchema(today: LocalDate) {
  return z.object({
    trackingNumber: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9 -]{8,40}$/,
        'letters, digits, spaces (8 to 40), as printed on the proof of posting',
      ),
    postedOn: pastDaySchema(today),
  });
}
export type LetterPosting = { trackingNumber?: string; postedOn: LocalDate };

export interface PostingOutcome {
  letterRef: string;
  postedOn: LocalDate;
  /** Next day the overdue sweep looks at the dossier (null: nothing scheduled). */
  nextActionOn: LocalDate | null;
  duplicate: boolean;
}

/**
 * A registered letter was handed to the post: by a person (API), or by the provider (its webhook).
 * 1. find the letter on the timeline by its reference (unknown: 404); the posting day may not
 *    precede the letter (400, `postedOn`);
 * 2. the same posting again is a replay (`duplicate`); another day or number, a conflict (409);
 * 3. append `letter-posted` (the day the 15-day fallback counts from, notice-delivery.ts), note
 *    the posting on the letter's task;
 * 4. bring the dossier's next look to the day the deadline could next move: 15 days after posting
 *    while no receipt has come (a receipt, when recorded, moves it sooner).
 */
export async function recordLetterPosting(
  deps: { repository: DossierRepository; tenants: TenantDirectory; logger: Logger },
  input: {
    tenantId: string;
    dossierId: string;
    letterRef: string;
    posting: LetterPosting;
    receivedAt: string;
    actor: TimelineEvent['actor'];
  },
): Promise<PostingOutcome> {
  const { tenantId, dossierId, letterRef, posting, receivedAt } = input;
  const letter = findLetter(await deps.repository.listTimeline(tenantId, dossierId), letterRef, dossierId);
  if (letter.posted) {
    const same =
      letter.posted.day === posting.postedOn &&
      (posting.trackingNumber === undefined || letter.posted.postalTrackingNumber === posting.trackingNumber);
    if (!same)
      throw new ConflictError(
        `letter ${letterRef} was already recorded as posted on ${letter.posted.day}${letter.posted.postalTrackingNumber ? ` (${letter.posted.postalTrackingNumber})` : ''}`,
      );
    return outcome(deps.repository, input, true);
  }
  if (posting.postedOn < letter.sent.day)
    throw new ValidationError('postedOn', `before the letter was produced (${letter.sent.day})`);

  await deps.repository.appendEvent({
    tenantId,
    dossierId,
    eventId: `${posting.postedOn}#POSTED#${letterRef}`,
    type: 'letter-posted',
    at: receivedAt,
    day: posting.postedOn,
    actor: input.actor,
    ...(letter.sent.level ? { level: letter.sent.level } : {}),
    channel: 'letter',
    trackingRef: letterRef,
    ...(posting.trackingNumber ? { postalTrackingNumber: posting.trackingNumber } : {}),
    legalBasis: ['C.civ. 1344'],
    note: `lettre recommandée déposée le ${posting.postedOn} (lettre du ${letter.sent.day})`,
  });
  const task = await deps.repository.getTask(tenantId, dossierId, letterTaskId(letterRef));
  if (task?.status === 'open')
    await deps.repository.putTask({
      ...task,
      postedOn: posting.postedOn,
      ...(posting.trackingNumber ? { postalTrackingNumber: posting.trackingNumber } : {}),
    });
  await reschedule(deps, input);
  deps.logger.info('registered letter posted', { tenantId, dossierId, letterRef, actor: input.actor });
  return outcome(deps.repository, input, false);
}

async function reschedule(
  deps: { repository: DossierRepository; tenants: TenantDirectory },
  input: { tenantId: string; dossierId: string; letterRef: string; receivedAt: string },
): Promise<void> {
  const tenant = await findTenant(deps.tenants, input.tenantId);
  const timeline = await deps.repository.listTimeline(input.tenantId, input.dossierId);
  const today = parisDate(input.receivedAt);
  await changeDossier(deps.repository, input, (dossier) => {
    if (dossier.status !== 'open') return undefined;
    const delivery = formalNoticeDelivery(resolveScenario(dossier.scenarioId, tenant), timeline, today);
    if (delivery?.trackingRef !== input.letterRef) return undefined;
    const next =
      delivery.status === 'awaiting-receipt' && delivery.postedOn
        ? addDays(delivery.postedOn, UNDELIVERED_AFTER_DAYS)
        : delivery.status === 'no-receipt'
          ? noticeDeadlineOver(delivery)
          : undefined;
    if (!next || next === dossier.nextActionOn) return undefined;
    return { ...dossier, nextActionOn: next, updatedAt: input.receivedAt };
  });
}

async function outcome(
  repository: DossierRepository,
  input: { tenantId: string; dossierId: string; letterRef: string; posting: LetterPosting },
  duplicate: boolean,
): Promise<PostingOutcome> {
  const dossier = await repository.getDossier(input.tenantId, input.dossierId);
  return {
    letterRef: input.letterRef,
    postedOn: input.posting.postedOn,
    nextActionOn: dossier?.nextActionOn ?? null,
    duplicate,
  };
}
