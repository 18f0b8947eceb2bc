import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { SmsMessage } from '../../use-cases/ports';

export interface SnsSmsSenderOptions {
  /** Alphanumeric sender id shown to the debtor (3–11 characters, at least one letter), e.g. "ACMERECOUV". */
  senderId?: string;
  client?: SNSClient;
}

/** Sends one SMS; returns the provider's message id. */
export interface SmsSender {
  send(message: SmsMessage): Promise<string>;
}

const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/;

/**
 * SNS direct publish to a phone number (E.164). Transactional: a reminder
 * about a debt is not marketing, and transactional routes get the better
 * delivery; French operators also require a recognisable sender id.
 */
export class SnsSmsSender implements SmsSender {
  private readonly client: SNSClient;
  private readonly senderId: string | undefined;

  constructor(options: SnsSmsSenderOptions = {}) {
    if (options.senderId !== undefined && !SENDER_ID.test(options.senderId))
      throw new Error('SMS sender id must be 3 to 11 letters or digits, with at least one letter');
    this.client = options.client ?? new SNSClient({});
    this.senderId = options.senderId;
  }

  async send(message: SmsMessage): Promise<string> {
    const output = await this.client.send(
      new PublishCommand({
        PhoneNumber: message.to,
        Message: message.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          ...(this.senderId && {
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.senderId },
          }),
        },
      }),
    );
    if (!output.MessageId) throw new Error(`SNS returned no MessageId for dossier ${message.dossierId}`);
    return output.MessageId;
  }
}
