import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { judicialCheckDay } from '../../domain/judicial/judicial-step';
import type { Invoice } from '../../domain/parties';
import { withStoredScore } from '../../domain/recoverability-score';
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
import { batchGet, batchPut } from './batch-requests';
import { pageTenantDossiers } from './dossier-listing';
import { writeDossiersTransacted } from './dossier-transactions';
import { type ClaimRequest, claimInvoiceNumbers } from './invoice-claims';
import {
  dossierAttributes,
  dossierFromItem,
  eventAttributes,
  eventFromItem,
  invoicesFitOneItem,
  strip,
} from './item-codec';
import { keys, shardOf } from './keys';
import { DynamoKpiAggregates } from './kpi-aggregates';
import { landedBefore } from './own-write';
import { getDossiersByRef, readStepPage } from './step-page-reads';

/** How long a tenant profile read stays in this container's memory. */
const TENANT_CACHE_MS = 60_000;

const ENTITY = {
  dossier: 'Dossier',
  event: 'TimelineEvent',
  claim: 'InvoiceClaim',
  task: 'CallTask',
  tenant: 'Tenant',
  messageRef: 'MessageRef',
};

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as Error)?.name === 'ConditionalCheckFailedException'
  );
}

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  return cursor ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
}

/**
 * The single-table DynamoDB adapter: idempotent single-item conditional writes; the one
 * transactional write is the intake's batch of invoice claims, on stores that have transactions.
 */
export class DynamoDossierRepository implements DossierRepository, TenantDirectory {
  private readonly doc: DynamoDBDocumentClient;

  private readonly tenantCache = new Map<string, { profile: TenantProfile; readAt: number }>();

  /** The KPI aggregates, fed by every first write of an event (docs/kpis.md). */
  readonly kpis: DynamoKpiAggregates;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly shardCount: number,
    /** What the store can do, known when it is chosen (AWS, DynamoDB Local: transactions; dynalite: none). */
    private readonly capabilities: { transactions?: boolean } = {},
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.kpis = new DynamoKpiAggregates(this.doc, tableName, (tenantId, dossierId) =>
      this.getDossier(tenantId, dossierId),
    );
  }

  /** The stored item of a dossier, index keys included (public for bulk loads: the benchmark's seeding). */
  dossierItem(dossier: Dossier): Record<string, unknown> {
    const { tenantId, dossierId } = dossier;
    const shard = shardOf(tenantId, dossierId, this.shardCount);
    // A parked dossier (steps kept failing) waits for a person, off the index: resume-dossier.ts.
    const pursued = dossier.status === 'open' && !dossier.parked;
    // Sparse indexes: a dossier is on the sweep index only while it has something scheduled.
    // The judicial step's day: a court check, a follow-up, the claim's declaration (judicial-step.ts).
    const judicialCheck = judicialCheckDay(dossier);
    const due =
      pursued && dossier.nextActionOn
        ? keys.due(shard, dossier.nextActionOn, tenantId, dossierId)
        : judicialCheck
          ? keys.judicialCheck(shard, judicialCheck, tenantId, dossierId)
          : {};
    const watched =
      dossier.status !== 'paid' && dossier.status !== 'prescribed' && dossier.nextPrescriptionCheckOn;
    const presc = watched
      ? keys.prescriptionCheck(shard, dossier.nextPrescriptionCheckOn!, tenantId, dossierId)
      : {};
    return {
      ...keys.dossier(tenantId, dossierId),
      ...due,
      ...presc,
      ...keys.tenantDossiers(tenantId, dossierId),
      entity: ENTITY.dossier,
      ...dossierAttributes(withStoredScore(dossier)),
    };
  }

  /** Whether the invoices fit in the dossier's one item: intake refuses the ones that would overflow it. */
  invoicesFit(invoices: readonly Invoice[]): boolean {
    return invoicesFitOneItem(invoices);
  }

  async getDossier(tenantId: string, dossierId: string): Promise<Dossier | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.dossier(tenantId, dossierId),
        ConsistentRead: true,
      }),
    );
    return out.Item ? dossierFromItem(out.Item) : undefined;
  }

  async getDossiers(tenantId: string, dossierIds: string[]): Promise<Map<string, Dossier>> {
    const items = await batchGet(
      this.doc,
      this.tableName,
      [...new Set(dossierIds)].map((dossierId) => keys.dossier(tenantId, dossierId)),
    );
    return new Map(items.map((item) => [String(item.dossierId), dossierFromItem(item)]));
  }

  /** An escalation page's dossiers with their timelines: one Query per partition (step-page-reads.ts). */
  readStepPage(refs: readonly { tenantId: string; dossierId: string }[]): Promise<DossierWithTimeline[]> {
    return readStepPage(this.doc, this.tableName, refs);
  }

  getDossiersByRef(refs: readonly { tenantId: string; dossierId: string }[]): Promise<Dossier[]> {
    return getDossiersByRef(this.doc, this.tableName, refs);
  }

  async createDossier(dossier: Dossier): Promise<boolean> {
    const item = this.dossierItem(dossier);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      // A retried request whose first attempt had landed finds its own item (own-write.ts).
      if (isConditionFailure(error)) return landedBefore(this.doc, this.tableName, item);
      throw error;
    }
  }

  async saveDossier(dossier: Dossier): Promise<void> {
    const item = this.dossierItem(dossier);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'version = :read',
          ExpressionAttributeValues: { ':read': dossier.version - 1 },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        if (await landedBefore(this.doc, this.tableName, item)) return;
        throw new ConflictError(`dossier ${dossier.dossierId} changed since it was read`, { cause: error });
      }
      throw error;
    }
  }

  async claimInvoiceNumber(tenantId: string, invoiceNumber: string, dossierId: string) {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.invoiceClaim(tenantId, invoiceNumber), entity: ENTITY.claim, dossierId },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return { created: true, dossierId };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const out = await this.doc.send(
        new GetCommand({
          TableName: this.tableName,
          Key: keys.invoiceClaim(tenantId, invoiceNumber),
          ConsistentRead: true,
        }),
      );
      return { created: false, dossierId: String(out.Item?.dossierId ?? '') };
    }
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
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.invoiceClaim(tenantId, invoiceNumber),
        ConsistentRead: true,
      }),
    );
    return out.Item?.dossierId === undefined ? undefined : String(out.Item.dossierId);
  }

  async findInvoiceClaims(tenantId: string, invoiceNumbers: string[]): Promise<Map<string, string>> {
    const items = await batchGet(
      this.doc,
      this.tableName,
      [...new Set(invoiceNumbers)].map((number) => keys.invoiceClaim(tenantId, number)),
    );
    // The number is the key's tail (keys.ts: T#<tenant>#INV#<number>), after the tenant's prefix.
    const prefix = String(keys.invoiceClaim(tenantId, '').PK);
    return new Map(items.map((item) => [String(item.PK).slice(prefix.length), String(item.dossierId)]));
  }

  async appendEvent(event: TimelineEvent): Promise<boolean> {
    const item = {
      ...keys.event(event.tenantId, event.dossierId, event.eventId),
      entity: ENTITY.event,
      ...eventAttributes(event),
    };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      // Not own-write.ts here: an identical redelivery (a bounce notified twice) must stay a
      // duplicate. Callers read an existing claim's state instead (pending: finish it).
      if (isConditionFailure(error)) return false;
      throw error;
    }
    // Only the first write projects: a retried event finds its item and counts once.
    await this.kpis.project(event);
    return true;
  }

  async putEvents(events: TimelineEvent[]): Promise<void> {
    await batchPut(
      this.doc,
      this.tableName,
      events.map((event) => ({
        ...keys.event(event.tenantId, event.dossierId, event.eventId),
        entity: ENTITY.event,
        ...eventAttributes(event),
      })),
    );
  }

  /** Intake's events, counted once their dossier's conditional save succeeded (store-debtor.ts). */
  countEntrusted(events: TimelineEvent[], newDossiers: boolean | number): Promise<void> {
    return this.kpis.projectEntrusted(events, newDossiers);
  }

  async getEvent(tenantId: string, dossierId: string, eventId: string): Promise<TimelineEvent | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.event(tenantId, dossierId, eventId),
        ConsistentRead: true,
      }),
    );
    return out.Item ? eventFromItem(out.Item) : undefined;
  }

  /** Completes a claimed side effect; the only change a timeline event ever gets (pending → done). */
  async markEventDone(event: TimelineEvent): Promise<void> {
    // A registered letter's tracking reference is known only once it is posted.
    const tracked = event.trackingRef !== undefined;
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.event(event.tenantId, event.dossierId, event.eventId),
        UpdateExpression: `SET #state = :done, #document = :document, #note = :note${tracked ? ', #trackingRef = :trackingRef' : ''}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: {
          '#state': 'state',
          '#document': 'document',
          '#note': 'note',
          ...(tracked ? { '#trackingRef': 'trackingRef' } : {}),
        },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':document': event.document ?? null,
          ':note': event.note ?? null,
          ...(tracked ? { ':trackingRef': event.trackingRef } : {}),
        },
      }),
    );
  }

  /** A page's KPI increments added up and written once at its end (kpi-aggregates.ts). */
  countTogether<T>(work: () => Promise<T>, lost?: (error: unknown) => void): Promise<T> {
    return this.kpis.together(work, lost);
  }

  async listTimeline(tenantId: string, dossierId: string): Promise<TimelineEvent[]> {
    const { PK } = keys.dossier(tenantId, dossierId);
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': PK, ':prefix': keys.timelinePrefix },
    });
    return items.map(eventFromItem);
  }

  queryDue(shard: number, day: LocalDate, limit: number, cursor?: string): Promise<Page<DueRef>> {
    return this.queryDayIndex('GSI1', keys.duePartition(shard), day, limit, cursor, 'nextActionOn');
  }

  queryPrescriptionChecks(
    shard: number,
    day: LocalDate,
    limit: number,
    cursor?: string,
  ): Promise<Page<DueRef>> {
    return this.queryDayIndex(
      'GSI2',
      keys.prescriptionPartition(shard),
      day,
      limit,
      cursor,
      'nextPrescriptionCheckOn',
    );
  }

  /** Dossiers in court whose judicial check (a court deadline, an alert) is due (judicial sweep). */
  queryJudicialChecks(shard: number, day: LocalDate, limit: number, cursor?: string): Promise<Page<DueRef>> {
    return this.queryDayIndex('GSI1', keys.judicialPartition(shard), day, limit, cursor, 'GSI1SK');
  }

  private async queryDayIndex(
    index: 'GSI1' | 'GSI2',
    partition: string,
    day: LocalDate,
    limit: number,
    cursor: string | undefined,
    dayAttribute: 'nextActionOn' | 'nextPrescriptionCheckOn' | 'GSI1SK',
  ): Promise<Page<DueRef>> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}PK = :pk AND ${index}SK < :upper`,
        ExpressionAttributeValues: { ':pk': partition, ':upper': keys.dayUpperBound(day) },
        ProjectionExpression: 'tenantId, dossierId, #day',
        ExpressionAttributeNames: { '#day': dayAttribute },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor),
      }),
    );
    const items = (out.Items ?? []).map((item) => ({
      tenantId: String(item.tenantId),
      dossierId: String(item.dossierId),
      // The judicial day is nested (judicial.nextCheckOn): read it from the index key's prefix.
      day: String(item[dayAttribute]).slice(0, dayAttribute === 'GSI1SK' ? 10 : undefined),
    }));
    const next = encodeCursor(out.LastEvaluatedKey);
    return next ? { items, cursor: next } : { items };
  }

  async putTask(task: CallTask): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.task(task.tenantId, task.dossierId, task.taskId),
          ...keys.tenantTasks(task.tenantId, task.status, task.priority, task.taskId),
          entity: ENTITY.task,
          ...task,
        },
      }),
    );
  }

  async getTask(tenantId: string, dossierId: string, taskId: string): Promise<CallTask | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.task(tenantId, dossierId, taskId),
        ConsistentRead: true,
      }),
    );
    return out.Item ? strip<CallTask>(out.Item) : undefined;
  }

  async listOpenTasks(tenantId: string): Promise<CallTask[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.tenantTasksPartition(tenantId, 'open') },
    });
    return items.map((item) => strip<CallTask>(item));
  }

  async listDossiers(tenantId: string): Promise<Dossier[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.tenantDossiersPartition(tenantId) },
    });
    return items.map(dossierFromItem);
  }

  /** GET /dossiers' access pattern, in its own module (dossier-listing.ts). */
  pageTenantDossiers(tenantId: string, request: DossierPageRequest): Promise<DossierPage> {
    return pageTenantDossiers(this.doc, this.tableName, tenantId, request);
  }

  /**
   * Every escalation step reads its tenant's profile (contact policy, scenarios, letterhead):
   * kept a minute per container, so a sweep does not read the same item thousands of times.
   * A profile changed elsewhere applies within the minute; one written here, at once.
   */
  async getTenant(tenantId: string): Promise<TenantProfile> {
    const cached = this.tenantCache.get(tenantId);
    if (cached && Date.now() - cached.readAt < TENANT_CACHE_MS) return cached.profile;
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.tenant(tenantId) }),
    );
    if (!out.Item) throw new NotFoundError(`tenant ${tenantId} has no profile`);
    const profile = strip<TenantProfile>(out.Item);
    this.tenantCache.set(tenantId, { profile, readAt: Date.now() });
    return profile;
  }

  async putTenant(profile: TenantProfile): Promise<void> {
    this.tenantCache.delete(profile.tenantId);
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.tenant(profile.tenantId),
          ...keys.tenantListing(profile.tenantId),
          entity: ENTITY.tenant,
          ...profile,
        },
      }),
    );
  }

  async listTenantIds(): Promise<string[]> {
    const ids: string[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.tenantListingPartition },
          ProjectionExpression: 'tenantId',
          ...(cursor ? { ExclusiveStartKey: cursor } : {}),
        }),
      );
      for (const item of out.Items ?? []) ids.push(String(item.tenantId));
      cursor = out.LastEvaluatedKey;
    } while (cursor);
    return ids;
  }

  async putMessageRef(ref: MessageRef): Promise<void> {
    // Plain put: a retried send that got a new provider id adds its own item; the same id rewrites the same one.
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.messageRef(ref.messageId), entity: ENTITY.messageRef, ...ref },
      }),
    );
  }

  async getMessageRef(messageId: string): Promise<MessageRef | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.messageRef(messageId) }),
    );
    return out.Item ? strip<MessageRef>(out.Item) : undefined;
  }

  private async queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
