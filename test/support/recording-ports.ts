import { createHash } from 'node:crypto';
import type { LocalDynamo } from '../../infra/local/dynamo';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { LocalRegisteredMail } from '../../shared/adapters/local/local-registered-mail';
import { OverlayRateSource } from '../../shared/adapters/rates/overlay-rate-source';
import type { Channel } from '../../shared/domain/parties';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import type {
  BlobStore,
  CallMessage,
  EmailMessage,
  EscalationInput,
  EscalationLauncher,
  EscalationPage,
  LetterContent,
  LetterMessage,
  LetterRenderer,
  Logger,
  Messenger,
  SentReceipt,
  SmsMessage,
} from '../../shared/use-cases/ports';

/**
 * Recording stand-ins for the outgoing ports only (messages, letters, launches, logs).
 * Storage is never faked: the use case tests run on the real repository over dynalite.
 */
export type Sent =
  | { channel: 'email'; message: EmailMessage }
  | { channel: 'sms'; message: SmsMessage }
  | { channel: 'letter'; message: LetterMessage }
  | { channel: 'call'; message: CallMessage };

export class RecordingMessenger implements Messenger {
  readonly sent: Sent[] = [];
  /** Makes the next send on a channel throw once (a provider outage). */
  failNext: Channel | undefined;

  private receipt(channel: Channel, key: string, bytes?: Uint8Array): SentReceipt {
    if (this.failNext === channel) {
      this.failNext = undefined;
      throw new Error(`${channel} provider unavailable`);
    }
    return {
      channel,
      reference: `${channel}:${key}`,
      ...(bytes
        ? {
            document: { key: `letters/${key}.pdf`, sha256: createHash('sha256').update(bytes).digest('hex') },
          }
        : {}),
    };
  }

  async sendEmail(message: EmailMessage) {
    const receipt = this.receipt('email', message.idempotencyKey);
    this.sent.push({ channel: 'email', message });
    return receipt;
  }
  async sendSms(message: SmsMessage) {
    const receipt = this.receipt('sms', message.idempotencyKey);
    this.sent.push({ channel: 'sms', message });
    return receipt;
  }
  async sendLetter(message: LetterMessage) {
    const receipt = this.receipt('letter', message.idempotencyKey, message.pdf);
    this.sent.push({ channel: 'letter', message });
    return receipt;
  }
  async announceCall(message: CallMessage) {
    const receipt = this.receipt('call', message.idempotencyKey);
    this.sent.push({ channel: 'call', message });
    return receipt;
  }

  of(channel: Channel): Sent[] {
    return this.sent.filter((s) => s.channel === channel);
  }
}

/** Renders a letter as its JSON content, so a test can read what the PDF would say. */
export class JsonLetterRenderer implements LetterRenderer {
  readonly rendered: LetterContent[] = [];
  async render(content: LetterContent): Promise<Uint8Array> {
    this.rendered.push(content);
    return new TextEncoder().encode(JSON.stringify(content));
  }
}

export class RecordingLauncher implements EscalationLauncher {
  readonly batches: EscalationInput[][] = [];
  /** The pages of every startPages call, in order (one execution each). */
  readonly pages: EscalationPage[] = [];
  async start(inputs: EscalationInput[]): Promise<void> {
    this.batches.push(inputs);
  }
  /** Each call is also kept as one batch of its dossiers, so `started` lists them as `start` would. */
  async startPages(pages: EscalationPage[]): Promise<void> {
    this.pages.push(...pages);
    this.batches.push(pages.flatMap((page) => page.dossiers.map((d) => ({ ...d, asOf: page.asOf }))));
  }
  get started(): EscalationInput[] {
    return this.batches.flat();
  }
}

export class RecordingLogger implements Logger {
  readonly entries: { level: string; message: string; attributes?: Record<string, unknown> }[] = [];
  debug(message: string, attributes?: Record<string, unknown>) {
    this.entries.push({ level: 'debug', message, ...(attributes ? { attributes } : {}) });
  }
  info(message: string, attributes?: Record<string, unknown>) {
    this.entries.push({ level: 'info', message, ...(attributes ? { attributes } : {}) });
  }
  warn(message: string, attributes?: Record<string, unknown>) {
    this.entries.push({ level: 'warn', message, ...(attributes ? { attributes } : {}) });
  }
  error(message: string, attributes?: Record<string, unknown>) {
    this.entries.push({ level: 'error', message, ...(attributes ? { attributes } : {}) });
  }
  /** Everything logged, as one string: for "no personal data in logs" assertions. */
  text(): string {
    return JSON.stringify(this.entries);
  }
}

export class MemoryBlobStore implements BlobStore {
  readonly objects = new Map<string, Uint8Array>();
  async get(bucket: string, key: string): Promise<Uint8Array> {
    const body = this.objects.get(`${bucket}/${key}`);
    if (!body) throw new Error(`no object ${bucket}/${key}`);
    return body;
  }
  async put(bucket: string, key: string, body: Uint8Array | string) {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    this.objects.set(`${bucket}/${key}`, bytes);
    return { key, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
}

export interface TestPipeline extends PipelineDeps {
  repository: DynamoDossierRepository;
  tenants: DynamoDossierRepository;
  messenger: RecordingMessenger;
  letters: JsonLetterRenderer;
  registeredMail: LocalRegisteredMail;
  launcher: RecordingLauncher;
  logger: RecordingLogger;
}

/** Pipeline deps over a dynalite table: real repository and tenant directory, recording outgoing ports. */
export function pipelineOn(
  dynamo: LocalDynamo,
  options: { tableName?: string; shardCount?: number; dispatchBatch?: number } = {},
): TestPipeline {
  const shardCount = options.shardCount ?? 4;
  const repository = new DynamoDossierRepository(
    dynamo.client,
    options.tableName ?? dynamo.tableName,
    shardCount,
    // The intake claims by transactions where the store has them (DynamoDB Local), else one by one.
    { transactions: dynamo.store === 'dynamodb-local' },
  );
  const logger = new RecordingLogger();
  return {
    repository,
    tenants: repository,
    messenger: new RecordingMessenger(),
    letters: new JsonLetterRenderer(),
    registeredMail: new LocalRegisteredMail(),
    documents: new MemoryBlobStore(),
    documentsBucket: 'documents',
    launcher: new RecordingLauncher(),
    logger,
    shardCount,
    dispatchBatch: options.dispatchBatch ?? 100,
    senderEmail: 'relances@recouvrement.example',
    // The packaged table, no overrides: a test that needs some builds its own source.
    rates: new OverlayRateSource(async () => undefined, logger),
  };
}
