import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildEml } from '../../../shared/adapters/message-files';
import type {
  CallMessage,
  EmailMessage,
  LetterMessage,
  Messenger,
  SentReceipt,
  SmsMessage,
} from '../../../shared/use-cases/ports';

/** The part of a nodemailer transport this relay uses. */
export interface MailTransport {
  sendMail(mail: { envelope: { from: string; to: string[] }; raw: string }): Promise<unknown>;
  close(): void;
}

/**
 * The SMTP URL as the banner and the logs may show it: scheme, user, host and port, never the
 * password (a banner is copied into tickets and terminals are shared). An unparsable URL shows
 * nothing of itself, since it may still hold the password.
 */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}`;
  } catch {
    return '(an SMTP URL that does not parse)';
  }
}

/** nodemailer is loaded only when an SMTP server is configured: the outbox needs nothing of it. */
export async function smtpTransport(url: string): Promise<MailTransport> {
  const nodemailer = await import('nodemailer');
  return nodemailer.createTransport(url) as unknown as MailTransport;
}

/**
 * E-mails to a real SMTP server, so a small creditor can actually send its reminders; the very
 * .eml also goes to the outbox (the evidence and the index), and SMS, letters and calls keep the
 * outbox. Each idempotency key is sent once: the keys relayed are logged (ids only) and read back
 * at start. A crash between the relay and its log line re-sends that one e-mail on the retry:
 * at least once, as SES's SendEmail retried by a Lambda would.
 */
export class SmtpMessenger implements Messenger {
  private relayed: Set<string> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly outbox: Messenger,
    private readonly transport: MailTransport,
    private readonly logPath: string,
  ) {}

  sendEmail(message: EmailMessage): Promise<SentReceipt> {
    const run = this.queue.then(async () => {
      const relayed = await this.loadRelayed();
      if (!relayed.has(message.idempotencyKey)) {
        await this.transport.sendMail({
          envelope: { from: message.from, to: [message.to] },
          raw: buildEml(message),
        });
        await mkdir(dirname(this.logPath), { recursive: true });
        await appendFile(
          this.logPath,
          `${JSON.stringify({ at: message.at, key: message.idempotencyKey })}\n`,
        );
        relayed.add(message.idempotencyKey);
      }
      return this.outbox.sendEmail(message);
    });
    // A failed relay must not block the e-mails queued behind it; the caller still gets the error.
    this.queue = run.catch(() => undefined);
    return run;
  }

  sendSms(message: SmsMessage): Promise<SentReceipt> {
    return this.outbox.sendSms(message);
  }

  sendLetter(message: LetterMessage): Promise<SentReceipt> {
    return this.outbox.sendLetter(message);
  }

  announceCall(message: CallMessage): Promise<SentReceipt> {
    return this.outbox.announceCall(message);
  }

  private async loadRelayed(): Promise<Set<string>> {
    if (this.relayed) return this.relayed;
    const relayed = new Set<string>();
    let content = '';
    try {
      content = await readFile(this.logPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of content.split('\n')) {
      try {
        if (line.trim()) relayed.add((JSON.parse(line) as { key: string }).key);
      } catch {
        // A line torn by a crash: that e-mail may go twice, which beats never.
      }
    }
    this.relayed = relayed;
    return relayed;
  }
}
