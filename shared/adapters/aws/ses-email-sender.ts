import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailMessage } from '../../use-cases/ports';

export interface SesEmailSenderOptions {
  /** Configuration set that routes bounces, complaints and deliveries to the event destination. */
  configurationSetName?: string;
  /** Shared client, created once per Lambda container; a default one otherwise. */
  client?: SESv2Client;
}

/** Sends one e-mail; returns the provider's message id. */
export interface EmailSender {
  send(message: EmailMessage): Promise<string>;
}

const UTF8 = 'UTF-8';

/** SES tag names and values accept only ASCII letters, digits, '_' and '-' (max 256). */
function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256) || '_';
}

/**
 * SES API v2 SendEmail with Simple content: SES builds the MIME itself. The
 * tags feed the configuration set's events (bounces per tenant and level),
 * so they carry ids only, never the debtor's address or name.
 */
export class SesEmailSender implements EmailSender {
  private readonly client: SESv2Client;
  private readonly configurationSetName: string | undefined;

  constructor(options: SesEmailSenderOptions = {}) {
    this.client = options.client ?? new SESv2Client({});
    this.configurationSetName = options.configurationSetName;
  }

  async send(message: EmailMessage): Promise<string> {
    const output = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: message.from,
        Destination: { ToAddresses: [message.to] },
        ReplyToAddresses: message.replyTo ? [message.replyTo] : undefined,
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: UTF8 },
            Body: {
              Text: { Data: message.text, Charset: UTF8 },
              Html: { Data: message.html, Charset: UTF8 },
            },
            // Same header as the .eml evidence: ties a bounce or a reply back to the step that sent it.
            Headers: [{ Name: 'X-Recouvrement-Key', Value: message.idempotencyKey }],
          },
        },
        ConfigurationSetName: this.configurationSetName,
        EmailTags: [
          { Name: 'tenant', Value: tagValue(message.tenantId) },
          { Name: 'dossier', Value: tagValue(message.dossierId) },
          { Name: 'level', Value: tagValue(message.level) },
        ],
      }),
    );
    if (!output.MessageId) throw new Error(`SES returned no MessageId for dossier ${message.dossierId}`);
    return output.MessageId;
  }
}
