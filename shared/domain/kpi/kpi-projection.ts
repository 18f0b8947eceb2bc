import { daysBetween, type LocalDate } from '../calendar';
import type { Dossier } from '../dossier';
import { BUILT_IN_SCENARIOS } from '../scenario-catalog';
import type { TimelineEvent } from '../timeline';

/**
 * What one timeline event adds to its tenant's KPI aggregate of its Paris day: flat counters,
 * applied with DynamoDB's atomic ADD (kpi-aggregates.ts). Flat names, not nested maps, because
 * ADD on a map path fails while the map does not exist yet. The KPIs are computed from the sums of
 * these counters over a period (kpi-figures.ts); definitions in docs/kpis.md.
 */
export type KpiCounters = Record<string, number>;

export interface KpiDelta {
  tenantId: string;
  day: LocalDate;
  counters: KpiCounters;
}

/** Counter names, in one place: the aggregate item's attributes (docs/data-model.md). */
export const COUNTER = {
  entrustedCents: 'entrustedCents',
  entrustedInvoices: 'entrustedInvoices',
  entrustedDossiers: 'entrustedDossiers',
  recoveredCents: 'recoveredCents',
  payments: 'payments',
  paidDossiers: 'paidDossiers',
  disputes: 'disputes',
  deliveryFailures: 'deliveryFailures',
  courtFiles: 'courtFiles',
  /** Invoices whose principal a payment finished: the delay sample. */
  delayCount: 'delayCount',
  delaySumDays: 'delaySumDays',
} as const;

/** `msg_<kind>`: messages sent, per cost kind (the registered letter is a letter at formal-notice level). */
export const MESSAGE_KINDS = ['email', 'sms', 'letter', 'registeredLetter', 'call'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const messageCounter = (kind: MessageKind) => `msg_${kind}`;

/**
 * `funnel_<level id>`: dossiers paid after that level of their scenario (`funnel_before`: paid
 * before any action). The level's id, not its index: scenarios differ in length (a good payer's
 * ladder has fewer levels), and the report shows names.
 */
export const FUNNEL_BEFORE_ANY_ACTION = 'before';
export const funnelCounter = (level: string) => `funnel_${level}`;
export function levelOfFunnelCounter(name: string): string | undefined {
  return name.startsWith('funnel_') ? name.slice('funnel_'.length) : undefined;
}
function levelReached(dossier: Dossier | undefined): string {
  if (!dossier || dossier.levelIndex < 0) return FUNNEL_BEFORE_ANY_ACTION;
  const level = BUILT_IN_SCENARIOS[dossier.scenarioId]?.levels[dossier.levelIndex]?.id;
  return level ?? `level-${dossier.levelIndex}`;
}

/**
 * Delay histogram: one bucket per day up to 120 days (the median is exact there), then 30-day
 * buckets up to 720 days, then one open bucket. Payments before the due date count as day 0.
 */
export const EXACT_DELAY_DAYS = 120;
export const WIDE_BUCKET_DAYS = 30;
export const LAST_BUCKET_DAYS = 720;
export function delayBucket(days: number): number {
  const d = Math.max(0, days);
  if (d <= EXACT_DELAY_DAYS) return d;
  if (d >= LAST_BUCKET_DAYS) return LAST_BUCKET_DAYS;
  return EXACT_DELAY_DAYS + 1 + Math.floor((d - EXACT_DELAY_DAYS - 1) / WIDE_BUCKET_DAYS) * WIDE_BUCKET_DAYS;
}
export const delayCounter = (days: number) => `delay_${delayBucket(days)}`;
export function bucketOfDelayCounter(name: string): number | undefined {
  const match = /^delay_(\d+)$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** The formal notice goes by registered letter (C.civ. 1344; docs/legal.md): priced as such. */
function messageKind(event: TimelineEvent): MessageKind | undefined {
  if (!event.channel) return undefined;
  if (event.channel === 'letter')
    return event.trackingRef || /formal|mise|notice/i.test(event.level ?? '') ? 'registeredLetter' : 'letter';
  return event.channel;
}

/** The event types whose contribution reads the dossier (the payment's imputation, due dates, level). */
export const NEEDS_DOSSIER: ReadonlySet<TimelineEvent['type']> = new Set([
  'payment-received',
  'dossier-paid',
]);

/**
 * The projector: what `event` adds to the KPIs, or undefined when it adds nothing. Pure; the
 * repository applies it only on an event's first write, so a retried event counts once.
 * `dossier` is the dossier as stored when the event is written (after the change it records).
 */
export function kpiDelta(event: TimelineEvent, dossier?: Dossier): KpiDelta | undefined {
  const counters = countersOf(event, dossier);
  if (!counters || Object.keys(counters).length === 0) return undefined;
  return { tenantId: event.tenantId, day: event.day, counters };
}

function countersOf(event: TimelineEvent, dossier: Dossier | undefined): KpiCounters | undefined {
  switch (event.type) {
    case 'invoice-added':
      return { [COUNTER.entrustedCents]: event.amountCents ?? 0, [COUNTER.entrustedInvoices]: 1 };
    case 'action-sent': {
      const kind = messageKind(event);
      return kind ? { [messageCounter(kind)]: 1 } : undefined;
    }
    case 'task-created':
      // A call task is the phone level's "message". A letter to post by hand (`#TOPOST#`) is not:
      // its `action-sent` claim already counted it.
      return event.channel === 'call' ? { [messageCounter('call')]: 1 } : undefined;
    case 'dispute-opened':
      // The debtor's dispute (`#DISPUTE#`, a call reported as a dispute too: `#DISPUTE#CALL-<task>`);
      // the escalation's `#STOP#disputed` mirrors one already counted.
      return event.eventId.includes('#DISPUTE#') ? { [COUNTER.disputes]: 1 } : undefined;
    case 'delivery-failed':
      return { [COUNTER.deliveryFailures]: 1 };
    case 'court-file-built':
      return { [COUNTER.courtFiles]: 1 };
    case 'payment-received':
      return paymentCounters(event, dossier);
    case 'dossier-paid':
      return {
        [COUNTER.paidDossiers]: 1,
        [funnelCounter(levelReached(dossier))]: 1,
      };
    default:
      return undefined;
  }
}

/**
 * A payment: what was imputed to the debts (not the credit to give back), and for each invoice it
 * finished, its delay from the due date. The imputation is the dossier's record of the payment.
 */
function paymentCounters(event: TimelineEvent, dossier: Dossier | undefined): KpiCounters {
  const paymentId = event.eventId.split('#PAY#')[1];
  const record = dossier?.payments?.find((payment) => payment.paymentId === paymentId);
  const applied = record?.imputation?.appliedCents ?? event.amountCents ?? 0;
  const counters: KpiCounters = { [COUNTER.recoveredCents]: applied, [COUNTER.payments]: 1 };
  const reached = new Set(record?.imputation?.invoices ?? event.invoiceNumbers ?? []);
  for (const invoice of dossier?.invoices ?? []) {
    if (!reached.has(invoice.number) || invoice.paidCents < invoice.amountCents) continue;
    const delay = Math.max(0, daysBetween(invoice.dueDate, event.day));
    add(counters, COUNTER.delayCount, 1);
    add(counters, COUNTER.delaySumDays, delay);
    add(counters, delayCounter(delay), 1);
  }
  return counters;
}

function add(counters: KpiCounters, name: string, value: number) {
  counters[name] = (counters[name] ?? 0) + value;
}

/** Several deltas of one tenant and day merged, so a page of intake events makes one write. */
export function mergeDeltas(deltas: readonly KpiDelta[]): KpiDelta[] {
  const merged = new Map<string, KpiDelta>();
  for (const delta of deltas) {
    const key = `${delta.tenantId}#${delta.day}`;
    const into = merged.get(key) ?? { tenantId: delta.tenantId, day: delta.day, counters: {} };
    for (const [name, value] of Object.entries(delta.counters)) add(into.counters, name, value);
    merged.set(key, into);
  }
  return [...merged.values()];
}
