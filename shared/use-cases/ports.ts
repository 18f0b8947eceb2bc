import type { LocalDate } from '../domain/calendar';
import type { CallOutcome } from '../domain/call-outcome';
import type { ContactPolicy } from '../domain/contact-policy';
import type { Dossier } from '../domain/dossier';
import type { JudicialSettings } from '../domain/judicial/recommend-path';
import type { EffectiveRates } from '../domain/legal/rate-overrides';
import type { Channel, Invoice, PostalAddress } from '../domain/parties';
import type { PaymentPolicy } from '../domain/payment-settlement';
import type { ScenarioSettings } from '../domain/scenario-catalog';
import type { JudicialSummary, TimelineEvent } from '../domain/timeline';

/**
 * Ports: what the use cases need from the outside world. AWS adapters
 * (DynamoDB, S3, SES, SNS, Step Functions) and their local twins implement them.
 */

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

export interface DossierPageRequest {
  /** Dossier id the page starts after (excluded). */
  after?: string;
  descending?: boolean;
  limit: number;
}

export interface DossierPage {
  items: Dossier[];
  /** Dossier id of the last item read, when the index holds more. */
  last?: string;
}

export interface DueRef {
  tenantId: string;
  dossierId: string;
  day: LocalDate;
}

export interface CallTask {
  tenantId: string;
  dossierId: string;
  taskId: string;
  createdAt: string;
  dueOn: LocalDate;
  /** Higher first: outstanding amount in cents drives it. */
  priority: number;
  level: string;
  /** 'cancelled': the dossier left the ladder (paid, disputed, in court…) before anyone called. */
  status: TaskStatus;
  kind: TaskKind;
  outstandingCents: number;
  /** What the agent reported, and when: set when the task is done. */
  outcome?: CallOutcome;
  outcomeAt?: string;
  /** The agent's free note: kept on the task, never on the timeline nor in logs. */
  note?: string;
  /** Why a task was cancelled, e.g. `dossier paid`. */
  cancelledReason?: string;
  /** registered-letter: the letter's reference (the formal notice's `trackingRef`) and its PDF. */
  letterRef?: string;
  documentKey?: string;
  /** registered-letter: what the person recorded at the post office (number, day). */
  postalTrackingNumber?: string;
  postedOn?: LocalDate;
  /** stuck-dossier: the kind (class) of the error the steps kept failing with; never its message. */
  errorKind?: string;
  failures?: number;
  /** judicial-review and lawyer: the recommendation (path, court, itemised amount) the person decides on. */
  judicial?: JudicialSummary;
}

/**
 * call: phone the debtor; judicial-review: decide on court action; registered-letter: post the
 * formal notice by hand and record its receipt (no registered-mail provider configured);
 * stuck-dossier: the escalation steps kept failing, the dossier is parked until resumed;
 * lawyer: the creditor handed the claim to a lawyer (judicial decision `lawyer`).
 */
export type TaskKind =
  | 'call'
  | 'judicial-review'
  | 'registered-letter'
  | 'stuck-dossier'
  | 'lawyer'
  /** The opposition window ended (CPC 1416): ask the court to put the enforceable formula on the order (CPC 1422). */
  | 'enforceable-formula';

export type TaskStatus = 'open' | 'done' | 'cancelled';

export interface DossierRepository {
  getDossier(tenantId: string, dossierId: string): Promise<Dossier | undefined>;
  /** Several dossiers of a tenant at once (BatchGetItem), by dossier id; the missing ones are absent. */
  getDossiers(tenantId: string, dossierIds: string[]): Promise<Map<string, Dossier>>;
  /** Creates a dossier; false when it exists already (conditional put). */
  createDossier(dossier: Dossier): Promise<boolean>;
  /** Saves a dossier read at `dossier.version - 1`; throws ConflictError when somebody else wrote in between. */
  saveDossier(dossier: Dossier): Promise<void>;
  /**
   * Whether a dossier holding these invoices fits the store (one DynamoDB item: 400 KB).
   * Intake refuses the rows that would overflow it instead of failing the file.
   */
  invoicesFit(invoices: readonly Invoice[]): boolean;
  /**
   * Reserves (tenant, invoice number) for a dossier (deduplication). `created` is false when it was
   * reserved before; `dossierId` then says by whom, so a retried import can finish its own work.
   */
  claimInvoiceNumber(
    tenantId: string,
    invoiceNumber: string,
    dossierId: string,
  ): Promise<{ created: boolean; dossierId: string }>;
  /** Appends a timeline event; false when an event with that id exists already. */
  appendEvent(event: TimelineEvent): Promise<boolean>;
  /**
   * Writes events in batches, unconditionally: only for events a retry writes identically (same
   * id, same content), such as the intake's `invoice-added`. Anything claimed uses appendEvent.
   */
  putEvents(events: TimelineEvent[]): Promise<void>;
  getEvent(tenantId: string, dossierId: string, eventId: string): Promise<TimelineEvent | undefined>;
  markEventDone(event: TimelineEvent): Promise<void>;
  listTimeline(tenantId: string, dossierId: string): Promise<TimelineEvent[]>;
  /** Dossiers of one index shard whose next action is due on or before `day`. */
  queryDue(shard: number, day: LocalDate, limit: number, cursor?: string): Promise<Page<DueRef>>;
  /** Dossiers of one shard whose prescription check is due on or before `day`. */
  queryPrescriptionChecks(
    shard: number,
    day: LocalDate,
    limit: number,
    cursor?: string,
  ): Promise<Page<DueRef>>;
  /** Dossiers in court (status `judicial`) of one shard whose judicial check is due on or before `day`. */
  queryJudicialChecks(shard: number, day: LocalDate, limit: number, cursor?: string): Promise<Page<DueRef>>;
  putTask(task: CallTask): Promise<void>;
  getTask(tenantId: string, dossierId: string, taskId: string): Promise<CallTask | undefined>;
  listOpenTasks(tenantId: string): Promise<CallTask[]>;
  listDossiers(tenantId: string): Promise<Dossier[]>;
  /** One page of a tenant's dossiers in dossier-id order, after `after` (GET /dossiers pages on it). */
  pageTenantDossiers(tenantId: string, request: DossierPageRequest): Promise<DossierPage>;
  putTenant(profile: TenantProfile): Promise<void>;
  /** Remembers which dossier and level a provider message belongs to (delivery feedback finds it back). */
  putMessageRef(ref: MessageRef): Promise<void>;
  getMessageRef(messageId: string): Promise<MessageRef | undefined>;
}

/**
 * A provider message id (SNS SMS) → the action that sent it. SNS's SMS delivery status carries
 * only the message id, not the tags an SES event carries; ids only, no phone number.
 */
export interface MessageRef {
  messageId: string;
  tenantId: string;
  dossierId: string;
  /** The `<day>#ACT#<level>#<channel>` event of the message. */
  eventId: string;
  level: string;
  channel: Channel;
}

export interface TenantProfile extends ScenarioSettings {
  tenantId: string;
  creditorType: 'professional' | 'individual';
  name: string;
  address: PostalAddress;
  email: string;
  /** 'agency' when collecting for a creditor under a mandate (CPCE R124-4 mentions apply). */
  mode: 'creditor' | 'agency';
  /** Creditor represented, in agency mode. */
  principal?: { name: string; address: PostalAddress };
  siren?: string;
  /** Days before a prescription deadline the creditor is warned (default 90, 30, 7). */
  prescriptionWarningDays?: number[];
  /** Overrides of the contact guards' safe defaults (docs/legal.md §8), e.g. a later window start. */
  contactPolicy?: Partial<ContactPolicy>;
  /** How payments close a dossier (docs/legal.md §13); absent: DEFAULT_PAYMENT_POLICY (waive on principal paid). */
  paymentPolicy?: Partial<PaymentPolicy>;
  /** Failed escalation steps in a row before the dossier is parked for a person (default: the deployment's). */
  stuckAfterFailures?: number;
  /** The judicial review's thresholds (recommend-path.ts): write off below one, file without asking below the other. */
  judicial?: JudicialSettings;
}

export interface TenantDirectory {
  getTenant(tenantId: string): Promise<TenantProfile>;
  /** Every registered tenant: the jobs that run per tenant (monthly statements) walk them. */
  listTenantIds(): Promise<string[]>;
}

/** What every outgoing message carries for the outbox index and for idempotency. */
export interface MessageMeta {
  /** Instant of sending (UTC ISO): simulated in the embedded run. */
  at: string;
  tenantId: string;
  dossierId: string;
  debtorId: string;
  level: string;
  template: string;
  /** dossier + day + level + channel: the same key never yields two messages. */
  idempotencyKey: string;
}

export interface EmailMessage extends MessageMeta {
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
}

export interface SmsMessage extends MessageMeta {
  to: string;
  text: string;
}

export interface LetterMessage extends MessageMeta {
  recipientName: string;
  recipientAddress: PostalAddress;
  pdf: Uint8Array;
  /** Registered letter with acknowledgment (LRAR): the formal notice's evidence (C.civ. 1344). */
  registered: boolean;
}

export interface CallMessage extends MessageMeta {
  priority: number;
  summary: string;
}

export interface SentReceipt {
  channel: Channel;
  /** Provider message id (SES, SNS) or the outbox file written. */
  reference: string;
  document?: { key: string; sha256: string };
}

export interface Messenger {
  sendEmail(message: EmailMessage): Promise<SentReceipt>;
  sendSms(message: SmsMessage): Promise<SentReceipt>;
  sendLetter(message: LetterMessage): Promise<SentReceipt>;
  /** Call tasks go to the agents' queue; the outbox records them too. */
  announceCall(message: CallMessage): Promise<SentReceipt>;
}

/** Content of a letter; the renderer lays it out as a PDF. */
export interface LetterContent {
  language: 'fr' | 'en';
  sender: { name: string; address: PostalAddress; lines?: string[] };
  recipient: { name: string; address: PostalAddress };
  place: string;
  date: LocalDate;
  reference: string;
  title: string;
  /** "Lettre recommandée avec accusé de réception" etc. */
  mention?: string;
  paragraphs: string[];
  table?: { headers: string[]; rows: string[][]; totals?: string[] };
  closing: string[];
}

export interface LetterRenderer {
  render(content: LetterContent): Promise<Uint8Array>;
}

/** Object storage: S3 on AWS, a folder or a local S3 server embedded. */
export interface BlobStore {
  get(bucket: string, key: string): Promise<Uint8Array>;
  put(
    bucket: string,
    key: string,
    body: Uint8Array | string,
    contentType: string,
  ): Promise<{ key: string; sha256: string }>;
}

export interface EscalationInput {
  tenantId: string;
  dossierId: string;
  /** Instant the sweep runs for (UTC ISO): the step decides "as of" it, so a replay is deterministic. */
  asOf: string;
}

/** Starts one escalation step per dossier: Step Functions on AWS, the local ASL runner embedded. */
export interface EscalationLauncher {
  start(inputs: EscalationInput[]): Promise<void>;
}

/**
 * The rate table the pipeline computes interest with: the packaged data plus the half-years
 * operators added since (data/rates.json locally, `rates/overrides.json` in the config bucket
 * on AWS), the override winning per half-year (docs/legal.md §2, "Rates"). Cached per container.
 */
export interface RateSource {
  current(): Promise<EffectiveRates>;
}

export interface Logger {
  debug(message: string, attributes?: Record<string, unknown>): void;
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

/** A letter handed to a registered-mail service: the PDF is already stored as evidence. */
export interface RegisteredLetter {
  tenantId: string;
  dossierId: string;
  /** dossier + day + level + channel: a provider that sees it twice posts once. */
  idempotencyKey: string;
  /** Day the letter is handed over (Paris). */
  day: LocalDate;
  /** Instant of the step that sends it (UTC ISO; simulated in the embedded run). */
  at?: string;
  level?: string;
  recipientName: string;
  recipientAddress: PostalAddress;
  pdf: Uint8Array;
  /** Where the PDF is kept (documents bucket or outbox), for the provider's own records. */
  documentKey?: string;
}

/**
 * What the registered-mail service says later: delivered (avis de réception signed) or
 * returned (pli avisé et non réclamé, refused, address unknown), with the day it happened.
 */
export interface DeliveryReceipt {
  tenantId: string;
  dossierId: string;
  trackingRef: string;
  status: 'delivered' | 'returned';
  /** Day of delivery, or of first presentation for a returned letter (Paris). */
  day: LocalDate;
  /** Instant the receipt was issued (UTC ISO). */
  at: string;
  /** e.g. "pli avisé et non réclamé". */
  reason?: string;
}

/**
 * Registered sending (LRAR, or a registered e-mail service, C.civ. 1344: the proof of the formal
 * notice). `post` returns the tracking reference; receipts come back later, through the
 * recordDeliveryReceipt use case (a webhook on AWS, simulated days in the embedded run).
 */
export interface RegisteredMail {
  post(letter: RegisteredLetter): Promise<{ trackingRef: string }>;
}

/**
 * Counters for alarms (CloudWatch embedded metric format on AWS): a count that must page a person,
 * with ids kept out of the dimensions (one alarm per metric, not per dossier).
 */
export interface Metrics {
  count(name: string, value?: number): void;
}

/** Events of a provider's webhook already processed, by the provider's event id (deduplication). */
export interface ProcessedEvents {
  has(source: string, eventId: string): Promise<boolean>;
  add(source: string, eventId: string, at: string): Promise<void>;
}

/**
 * The hand-off of an enforcement mandate to a commissaire de justice (CPCE L122-1): the title and
 * the court file's bundle key. E-mail through the messenger (SES on AWS, the outbox embedded).
 */
export interface EnforcementHandOff {
  handOff(message: EnforcementHandOffMessage): Promise<SentReceipt>;
}

export interface EnforcementHandOffMessage {
  at: string;
  tenantId: string;
  dossierId: string;
  debtorId: string;
  /** The commissaire de justice's office e-mail (professional, not the debtor's). */
  to: string;
  /** dossier + court event id: the same mandate never hands off twice. */
  idempotencyKey: string;
  subject: string;
  text: string;
}
