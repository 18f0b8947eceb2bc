import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import type { Invoice } from '../../domain/parties';
import type { TimelineEvent } from '../../domain/timeline';
import type {
  CallTask,
  DossierPage,
  DossierPageRequest,
  DossierRepository,
  DossierWithTimeline,
  DueRef,
  MessageRef,
  Page,
  TenantDirectory,
  TenantProfile,
} from '../../use-cases/ports';
import * as tasks from './call-tasks';
import { queryDayIndex } from './day-index';
import * as dossiers from './dossier-items';
import { pageTenantDossiers } from './dossier-listing';
import { writeDossiersTransacted } from './dossier-transactions';
import { ENTITY } from './entity-names';
import * as claims from './invoice-claim-items';
import { type ClaimRequest, claimInvoiceNumbers } from './invoice-claims';
import { invoicesFitOneItem } from './item-codec';
import { DynamoKpiAggregates } from './kpi-aggregates';
import * as messageRefs from './message-refs';
import { getDossiersByRef, readPartition, readStepPage } from './step-page-reads';
import * as tenants from './tenant-profiles';
import * as timeline from './timeline-events';

/**
 * The single-table DynamoDB adapter: idempotent single-item conditional writes; the one
 * transactional write is the intake's batch of invoice claims, on stores that have transactions.
 * Each entity's requests live in their own module (docs/data-model.md, access patterns); this
 * class holds the client, the table and the state they share (the tenant cache, the KPIs).
 */
export class DynamoDossierRepository implements DossierRepository, TenantDirectory {
  private readonly doc: DynamoDBDocumentClient;

  private readonly tenantCache: tenants.TenantCache = new Map();

  /** The KPI aggregates, fed by every first write of an event (docs/kpis.md). */
  readonly kpis: DynamoKpiAggregates;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly shardCount: number,
    /** What the store can do, known when it is chosen (AWS, DynamoDB Local, the embedded dynalite: transactions). */
    private readonly capabilities: { transactions?: boolean } = {},
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.kpis = new DynamoKpiAggregates(this.doc, tableName, (tenantId, dossierId) =>
      this.getDossier(tenantId, dossierId),
    );
  }

  /** The stored item of a dossier, index keys included (public for bulk loads: the benchmark's seeding). */
  dossierItem(dossier: Dossier): Record<string, unknown> {
    return dossiers.dossierItem(dossier, this.shardCount);
  }

  /** Whether the invoices fit in the dossier's one item: intake refuses the ones that would overflow it. */
  invoicesFit(invoices: readonly Invoice[]): boolean {
    return invoicesFitOneItem(invoices);
  }

  async getDossier(tenantId: string, dossierId: string): Promise<Dossier | undefined> {
    return dossiers.getDossier(this.doc, this.tableName, tenantId, dossierId);
  }

  async getDossiers(tenantId: string, dossierIds: string[]): Promise<Map<string, Dossier>> {
    return dossiers.getDossiers(this.doc, this.tableName, tenantId, dossierIds);
  }

  /** An escalation page's dossiers with their timelines: one Query per partition (step-page-reads.ts). */
  readStepPage(refs: readonly { tenantId: string; dossierId: string }[]): Promise<DossierWithTimeline[]> {
    return readStepPage(this.doc, this.tableName, refs);
  }

  /** A dossier and its timeline (and one of its tasks) in one Query of its partition (step-page-reads.ts). */
  getDossierWithTimeline(
    tenantId: string,
    dossierId: string,
    taskId?: string,
  ): Promise<(DossierWithTimeline & { task?: CallTask }) | undefined> {
    return readPartition(this.doc, this.tableName, { tenantId, dossierId }, taskId);
  }

  getDossiersByRef(refs: readonly { tenantId: string; dossierId: string }[]): Promise<Dossier[]> {
    return getDossiersByRef(this.doc, this.tableName, refs);
  }

  async createDossier(dossier: Dossier): Promise<boolean> {
    return dossiers.createDossier(this.doc, this.tableName, this.dossierItem(dossier));
  }

  async saveDossier(dossier: Dossier): Promise<void> {
    return dossiers.saveDossier(this.doc, this.tableName, dossier, this.dossierItem(dossier));
  }

  async claimInvoiceNumber(
    tenantId: string,
    invoiceNumber: string,
    dossierId: string,
  ): Promise<{ created: boolean; dossierId: string }> {
    return claims.claimInvoiceNumber(this.doc, this.tableName, tenantId, invoiceNumber, dossierId);
  }

  /** Many dossiers at once by TransactWriteItems (dossier-transactions.ts); all false without transactions. */
  async storeDossiers(stores: { dossier: Dossier; isNew: boolean }[]): Promise<boolean[]> {
    if (this.capabilities.transactions !== true) return stores.map(() => false);
    const writes = stores.map(({ dossier, isNew }) => ({
      item: this.dossierItem(dossier),
      ...(isNew ? {} : { readVersion: dossier.version - 1 }),
    }));
    return writeDossiersTransacted(this.doc, this.tableName, writes);
  }

  /** Many claims at once: TransactWriteItems where the store has them (invoice-claims.ts). */
  claimInvoiceNumbers(tenantId: string, requests: ClaimRequest[]): Promise<Map<string, string>> {
    const writer = {
      doc: this.doc,
      tableName: this.tableName,
      transactions: this.capabilities.transactions === true,
      claimOne: this.claimInvoiceNumber.bind(this),
      readClaims: this.findInvoiceClaims.bind(this),
      attributes: { entity: ENTITY.claim },
    };
    return claimInvoiceNumbers(writer, tenantId, requests);
  }

  async findInvoiceClaim(tenantId: string, invoiceNumber: string): Promise<string | undefined> {
    return claims.findInvoiceClaim(this.doc, this.tableName, tenantId, invoiceNumber);
  }

  async findInvoiceClaims(tenantId: string, invoiceNumbers: string[]): Promise<Map<string, string>> {
    return claims.findInvoiceClaims(this.doc, this.tableName, tenantId, invoiceNumbers);
  }

  async appendEvent(event: TimelineEvent, stored?: Dossier): Promise<boolean> {
    if (!(await timeline.putEventOnce(this.doc, this.tableName, event))) return false;
    // Only the first write projects: a retried event finds its item and counts once.
    await this.kpis.project(event, stored);
    return true;
  }

  /**
   * Many first writes at once (an escalation page's claims), by TransactWriteItems where the store
   * has them; each written one projects its KPIs as appendEvent's does. All false without them.
   */
  async appendEvents(events: TimelineEvent[]): Promise<boolean[]> {
    if (this.capabilities.transactions !== true || events.length === 0) return events.map(() => false);
    const written = await timeline.putEventsOnce(this.doc, this.tableName, events);
    for (const [index, event] of events.entries()) if (written[index]) await this.kpis.project(event);
    return written;
  }

  async putEvents(events: TimelineEvent[]): Promise<void> {
    return timeline.putEvents(this.doc, this.tableName, events);
  }

  /** Intake's events, counted once their dossier's conditional save succeeded (store-debtor.ts). */
  countEntrusted(events: TimelineEvent[], newDossiers: boolean | number): Promise<void> {
    return this.kpis.projectEntrusted(events, newDossiers);
  }

  async getEvent(tenantId: string, dossierId: string, eventId: string): Promise<TimelineEvent | undefined> {
    return timeline.getEvent(this.doc, this.tableName, tenantId, dossierId, eventId);
  }

  /** Completes a claimed side effect; the only change a timeline event ever gets (pending → done). */
  async markEventDone(event: TimelineEvent): Promise<void> {
    return timeline.markEventDone(this.doc, this.tableName, event);
  }

  /**
   * A page's completions in BatchWriteItem (25 a request), not one UpdateItem each. Without
   * markEventDone's `attribute_exists` condition: the page wrote or read each claim moments before
   * and puts it back whole; only an open dossier is acted on, and erasure, the one other change of
   * an event, refuses an open dossier (docs/personal-data.md).
   */
  async markEventsDone(events: TimelineEvent[]): Promise<void> {
    return timeline.putEvents(
      this.doc,
      this.tableName,
      events.map((event) => ({ ...event, state: 'done' as const })),
    );
  }

  /** A page's KPI increments added up and written once at its end (kpi-aggregates.ts). */
  countTogether<T>(work: () => Promise<T>, lost?: (error: unknown) => void): Promise<T> {
    return this.kpis.together(work, lost);
  }

  async listTimeline(tenantId: string, dossierId: string): Promise<TimelineEvent[]> {
    return timeline.listTimeline(this.doc, this.tableName, tenantId, dossierId);
  }

  queryDue(shard: number, day: LocalDate, limit: number, cursor?: string): Promise<Page<DueRef>> {
    return queryDayIndex(this.doc, this.tableName, 'due', shard, { day, limit, cursor });
  }

  queryPrescriptionChecks(
    shard: number,
    day: LocalDate,
    limit: number,
    cursor?: string,
  ): Promise<Page<DueRef>> {
    return queryDayIndex(this.doc, this.tableName, 'prescription', shard, { day, limit, cursor });
  }

  /** Dossiers in court whose judicial check (a court deadline, an alert) is due (judicial sweep). */
  queryJudicialChecks(shard: number, day: LocalDate, limit: number, cursor?: string): Promise<Page<DueRef>> {
    return queryDayIndex(this.doc, this.tableName, 'judicial', shard, { day, limit, cursor });
  }

  async putTask(task: CallTask): Promise<void> {
    return tasks.putTask(this.doc, this.tableName, task);
  }

  async getTask(tenantId: string, dossierId: string, taskId: string): Promise<CallTask | undefined> {
    return tasks.getTask(this.doc, this.tableName, tenantId, dossierId, taskId);
  }

  async listOpenTasks(tenantId: string): Promise<CallTask[]> {
    return tasks.listOpenTasks(this.doc, this.tableName, tenantId);
  }

  async listDossiers(tenantId: string): Promise<Dossier[]> {
    return dossiers.listDossiers(this.doc, this.tableName, tenantId);
  }

  /** GET /dossiers' access pattern, in its own module (dossier-listing.ts). */
  pageTenantDossiers(tenantId: string, request: DossierPageRequest): Promise<DossierPage> {
    return pageTenantDossiers(this.doc, this.tableName, tenantId, request);
  }

  /** Kept a minute per container; one written here applies at once (tenant-profiles.ts). */
  async getTenant(tenantId: string): Promise<TenantProfile> {
    return tenants.getTenant(this.doc, this.tableName, this.tenantCache, tenantId);
  }

  async putTenant(profile: TenantProfile): Promise<void> {
    return tenants.putTenant(this.doc, this.tableName, this.tenantCache, profile);
  }

  async listTenantIds(): Promise<string[]> {
    return tenants.listTenantIds(this.doc, this.tableName);
  }

  async putMessageRef(ref: MessageRef): Promise<void> {
    return messageRefs.putMessageRef(this.doc, this.tableName, ref);
  }

  async getMessageRef(messageId: string): Promise<MessageRef | undefined> {
    return messageRefs.getMessageRef(this.doc, this.tableName, messageId);
  }
}
