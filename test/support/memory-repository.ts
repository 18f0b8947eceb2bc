import type { LocalDate } from '../../shared/domain/calendar';
import type { Dossier } from '../../shared/domain/dossier';
import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import { judicialCheckDay } from '../../shared/domain/judicial/judicial-step';
import type { Invoice } from '../../shared/domain/parties';
import type { TimelineEvent } from '../../shared/domain/timeline';
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
} from '../../shared/use-cases/ports';

/**
 * An in-memory DossierRepository and TenantDirectory for the property tests, which run thousands
 * of histories: dynalite (~600 writes/s) would take hours. It keeps the DynamoDB adapter's write
 * semantics, which the use cases rely on (dossier-repository.ts):
 * - createDossier: `attribute_not_exists(PK)` (false when it exists);
 * - saveDossier: `version = :read` (ConflictError when another writer came in between);
 * - appendEvent: `attribute_not_exists(PK)` (false when the id exists, never overwritten);
 * - items stored as JSON, so `undefined` fields vanish as with `removeUndefinedValues`, and a
 *   caller never holds a live reference to what is stored;
 * - the sparse indexes: due (open, not parked, `nextActionOn`), prescription check, judicial check.
 * It does not simulate faults, the 400 KB item limit, nor eventual consistency (every read here
 * is consistent, like the adapter's `ConsistentRead`). The integration tests cover those on dynalite.
 */
export class MemoryDossierRepository implements DossierRepository, TenantDirectory {
  private readonly dossiers = new Map<string, string>();
  private readonly events = new Map<string, Map<string, string>>();
  private readonly claims = new Map<string, string>();
  private readonly tasks = new Map<string, CallTask>();
  private readonly tenants = new Map<string, TenantProfile>();
  private readonly messageRefs = new Map<string, MessageRef>();

  private static copy<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
  }

  async getDossier(tenantId: string, dossierId: string) {
    const item = this.dossiers.get(`${tenantId}#${dossierId}`);
    return item ? (JSON.parse(item) as Dossier) : undefined;
  }

  async getDossiers(tenantId: string, dossierIds: string[]) {
    const found = new Map<string, Dossier>();
    for (const id of dossierIds) {
      const dossier = await this.getDossier(tenantId, id);
      if (dossier) found.set(id, dossier);
    }
    return found;
  }

  async readStepPage(refs: readonly { tenantId: string; dossierId: string }[]) {
    const found: DossierWithTimeline[] = [];
    for (const { tenantId, dossierId } of refs) {
      const dossier = await this.getDossier(tenantId, dossierId);
      if (dossier) found.push({ dossier, timeline: await this.listTimeline(tenantId, dossierId) });
    }
    return found;
  }

  async getDossierWithTimeline(tenantId: string, dossierId: string, taskId?: string) {
    const dossier = await this.getDossier(tenantId, dossierId);
    if (!dossier) return undefined;
    const timeline = await this.listTimeline(tenantId, dossierId);
    const task = taskId === undefined ? undefined : await this.getTask(tenantId, dossierId, taskId);
    return task ? { dossier, timeline, task } : { dossier, timeline };
  }

  async getDossiersByRef(refs: readonly { tenantId: string; dossierId: string }[]) {
    const found: Dossier[] = [];
    for (const { tenantId, dossierId } of refs) {
      const dossier = await this.getDossier(tenantId, dossierId);
      if (dossier) found.push(dossier);
    }
    return found;
  }

  async createDossier(dossier: Dossier) {
    const key = `${dossier.tenantId}#${dossier.dossierId}`;
    if (this.dossiers.has(key)) return this.dossiers.get(key) === JSON.stringify(dossier);
    this.dossiers.set(key, JSON.stringify(dossier));
    return true;
  }

  async saveDossier(dossier: Dossier) {
    const key = `${dossier.tenantId}#${dossier.dossierId}`;
    const stored = this.dossiers.get(key);
    const read = stored ? (JSON.parse(stored) as Dossier).version : undefined;
    if (read !== dossier.version - 1) {
      if (stored === JSON.stringify(dossier)) return;
      throw new ConflictError(`dossier ${dossier.dossierId} changed since it was read`);
    }
    this.dossiers.set(key, JSON.stringify(dossier));
  }

  invoicesFit(_invoices: readonly Invoice[]) {
    return true;
  }

  async claimInvoiceNumber(tenantId: string, invoiceNumber: string, dossierId: string) {
    const key = `${tenantId}#${invoiceNumber}`;
    const owner = this.claims.get(key);
    if (owner !== undefined) return { created: false, dossierId: owner };
    this.claims.set(key, dossierId);
    return { created: true, dossierId };
  }

  async findInvoiceClaim(tenantId: string, invoiceNumber: string) {
    return this.claims.get(`${tenantId}#${invoiceNumber}`);
  }

  private timelineOf(tenantId: string, dossierId: string) {
    const key = `${tenantId}#${dossierId}`;
    const timeline = this.events.get(key) ?? new Map<string, string>();
    this.events.set(key, timeline);
    return timeline;
  }

  async appendEvent(event: TimelineEvent) {
    const timeline = this.timelineOf(event.tenantId, event.dossierId);
    if (timeline.has(event.eventId)) return false;
    timeline.set(event.eventId, JSON.stringify(event));
    return true;
  }

  async putEvents(events: TimelineEvent[]) {
    for (const event of events)
      this.timelineOf(event.tenantId, event.dossierId).set(event.eventId, JSON.stringify(event));
  }

  async getEvent(tenantId: string, dossierId: string, eventId: string) {
    const item = this.timelineOf(tenantId, dossierId).get(eventId);
    return item ? (JSON.parse(item) as TimelineEvent) : undefined;
  }

  async markEventDone(event: TimelineEvent) {
    this.timelineOf(event.tenantId, event.dossierId).set(event.eventId, JSON.stringify(event));
  }

  /** In sort-key order, as the table's query returns it (the event id is the sort key's tail). */
  async listTimeline(tenantId: string, dossierId: string) {
    return [...this.timelineOf(tenantId, dossierId).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, item]) => JSON.parse(item) as TimelineEvent);
  }

  private all(): Dossier[] {
    return [...this.dossiers.values()].map((item) => JSON.parse(item) as Dossier);
  }

  private page(refs: DueRef[]): Page<DueRef> {
    return { items: refs.sort((a, b) => a.day.localeCompare(b.day)) };
  }

  async queryDue(_shard: number, day: LocalDate) {
    return this.page(
      this.all()
        .filter((d) => d.status === 'open' && !d.parked && d.nextActionOn && d.nextActionOn <= day)
        .map((d) => ({ tenantId: d.tenantId, dossierId: d.dossierId, day: d.nextActionOn! })),
    );
  }

  async queryPrescriptionChecks(_shard: number, day: LocalDate) {
    return this.page(
      this.all()
        .filter(
          (d) =>
            d.status !== 'paid' &&
            d.status !== 'prescribed' &&
            d.nextPrescriptionCheckOn &&
            d.nextPrescriptionCheckOn <= day,
        )
        .map((d) => ({ tenantId: d.tenantId, dossierId: d.dossierId, day: d.nextPrescriptionCheckOn! })),
    );
  }

  async queryJudicialChecks(_shard: number, day: LocalDate) {
    const refs: DueRef[] = [];
    for (const d of this.all()) {
      const check = judicialCheckDay(d);
      if (check && check <= day) refs.push({ tenantId: d.tenantId, dossierId: d.dossierId, day: check });
    }
    return this.page(refs);
  }

  async putTask(task: CallTask) {
    this.tasks.set(`${task.tenantId}#${task.dossierId}#${task.taskId}`, MemoryDossierRepository.copy(task));
  }

  async getTask(tenantId: string, dossierId: string, taskId: string) {
    const task = this.tasks.get(`${tenantId}#${dossierId}#${taskId}`);
    return task && MemoryDossierRepository.copy(task);
  }

  async listOpenTasks(tenantId: string) {
    return [...this.tasks.values()]
      .filter((t) => t.tenantId === tenantId && t.status === 'open')
      .map(MemoryDossierRepository.copy);
  }

  async listDossiers(tenantId: string) {
    return this.all().filter((d) => d.tenantId === tenantId);
  }

  async pageTenantDossiers(tenantId: string, request: DossierPageRequest): Promise<DossierPage> {
    const sorted = (await this.listDossiers(tenantId)).sort((a, b) =>
      request.descending ? b.dossierId.localeCompare(a.dossierId) : a.dossierId.localeCompare(b.dossierId),
    );
    const after = request.after;
    const rest = after
      ? sorted.filter((d) => (request.descending ? d.dossierId < after : d.dossierId > after))
      : sorted;
    const items = rest.slice(0, request.limit);
    return rest.length > request.limit ? { items, last: items.at(-1)!.dossierId } : { items };
  }

  async putTenant(profile: TenantProfile) {
    this.tenants.set(profile.tenantId, MemoryDossierRepository.copy(profile));
  }

  async getTenant(tenantId: string) {
    const profile = this.tenants.get(tenantId);
    if (!profile) throw new NotFoundError(`tenant ${tenantId} not found`);
    return MemoryDossierRepository.copy(profile);
  }

  async listTenantIds() {
    return [...this.tenants.keys()];
  }

  async putMessageRef(ref: MessageRef) {
    this.messageRefs.set(ref.messageId, { ...ref });
  }

  async getMessageRef(messageId: string) {
    const ref = this.messageRefs.get(messageId);
    return ref && { ...ref };
  }
}
