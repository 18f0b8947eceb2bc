import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Channel } from '../../domain/parties';
import type {
  CallMessage,
  EmailMessage,
  LetterMessage,
  MessageMeta,
  Messenger,
  SentReceipt,
  SmsMessage,
} from '../../use-cases/ports';
import { buildEml, safeSegment, sha256Hex, smsSegments, toBytes } from '../message-files';

/** One line of `outbox.jsonl`: what was sent, to whom (ids only), and which file holds it. */
export interface OutboxIndexLine {
  at: string;
  channel: Channel;
  tenantId: string;
  dossierId: string;
  debtorId: string;
  level: string;
  template: string;
  /** Relative to the outbox folder. */
  file: string;
  key: string;
}

const INDEX = 'outbox.jsonl';
const SMS_FILE = 'sms/sms.jsonl';
const CALLS_FILE = 'calls/calls.jsonl';

/** Channels whose provider sends again whatever it already sent (SES SendEmail, SNS Publish). */
const RESENT_BY_PROVIDER: ReadonlySet<Channel> = new Set(['email', 'sms']);

/** The last file written for a key, and how many messages of that key went out. */
interface SentFile {
  channel: Channel;
  file: string;
  count: number;
}

interface Written {
  file: string;
  sha256?: string;
}

/**
 * Messenger of the embedded run: every message becomes a file in an outbox
 * folder a person (or a test) can open: `.eml` for e-mails, PDFs for letters,
 * JSON lines for SMS and call tasks, and one index, `outbox.jsonl`.
 *
 * The outbox is the providers' view, each as it behaves on AWS: SES and SNS take
 * no idempotency key, so every e-mail and SMS handed over is one more message
 * (a repeat is visible: a second index line, a second `.eml`); a letter is the
 * document of its key (S3 keeps one object per name, the printer prints it) and
 * a call task is one per key. What refuses a second e-mail or SMS of one key
 * is the evidence of accepted sends (`RecordedMessenger`, sent-messages.ts), as
 * on AWS.
 *
 * Sends are serialised through one promise chain: concurrent steps never
 * interleave lines, and the idempotency check and the write are one unit.
 * Meant for one process per outbox folder.
 */
export class OutboxMessenger implements Messenger {
  private readonly folder: string;
  /** idempotencyKey → what was written; loaded from the index on first use, so a restart keeps it. */
  private sent: Map<string, SentFile> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(folder: string) {
    this.folder = folder;
  }

  sendEmail(message: EmailMessage): Promise<SentReceipt> {
    return this.record(message, 'email', (repeat) =>
      this.writeDocument(
        `email/${safeSegment(message.idempotencyKey)}${repeat > 0 ? `.${repeat + 1}` : ''}.eml`,
        buildEml(message),
      ),
    );
  }

  sendSms(message: SmsMessage): Promise<SentReceipt> {
    return this.record(message, 'sms', async () => {
      const { at, to, text, tenantId, dossierId, level } = message;
      const line = { at, to, text, tenantId, dossierId, level, segments: smsSegments(text) };
      await this.appendLine(SMS_FILE, line);
      return { file: SMS_FILE };
    });
  }

  sendLetter(message: LetterMessage): Promise<SentReceipt> {
    return this.record(message, 'letter', () =>
      this.writeDocument(`letters/${safeSegment(message.idempotencyKey)}.pdf`, message.pdf),
    );
  }

  announceCall(message: CallMessage): Promise<SentReceipt> {
    return this.record(message, 'call', async () => {
      const { at, tenantId, dossierId, debtorId, level, template, priority, summary, idempotencyKey } =
        message;
      const line = {
        at,
        tenantId,
        dossierId,
        debtorId,
        level,
        template,
        priority,
        summary,
        key: idempotencyKey,
      };
      await this.appendLine(CALLS_FILE, line);
      return { file: CALLS_FILE };
    });
  }

  private record(
    meta: MessageMeta,
    channel: Channel,
    write: (repeat: number) => Promise<Written>,
  ): Promise<SentReceipt> {
    const run = this.queue.then(async () => {
      const sent = await this.loadSent();
      const previous = sent.get(meta.idempotencyKey);
      if (previous && !RESENT_BY_PROVIDER.has(channel))
        return this.receiptOfExisting(previous.channel, previous.file);
      const written = await write(previous?.count ?? 0);
      const line: OutboxIndexLine = {
        at: meta.at,
        channel,
        tenantId: meta.tenantId,
        dossierId: meta.dossierId,
        debtorId: meta.debtorId,
        level: meta.level,
        template: meta.template,
        file: written.file,
        key: meta.idempotencyKey,
      };
      await this.appendLine(INDEX, line);
      sent.set(meta.idempotencyKey, { channel, file: written.file, count: (previous?.count ?? 0) + 1 });
      return receipt(channel, written);
    });
    // A failed send must not block the ones queued behind it; the caller still gets the error.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadSent(): Promise<Map<string, SentFile>> {
    if (this.sent) return this.sent;
    const sent = new Map<string, SentFile>();
    let content = '';
    try {
      content = await readFile(join(this.folder, INDEX), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const text of content.split('\n')) {
      if (text.trim() === '') continue;
      try {
        const line = JSON.parse(text) as Partial<OutboxIndexLine>;
        if (line.key && line.channel && typeof line.file === 'string')
          sent.set(line.key, {
            channel: line.channel,
            file: line.file,
            count: (sent.get(line.key)?.count ?? 0) + 1,
          });
      } catch {
        // A line torn by a crash mid-append: its message is sent again, which beats never sending it.
      }
    }
    this.sent = sent;
    return sent;
  }

  private async writeDocument(file: string, body: Uint8Array | string): Promise<Written> {
    const bytes = toBytes(body);
    const path = join(this.folder, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    return { file, sha256: sha256Hex(bytes) };
  }

  private async appendLine(file: string, line: object): Promise<void> {
    const path = join(this.folder, file);
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, `${JSON.stringify(line)}\n`, 'utf8');
  }

  private async receiptOfExisting(channel: Channel, file: string): Promise<SentReceipt> {
    if (channel !== 'email' && channel !== 'letter') return receipt(channel, { file });
    return receipt(channel, { file, sha256: sha256Hex(await readFile(join(this.folder, file))) });
  }
}

function receipt(channel: Channel, written: Written): SentReceipt {
  const document = written.sha256 ? { key: written.file, sha256: written.sha256 } : undefined;
  return document ? { channel, reference: written.file, document } : { channel, reference: written.file };
}
