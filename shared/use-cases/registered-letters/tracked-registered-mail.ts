import { actionEventId } from '../../domain/timeline';
import type { DossierRepository, RegisteredLetter, RegisteredMail } from '../ports';
import { letterLookupId } from './letter-ref';

/**
 * A provider's registered mail, plus the lookup its webhook needs: the provider's events name the
 * letter by its tracking reference only (and, echoed back, our client reference), so the letter's
 * tenant and dossier are stored under that reference as soon as the provider gives it.
 */
export class TrackedRegisteredMail implements RegisteredMail {
  constructor(
    private readonly provider: RegisteredMail,
    private readonly repository: DossierRepository,
  ) {}

  async post(letter: RegisteredLetter): Promise<{ trackingRef: string }> {
    const posted = await this.provider.post(letter);
    const level = letter.level ?? 'formal-notice';
    await this.repository.putMessageRef({
      messageId: letterLookupId(posted.trackingRef),
      tenantId: letter.tenantId,
      dossierId: letter.dossierId,
      eventId: actionEventId(letter.day, level, 'letter'),
      level,
      channel: 'letter',
    });
    return posted;
  }
}
