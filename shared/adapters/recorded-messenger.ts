import type {
  CallMessage,
  EmailMessage,
  LetterMessage,
  Messenger,
  SentReceipt,
  SmsMessage,
} from '../use-cases/ports';
import { type SentMessageLog, sendOnce } from './sent-messages';

/**
 * A messenger whose e-mails and SMS go out at most once per idempotency key, as far as the
 * provider's answer reached the log: around a provider that takes no key (the embedded outbox,
 * which sends again as SES and SNS do; an SMTP relay). Letters and call tasks pass: one document
 * per name, one task per id. On AWS, AwsMessenger does the same inside (sent-messages.ts).
 */
export class RecordedMessenger implements Messenger {
  constructor(
    private readonly inner: Messenger,
    private readonly sent: SentMessageLog,
  ) {}

  sendEmail(message: EmailMessage): Promise<SentReceipt> {
    return sendOnce(this.sent, message, 'email', () => this.inner.sendEmail(message));
  }

  sendSms(message: SmsMessage): Promise<SentReceipt> {
    return sendOnce(this.sent, message, 'sms', () => this.inner.sendSms(message));
  }

  sendLetter(message: LetterMessage): Promise<SentReceipt> {
    return this.inner.sendLetter(message);
  }

  announceCall(message: CallMessage): Promise<SentReceipt> {
    return this.inner.announceCall(message);
  }
}
