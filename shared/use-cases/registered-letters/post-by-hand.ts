import { dossierOutstandingCents } from '../../domain/dossier';
import { NotFoundError } from '../../domain/errors';
import type { DossierRepository, RegisteredLetter, RegisteredMail } from '../ports';
import { byHandLetterRef, letterTaskId } from './letter-ref';

/**
 * The registered mail of a deployment without a provider: the formal notice still goes out, by
 * a person. The PDF is already stored (the messenger kept it as evidence); this opens a
 * `registered-letter` task that points at it, and notes the task on the timeline (`task-created`
 * on the letter's reference), which tells notice-delivery.ts to wait for the posting: the 15-day
 * fallback counts from the day the person posted the letter, not from today. The person records
 * the posting, then the receipt, through the API (record-letter-posting.ts, record-letter-receipt.ts).
 * Idempotent: a retried step finds the same reference, task and event.
 */
export class RegisteredLettersByHand implements RegisteredMail {
  constructor(private readonly repository: DossierRepository) {}

  async post(letter: RegisteredLetter): Promise<{ trackingRef: string }> {
    const { tenantId, dossierId, day } = letter;
    const letterRef = byHandLetterRef(letter.idempotencyKey);
    const at = letter.at ?? new Date().toISOString();
    const level = letter.level ?? 'formal-notice';
    const taskId = letterTaskId(letterRef);
    // A plain put would reopen a task a person already moved on (posted): write it once.
    if (!(await this.repository.getTask(tenantId, dossierId, taskId))) {
      const dossier = await this.repository.getDossier(tenantId, dossierId);
      if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
      const outstanding = dossierOutstandingCents(dossier);
      await this.repository.putTask({
        tenantId,
        dossierId,
        taskId,
        createdAt: at,
        dueOn: day,
        priority: outstanding,
        level,
        status: 'open',
        kind: 'registered-letter',
        outstandingCents: outstanding,
        letterRef,
        ...(letter.documentKey ? { documentKey: letter.documentKey } : {}),
      });
    }
    await this.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${day}#TOPOST#${letterRef}`,
      type: 'task-created',
      at,
      day,
      actor: 'pipeline',
      level,
      channel: 'letter',
      trackingRef: letterRef,
      note: 'registered letter (LRAR) to post by hand: no registered-mail provider configured',
    });
    return { trackingRef: letterRef };
  }
}
