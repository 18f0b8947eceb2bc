import type {
  BlobStore,
  CallMessage,
  EmailMessage,
  LetterMessage,
  Messenger,
  SentReceipt,
  SmsMessage,
} from '../../use-cases/ports';
import { buildEml, documentKey } from '../message-files';
import { type SentMessageLog, sendOnce } from '../sent-messages';
import type { EmailSender } from './ses-email-sender';
import type { SmsSender } from './sns-sms-sender';

export interface AwsMessengerOptions {
  email: EmailSender;
  sms: SmsSender;
  blobs: BlobStore;
  /** Bucket of dossier documents: e-mail evidence and letter PDFs. */
  documentsBucket: string;
  /** Evidence of the sends SES and SNS accepted (DynamoDB): a retry finds it and sends nothing. */
  sent: SentMessageLog;
}

/** Messenger on AWS: SES for e-mail, SNS for SMS, S3 for the evidence of both letters and e-mails. */
export class AwsMessenger implements Messenger {
  constructor(private readonly options: AwsMessengerOptions) {}

  /**
   * The .eml evidence is stored before SES is called: if the send fails the
   * step is retried and overwrites it with the same bytes (it is
   * deterministic); the reverse order could send a message and lose its proof.
   * It renders the same fields SES receives, not SES's own MIME bytes. SES takes no idempotency
   * key: the accepted send is recorded right after its answer, and a send of a key already
   * recorded (a step retried after a crash before its 'done' mark) returns that record instead.
   */
  sendEmail(message: EmailMessage): Promise<SentReceipt> {
    return sendOnce(this.options.sent, message, 'email', async () => {
      const document = await this.options.blobs.put(
        this.options.documentsBucket,
        documentKey(message, 'email', 'eml'),
        buildEml(message),
        'message/rfc822',
      );
      const reference = await this.options.email.send(message);
      return { channel: 'email', reference, document };
    });
  }

  /** SNS Publish to a phone number has no deduplication id (FIFO topics only): same record as e-mail. */
  sendSms(message: SmsMessage): Promise<SentReceipt> {
    return sendOnce(this.options.sent, message, 'sms', async () => ({
      channel: 'sms',
      reference: await this.options.sms.send(message),
    }));
  }

  /**
   * Stores the PDF under the dossier; the reference is the document's key. A registered letter
   * is then handed to the RegisteredMail port by the use case (performAction), which records
   * the provider's tracking reference; an ordinary letter is printed from the documents bucket.
   */
  async sendLetter(message: LetterMessage): Promise<SentReceipt> {
    const document = await this.options.blobs.put(
      this.options.documentsBucket,
      documentKey(message, 'letters', 'pdf'),
      message.pdf,
      'application/pdf',
    );
    return { channel: 'letter', reference: document.key, document };
  }

  /** The call task itself is written by the use case (DossierRepository.putTask): nothing to send here. */
  async announceCall(message: CallMessage): Promise<SentReceipt> {
    return { channel: 'call', reference: `call:${message.idempotencyKey}` };
  }
}
