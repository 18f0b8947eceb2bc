/**
 * What the use cases read and write about dossiers, their timeline and their tasks: one
 * repository (DynamoDB on AWS, dynalite embedded). Apart from the other ports so the data
 * model's access patterns read in one place.
 */
import type { LocalDate } from '../../domain/calendar';
import type { CallOutcome } from '../../domain/call-outcome';
import type { Dossier } from '../../domain/dossier';
import type { Channel, Invoice } from '../../domain/parties';
import type { JudicialSummary, TimelineEvent } from '../../domain/timeline';
import type { TenantProfile } from './tenants';

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
  /** court-file-data: what the court file lacks, each with its article (labels only, never the debtor's data). */
  missing?: string[];
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
  | 'enforceable-formula'
  /** The court file cannot be built: the task lists what is missing (judicial step, docs/legal.md §10). */
  | 'court-file-data'
  /** Declare the claim to the mandataire judiciaire by its deadline (C.com. L622-24, R622-24). */
  | 'claim-declaration';

export type TaskStatus = 'open' | 'done' | 'cancelled';

/** A dossier read with its timeline in one go (the escalation's DecidePage). */
export interface DossierWithTimeline {
  dossier: Dossier;
  timeline: TimelineEvent[];
}

export interface DossierRepository {
  getDossier(tenantId: string, dossierId: string): Promise<Dossier | undefined>;
  /** Several dossiers of a tenant at once (BatchGetItem), by dossier id; the missing ones are absent. */
  getDossiers(tenantId: string, dossierIds: string[]): Promise<Map<string, Dossier>>;
  /**
   * The dossiers of an escalation page with their timelines, one consistent Query per dossier
   * partition (the dossier item and its events share it); the missing ones are absent.
   */
  readStepPage(refs: readonly { tenantId: string; dossierId: string }[]): Promise<DossierWithTimeline[]>;
  /**
   * One dossier with its timeline in one consistent read (one Query of its partition), for an
   * event from outside that needs both (a payment, a delivery receipt, a call outcome); absent: undefined.
   * `taskId`: that task of the dossier too, in the same read (a call outcome's task), when it exists.
   */
  getDossierWithTimeline(
    tenantId: string,
    dossierId: string,
    taskId?: string,
  ): Promise<(DossierWithTimeline & { task?: CallTask }) | undefined>;
  /** Dossiers of several tenants at once (BatchGetItem, consistent); the missing ones are absent. */
  getDossiersByRef(refs: readonly { tenantId: string; dossierId: string }[]): Promise<Dossier[]>;
  /** Creates a dossier; false when it exists already (conditional put). */
  createDossier(dossier: Dossier): Promise<boolean>;
  /** Saves a dossier read at `dossier.version - 1`; throws ConflictError when somebody else wrote in between. */
  saveDossier(dossier: Dossier): Promise<void>;
  /**
   * Creates or saves many dossiers at once, each with its own write's condition (absent / at the
   * version read), where the store has transactions: per dossier, whether it was stored. False
   * (a cancelled transaction, or a store without transactions): the caller takes createDossier or
   * saveDossier for it. Optional: intake then writes each dossier by itself.
   */
  storeDossiers?(stores: { dossier: Dossier; isNew: boolean }[]): Promise<boolean[]>;
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
  /** The dossier an invoice number was claimed for, if any (e-invoice credit notes and statuses find their invoice). */
  findInvoiceClaim(tenantId: string, invoiceNumber: string): Promise<string | undefined>;
  /**
   * The claims of many invoice numbers at once (BatchGetItem, 100 keys a request): number → dossier
   * id, the unclaimed ones absent. Optional: without it intake claims every number by its own put.
   */
  findInvoiceClaims?(tenantId: string, invoiceNumbers: string[]): Promise<Map<string, string>>;
  /**
   * Claims many invoice numbers at once, each for its dossier: number → the dossier holding it
   * (the one asked when this call claimed it, else the earlier holder). Same outcome as
   * claimInvoiceNumber number by number; where the store has transactions, 100 numbers a
   * request. Optional: without it intake claims every number by its own put.
   */
  claimInvoiceNumbers?(
    tenantId: string,
    requests: { invoiceNumber: string; dossierId: string }[],
  ): Promise<Map<string, string>>;
  /**
   * Appends a timeline event; false when an event with that id exists already. `stored`: the
   * dossier as the caller just saved or read it, which the KPIs then take instead of reading it
   * again (a payment's imputation: kpi-projection.ts NEEDS_DOSSIER).
   */
  appendEvent(event: TimelineEvent, stored?: Dossier): Promise<boolean>;
  /**
   * Writes events in batches, unconditionally: only for events a retry writes identically (same
   * id, same content), such as the intake's `invoice-added`. Anything claimed uses appendEvent.
   */
  putEvents(events: TimelineEvent[]): Promise<void>;
  /**
   * appendEvent for many events at once, where the store can write them together (transactions):
   * per event, whether this call wrote it. False says nothing (written before, or not tried):
   * the caller's appendEvent of that event tells. Absent: appendEvent each.
   */
  appendEvents?(events: TimelineEvent[]): Promise<boolean[]>;
  /**
   * Adds intake's `invoice-added` events to the KPI aggregates, after the dossier's conditional
   * save that made their invoices new succeeded (so a retried file counts nothing twice), with the
   * debtor when its dossier was created. Absent: no KPIs kept (test doubles).
   */
  countEntrusted?(events: TimelineEvent[], newDossiers: boolean | number): Promise<void>;
  getEvent(tenantId: string, dossierId: string, eventId: string): Promise<TimelineEvent | undefined>;
  markEventDone(event: TimelineEvent): Promise<void>;
  /**
   * The completions of many claims at once (an escalation page's sends), each event whole as its
   * claim holds it, with state 'done': one batch write, unconditional. Absent: markEventDone each.
   */
  markEventsDone?(events: TimelineEvent[]): Promise<void>;
  /**
   * Runs `work` with the KPI increments of the events it appends added up and written once at
   * its end (a page of escalation steps: one ADD, not one per message); `lost` hears of a final
   * write that failed (the counts are lost, the work stands). Absent: counted one by one.
   */
  countTogether?<T>(work: () => Promise<T>, lost?: (error: unknown) => void): Promise<T>;
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
