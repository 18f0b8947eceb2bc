import type { LocalDate } from '../../domain/calendar';
import type { TaskStatus } from '../../use-cases/ports';

/**
 * Every key of the single table, in one place (entities and access patterns: docs/data-model.md).
 *
 * | entity        | PK                         | SK                    | GSI1 / GSI2 / GSI3                          |
 * |---------------|----------------------------|-----------------------|---------------------------------------------|
 * | Dossier       | T#<tenant>#D#<dossier>     | DOSSIER               | DUE#<shard> or JUD#<shard> / PRESC#<shard> / T#<tenant>#DOSSIERS |
 * | TimelineEvent | T#<tenant>#D#<dossier>     | EVT#<eventId>         |                                             |
 * | InvoiceClaim  | T#<tenant>#INV#<number>    | INVOICE               |                                             |
 * | CallTask      | T#<tenant>#D#<dossier>     | TASK#<taskId>         | GSI3: T#<tenant>#TASKS#<status>             |
 * | TenantProfile | T#<tenant>                 | PROFILE               | GSI3: TENANTS                               |
 * | MessageRef    | MSG#<provider message id>  | MESSAGE               |                                             |
 * | SentMessage   | MSG#SENT#<idempotency key> | SENT                  |                                             |
 * | WebhookEvent  | HOOK#<source>#<event id>   | EVENT                 |                                             |
 * | Idempotency   | T#<tenant>#IDEM#<scope>#<sha256 of key> | IDEMPOTENCY |                                     |
 * | KpiDay        | T#<tenant>#KPI             | DAY#<day>#<shard>     |                                             |
 */
export const keys = {
  dossier: (tenantId: string, dossierId: string) => ({ PK: `T#${tenantId}#D#${dossierId}`, SK: 'DOSSIER' }),
  event: (tenantId: string, dossierId: string, eventId: string) => ({
    PK: `T#${tenantId}#D#${dossierId}`,
    SK: `EVT#${eventId}`,
  }),
  timelinePrefix: 'EVT#',
  invoiceClaim: (tenantId: string, invoiceNumber: string) => ({
    PK: `T#${tenantId}#INV#${invoiceNumber}`,
    SK: 'INVOICE',
  }),
  task: (tenantId: string, dossierId: string, taskId: string) => ({
    PK: `T#${tenantId}#D#${dossierId}`,
    SK: `TASK#${taskId}`,
  }),
  tenant: (tenantId: string) => ({ PK: `T#${tenantId}`, SK: 'PROFILE' }),
  /** Delivery feedback that names only the provider's message id (SNS SMS status) finds its dossier here. */
  messageRef: (messageId: string) => ({ PK: `MSG#${messageId}`, SK: 'MESSAGE' }),
  /** A provider accepted the message of this idempotency key (`<tenant>#<dossier>#<eventId>`): sent-messages.ts. */
  sentMessage: (idempotencyKey: string) => ({ PK: `MSG#SENT#${idempotencyKey}`, SK: 'SENT' }),
  /** A provider's webhook event already processed (deduplication by the provider's event id). */
  webhookEvent: (source: string, eventId: string) => ({ PK: `HOOK#${source}#${eventId}`, SK: 'EVENT' }),
  /** A client's Idempotency-Key for one kind of request (`scope`), hashed: idempotency-keys.ts. */
  idempotencyKey: (tenantId: string, scope: string, keyHash: string) => ({
    PK: `T#${tenantId}#IDEM#${scope}#${keyHash}`,
    SK: 'IDEMPOTENCY',
  }),

  /**
   * A tenant's KPI aggregate of one Paris day, split in a few shards (by dossier) so a sweep's
   * thousands of atomic ADDs do not all land on one item: kpi-aggregates.ts, docs/kpis.md.
   */
  kpiDay: (tenantId: string, day: LocalDate, shard: number) => ({
    PK: `T#${tenantId}#KPI`,
    SK: `DAY#${day}#${shard}`,
  }),
  kpiPartition: (tenantId: string) => `T#${tenantId}#KPI`,
  kpiDayRange: (from: LocalDate, to: LocalDate) => ({ low: `DAY#${from}#`, high: `DAY#${to}#~` }),

  /** Sweep index: present only while an action is scheduled (sparse). */
  due: (shard: number, day: LocalDate, tenantId: string, dossierId: string) => ({
    GSI1PK: `DUE#${shard}`,
    GSI1SK: `${day}#${tenantId}#${dossierId}`,
  }),
  duePartition: (shard: number) => `DUE#${shard}`,
  prescriptionCheck: (shard: number, day: LocalDate, tenantId: string, dossierId: string) => ({
    GSI2PK: `PRESC#${shard}`,
    GSI2SK: `${day}#${tenantId}#${dossierId}`,
  }),
  prescriptionPartition: (shard: number) => `PRESC#${shard}`,
  /**
   * Judicial sweep: a dossier in court is off the overdue sweep (status `judicial`), so it reuses
   * GSI1 under its own partition while a court deadline is watched (sparse, sharded).
   */
  judicialCheck: (shard: number, day: LocalDate, tenantId: string, dossierId: string) => ({
    GSI1PK: `JUD#${shard}`,
    GSI1SK: `${day}#${tenantId}#${dossierId}`,
  }),
  judicialPartition: (shard: number) => `JUD#${shard}`,
  /** Upper bound of a day's sort keys: "<day>#" sorts below "<day>$". */
  dayUpperBound: (day: LocalDate) => `${day}$`,
  tenantDossiers: (tenantId: string, dossierId: string) => ({
    GSI3PK: `T#${tenantId}#DOSSIERS`,
    GSI3SK: dossierId,
  }),
  tenantDossiersPartition: (tenantId: string) => `T#${tenantId}#DOSSIERS`,
  tenantTasks: (tenantId: string, status: TaskStatus, priority: number, taskId: string) => ({
    GSI3PK: `T#${tenantId}#TASKS#${status}`,
    // Inverted, zero-padded priority: the highest priority sorts first.
    GSI3SK: `${(1e12 - Math.min(priority, 1e12 - 1)).toString().padStart(13, '0')}#${taskId}`,
  }),
  tenantTasksPartition: (tenantId: string, status: TaskStatus) => `T#${tenantId}#TASKS#${status}`,
  /** Every tenant profile, for the jobs that run per tenant (monthly statements). */
  tenantListing: (tenantId: string) => ({ GSI3PK: 'TENANTS', GSI3SK: tenantId }),
  tenantListingPartition: 'TENANTS',
};

/** Stable shard of a dossier (FNV-1a of tenant and dossier): the same dossier always lands on the same shard. */
export function shardOf(tenantId: string, dossierId: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  const text = `${tenantId}#${dossierId}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
}
