import type {
  EnforcementHandOff,
  EnforcementHandOffMessage,
  Messenger,
  SentReceipt,
} from '../use-cases/ports';

/**
 * The enforcement mandate's hand-off as an e-mail through the messenger: SES on AWS, the outbox
 * (.eml) embedded. The message carries the title and the court file's bundle key, never the
 * debtor's contact details; the messenger's idempotency key makes a redelivery a no-op.
 */
export class MessengerEnforcementHandOff implements EnforcementHandOff {
  constructor(
    private readonly messenger: Pick<Messenger, 'sendEmail'>,
    private readonly senderEmail: string,
  ) {}

  handOff(message: EnforcementHandOffMessage): Promise<SentReceipt> {
    const html = `<p>${message.text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/\n\n/g, '</p><p>')}</p>`;
    return this.messenger.sendEmail({
      at: message.at,
      tenantId: message.tenantId,
      dossierId: message.dossierId,
      debtorId: message.debtorId,
      level: 'enforcement-mandate',
      template: 'enforcement-hand-off',
      idempotencyKey: message.idempotencyKey,
      to: message.to,
      from: this.senderEmail,
      subject: message.subject,
      text: message.text,
      html,
    });
  }
}
