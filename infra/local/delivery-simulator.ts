import { createHash } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SNSEvent } from 'aws-lambda';
import type {
  CallMessage,
  EmailMessage,
  LetterMessage,
  Messenger,
  SentReceipt,
  SmsMessage,
} from '../../shared/use-cases/ports';

/** E-mail addresses at this domain bounce (the demo's and the tests' unreachable mailboxes). */
export const BOUNCE_DOMAIN = 'bounce.example';
/**
 * SMS to numbers with this prefix fail: 06 39 98 xx xx is the range ARCEP reserves for fiction,
 * so no real phone ever gets one.
 */
export const FAILING_SMS_PREFIX = '+3363998';

/** Feedback file of the embedded run: one line per simulated provider notification (ids only). */
export const FEEDBACK_FILE = 'feedback/feedback.jsonl';

export interface FeedbackLine {
  at: string;
  kind: 'bounce' | 'sms-failure';
  tenantId: string;
  dossierId: string;
  level: string;
  key: string;
}

/** What the provider would send a while after the message left. */
interface PendingFeedback {
  line: FeedbackLine;
  event: unknown;
}

const FEEDBACK_DELAY_MS = 60_000;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}

function later(at: string): string {
  return new Date(Date.parse(at) + FEEDBACK_DELAY_MS).toISOString();
}

/** SES's Bounce event (configuration-set event destination) as SNS delivers it to a Lambda. */
export function sesBounceEvent(message: EmailMessage, messageId: string, at: string): SNSEvent {
  const ses = {
    eventType: 'Bounce',
    bounce: {
      feedbackId: `local-bounce-${shortHash(message.idempotencyKey)}`,
      bounceType: 'Permanent',
      bounceSubType: 'General',
      bouncedRecipients: [
        {
          emailAddress: message.to,
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
      timestamp: at,
      reportingMTA: 'dns; local.recouvrement',
    },
    mail: {
      timestamp: message.at,
      source: message.from,
      sourceArn: 'arn:aws:ses:eu-west-3:000000000000:identity/recouvrement.example',
      sendingAccountId: '000000000000',
      messageId,
      destination: [message.to],
      headersTruncated: false,
      headers: [{ name: 'X-Recouvrement-Key', value: message.idempotencyKey }],
      commonHeaders: { from: [message.from], to: [message.to], subject: message.subject },
      tags: {
        'ses:configuration-set': ['local'],
        tenant: [message.tenantId],
        dossier: [message.dossierId],
        level: [message.level],
      },
    },
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:eu-west-3:000000000000:delivery-feedback:local',
        Sns: {
          Type: 'Notification',
          MessageId: `local-sns-${shortHash(`${message.idempotencyKey}#sns`)}`,
          TopicArn: 'arn:aws:sns:eu-west-3:000000000000:delivery-feedback',
          Subject: '',
          Message: JSON.stringify(ses),
          Timestamp: at,
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'https://sns.local/cert.pem',
          UnsubscribeUrl: 'https://sns.local/unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** SNS's SMS delivery status log line, as a CloudWatch Logs subscription delivers it to a Lambda. */
export function smsFailureEvent(message: SmsMessage, messageId: string, at: string): unknown {
  const status = {
    notification: { messageId, timestamp: at.replace('T', ' ').replace('Z', '') },
    delivery: {
      destination: message.to,
      smsType: 'Transactional',
      providerResponse: 'Unknown error attempting to reach phone',
      dwellTimeMs: 1200,
    },
    status: 'FAILURE',
  };
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: '000000000000',
    logGroup: 'sns/eu-west-3/000000000000/DirectPublishToPhoneNumber/Failure',
    logStream: 'local',
    subscriptionFilters: ['delivery-feedback'],
    logEvents: [{ id: shortHash(messageId), timestamp: Date.parse(at), message: JSON.stringify(status) }],
  };
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

/**
 * The providers' side of delivery feedback, embedded: wraps the outbox messenger, and for a
 * message to an unreachable address (`@bounce.example`, a fiction-range phone number) prepares
 * the notification SES or SNS would send a minute later. `flush` delivers them to the
 * delivery-feedback function, through the same handler and use case as on AWS.
 *
 * SMS receipts get a provider-like id per message (`local-sms-…`), as SNS returns one, so the
 * message reference points at one SMS and not at the shared `sms.jsonl`.
 */
export class DeliverySimulator implements Messenger {
  private pending: PendingFeedback[] = [];

  constructor(
    private readonly inner: Messenger,
    private readonly folder: string,
  ) {}

  async sendEmail(message: EmailMessage): Promise<SentReceipt> {
    const receipt = await this.inner.sendEmail(message);
    if (message.to.toLowerCase().endsWith(`@${BOUNCE_DOMAIN}`)) {
      const at = later(message.at);
      const messageId = `local-ses-${shortHash(message.idempotencyKey)}`;
      this.queue(message, 'bounce', at, sesBounceEvent(message, messageId, at));
    }
    return receipt;
  }

  async sendSms(message: SmsMessage): Promise<SentReceipt> {
    const receipt = await this.inner.sendSms(message);
    const messageId = `local-sms-${shortHash(message.idempotencyKey)}`;
    if (message.to.startsWith(FAILING_SMS_PREFIX)) {
      const at = later(message.at);
      this.queue(message, 'sms-failure', at, smsFailureEvent(message, messageId, at));
    }
    return { ...receipt, reference: messageId };
  }

  sendLetter(message: LetterMessage): Promise<SentReceipt> {
    return this.inner.sendLetter(message);
  }

  announceCall(message: CallMessage): Promise<SentReceipt> {
    return this.inner.announceCall(message);
  }

  /** Delivers the notifications waiting, oldest first; returns how many went out. */
  async flush(deliver: (event: unknown) => Promise<unknown>): Promise<number> {
    const batch = this.pending.sort((a, b) => a.line.at.localeCompare(b.line.at));
    this.pending = [];
    for (const item of batch) {
      await this.appendLine(item.line);
      await deliver(item.event);
    }
    return batch.length;
  }

  private queue(
    message: EmailMessage | SmsMessage,
    kind: FeedbackLine['kind'],
    at: string,
    event: unknown,
  ): void {
    // A resent message (same key) yields the same notification: the use case keeps it once.
    if (this.pending.some((p) => p.line.key === message.idempotencyKey)) return;
    const { tenantId, dossierId, level, idempotencyKey: key } = message;
    this.pending.push({ line: { at, kind, tenantId, dossierId, level, key }, event });
  }

  private async appendLine(line: FeedbackLine): Promise<void> {
    const path = join(this.folder, FEEDBACK_FILE);
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, `${JSON.stringify(line)}\n`, 'utf8');
  }
}
