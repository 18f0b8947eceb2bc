import type { PostalAddress } from '../../domain/parties';
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
import type { EmailSender } from './ses-email-sender';
import type { SmsSender } from './sns-sms-sender';

/**
 * Hook for a registered-mail (LRAR) service, e.g. an "e-lettre recommandée"
 * API: it prints, posts and tracks the letter; its tracking number is the
 * proof of dispatch the formal notice needs (C.civ. 1344). None is wired yet.
 */
export interface RegisteredMailProvider {
  post(letter: {
    tenantId: string;
    dossierId: string;
    idempotencyKey: string;
    registered: boolean;
    recipientName: string;
    recipientAddress: PostalAddress;
    pdf: Uint8Array;
    documentKey: string;
  }): Promise<{ reference: string }>;
}

export interface AwsMessengerOptions {
  email: EmailSender;
  sms: SmsSender;
  blobs: BlobStore;
  /** Bucket of dossier documents: e-mail evidence and letter PDFs. */
  documentsBucket: string;
  registeredMail?: RegisteredMailProvider;
}

/** Messenger on AWS: SES for e-mail, SNS for SMS, S3 for the evidence of both letters and e-mails. */
export class AwsMessenger implements Messenger {
  constructor(private readonly options: AwsMessengerOptions) {}

  /**
   * The .eml evidence is stored before SES is called: if the send fails the
   * step is retried and overwrites it with the same bytes (it is
   * deterministic); the reverse order could send a message and lose its proof.
   * It renders the same fields SES receives, not SES's own MIME bytes.
   */
  async sendEmail(message: EmailMessage): Promise<SentReceipt> {
    const document = await this.options.blobs.put(
      this.options.documentsBucket,
      documentKey(message, 'email', 'eml'),
      buildEml(message),
      'message/rfc822',
    );
    const reference = await this.options.email.send(message);
    return { channel: 'email', reference, document };
  }

  async sendSms(message: SmsMessage): Promise<SentReceipt> {
    return { channel: 'sms', reference: await this.options.sms.send(message) };
  }

  /**
   * Stores the PDF under the dossier. Until a RegisteredMailProvider is wired,
   * printing and posting the letter (registered or not) is done by hand from
   * the documents bucket, and the reference is the document's key.
   */
  async sendLetter(message: LetterMessage): Promise<SentReceipt> {
    const document = await this.options.blobs.put(
      this.options.documentsBucket,
      documentKey(message, 'letters', 'pdf'),
      message.pdf,
      'application/pdf',
    );
    const provider = this.options.registeredMail;
    if (!provider) return { channel: 'letter', reference: document.key, document };
    const posted = await provider.post({
      tenantId: message.tenantId,
      dossierId: message.dossierId,
      idempotencyKey: message.idempotencyKey,
      registered: message.registered,
      recipientName: message.recipientName,
      recipientAddress: message.recipientAddress,
      pdf: message.pdf,
      documentKey: document.key,
    });
    return { channel: 'letter', reference: posted.reference, document };
  }

  /** The call task itself is written by the use case (DossierRepository.putTask): nothing to send here. */
  async announceCall(message: CallMessage): Promise<SentReceipt> {
    return { channel: 'call', reference: `call:${message.idempotencyKey}` };
  }
}
