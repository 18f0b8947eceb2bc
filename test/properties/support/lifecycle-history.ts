import fc from 'fast-check';
import { addDays, type LocalDate } from '../../../shared/domain/calendar';
import type { Dossier } from '../../../shared/domain/dossier';
import { earliestPrescriptionDate } from '../../../shared/domain/dossier';
import type { Channel, DebtorType, InsolvencyKind } from '../../../shared/domain/parties';
import { DEFAULT_B2B_SCENARIO, DEFAULT_B2C_SCENARIO } from '../../../shared/domain/scenario';
import { invoicesOf } from './history';

/**
 * Random dossier lifecycles for the use-case properties (docs/reliability.md, "Invariants on
 * random histories"): what the creditor, the debtor and the providers do, day by day, around
 * today's real date. `lifecycle-run.ts` drives them through the real use cases.
 */

/** Cases per property: 10,000 in `npm run test:props`; few in the ordinary suite (each case is ~60 async steps). */
export const NUM_RUNS = Number(process.env.NUM_RUNS ?? 60);
export const PROPERTY_TIMEOUT_MS = Math.max(120_000, NUM_RUNS * 1_000);

export const TODAY: LocalDate = '2026-11-30';
/** Days a history lasts: long enough to go from the courtesy reminder to the formal notice and beyond. */
export const HORIZON_DAYS = 70;

export type LifecycleEvent =
  /** A payment of `percent` % of the principal still owed (above 100: more than owed, a credit). */
  | { kind: 'payment'; on: number; invoice: number | null; percent: number }
  /** An e-invoicing credit note on one invoice, for `percent` % of what is still due on it. */
  | { kind: 'credit-note'; on: number; invoice: number; percent: number }
  /** A dispute, answered by the creditor `after` days (partly upheld: its invoices reduced to `percent` %), or never. */
  | { kind: 'dispute'; on: number; invoices: number[] | null; resolution: DisputeAnswer | null }
  /** A promise to pay `percent` % of the principal owed within `days`; kept: paid on the promised day. */
  | { kind: 'promise'; on: number; days: number; percent: number; kept: boolean }
  /** A plan of `count` instalments every `every` days from tomorrow; `paid[i]`: instalment i paid on its day. */
  | { kind: 'plan'; on: number; count: number; every: number; paid: boolean[] }
  /** The last e-mail sent bounces (hard): the level goes again by letter. */
  | { kind: 'bounce'; on: number }
  | { kind: 'opt-out'; on: number; channel: Exclude<Channel, 'letter'> }
  /** Insolvency proceedings opened `openedAgo` days before (the BODACC's day), published after `publishedIn`. */
  | {
      kind: 'insolvency';
      on: number;
      insolvency: InsolvencyKind;
      openedAgo: number;
      publishedIn: number | null;
    }
  | { kind: 'acknowledgment'; on: number }
  /** Closure: settled (`percent` % of the principal owed paid, the rest waived) or written off. */
  | { kind: 'close'; on: number; closure: 'settled' | 'written-off'; percent: number };

export interface DisputeAnswer {
  after: number;
  outcome: 'upheld' | 'partly-upheld' | 'rejected';
  percent: number;
}

export interface LifecycleHistory {
  start: LocalDate;
  debtorType: DebtorType;
  email: boolean;
  phone: boolean;
  invoices: { amountCents: number; dueIn: number; prescribesIn: number }[];
  /** UTC hour of each day's step (up to 21:xx: the same Paris day, summer and winter). */
  hours: number[];
  /** Days the step runs a second time (a replayed sweep), at 21:xx UTC. */
  replays: number[];
  events: LifecycleEvent[];
}

const on = fc.integer({ min: 0, max: HORIZON_DAYS - 1 });
const invoiceIndex = fc.integer({ min: 0, max: 2 });
const percent = fc.integer({ min: 1, max: 130 });

/** Weighted so that most histories are pursued for a while: insolvency and closure end the ladder at once. */
const eventArb: fc.Arbitrary<LifecycleEvent> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('payment' as const),
      on,
      invoice: fc.option(invoiceIndex),
      percent,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('credit-note' as const),
      on,
      invoice: invoiceIndex,
      percent: fc.integer({ min: 1, max: 100 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('dispute' as const),
      on,
      invoices: fc.option(fc.array(invoiceIndex, { minLength: 1, maxLength: 3 })),
      resolution: fc.option(
        fc.record({
          after: fc.integer({ min: 1, max: 20 }),
          outcome: fc.constantFrom('upheld' as const, 'partly-upheld' as const, 'rejected' as const),
          percent: fc.integer({ min: 0, max: 99 }),
        }),
        { freq: 4 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('promise' as const),
      on,
      days: fc.integer({ min: 1, max: 30 }),
      percent,
      kept: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('plan' as const),
      on,
      count: fc.integer({ min: 1, max: 4 }),
      every: fc.integer({ min: 7, max: 31 }),
      paid: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bounce' as const), on }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('opt-out' as const),
      on,
      // The letter cannot be refused (record-opt-out.ts, C.civ. 1344): it carries the formal notice.
      channel: fc.constantFrom('email' as const, 'sms' as const, 'call' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insolvency' as const),
      on,
      insolvency: fc.constantFrom<InsolvencyKind>(
        'safeguard',
        'receivership',
        'liquidation',
        'over-indebtedness',
      ),
      openedAgo: fc.integer({ min: 0, max: 20 }),
      publishedIn: fc.option(fc.integer({ min: 0, max: 10 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('acknowledgment' as const), on }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('close' as const),
      on,
      closure: fc.constantFrom('settled' as const, 'written-off' as const),
      percent: fc.integer({ min: 1, max: 99 }),
    }),
  },
);

export const lifecycleArb: fc.Arbitrary<LifecycleHistory> = fc.record({
  // Up to 2 years before today, so some histories end today and prescription dates fall inside.
  start: fc.integer({ min: -730, max: 0 }).map((n) => addDays(TODAY, n)),
  debtorType: fc.constantFrom<DebtorType>('consumer', 'professional'),
  email: fc.boolean(),
  phone: fc.boolean(),
  invoices: fc.array(
    fc.record({
      amountCents: fc.integer({ min: 1, max: 5_000_000 }),
      // Overdue when entrusted, due in the history, or so old that the legal engine's limitation
      // period (2 years for a consumer, C.conso L218-2; 5 years, C.com. L110-4) ends in the history.
      dueIn: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: -60, max: 30 }) },
        { weight: 1, arbitrary: fc.integer({ min: -1_900, max: -700 }) },
      ),
      prescribesIn: fc.integer({ min: 10, max: 2_000 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  hours: fc.array(fc.integer({ min: 0, max: 21 }), { minLength: HORIZON_DAYS, maxLength: HORIZON_DAYS }),
  replays: fc.uniqueArray(on, { maxLength: 5 }),
  events: fc.array(eventArb, { maxLength: 12 }),
});

export const TENANT_ID = 'tenant-props';
export const DOSSIER_ID = 'DOS-PROPS-1';
export const TENANT_SIREN = '732829320';

/** The dossier as intake would store it: due at once, its prescription checked at once. */
export function entrustedDossier(history: LifecycleHistory): Dossier {
  const invoices = invoicesOf(history);
  const dossier: Dossier = {
    tenantId: TENANT_ID,
    dossierId: DOSSIER_ID,
    creditorType: 'professional',
    debtor: {
      ref: 'CLI-PROPS',
      type: history.debtorType,
      name: history.debtorType === 'consumer' ? 'Camille Martin' : 'Menuiserie Dupont SARL',
      ...(history.email ? { email: 'debtor@example.invalid' } : {}),
      ...(history.phone ? { phone: '+33600000000' } : {}),
      address: { line1: '12 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'FR' },
      language: 'fr',
      optOuts: [],
    },
    invoices,
    scenarioId: (history.debtorType === 'consumer' ? DEFAULT_B2C_SCENARIO : DEFAULT_B2B_SCENARIO).id,
    status: 'open',
    levelIndex: -1,
    prescriptionWarnings: [],
    payments: [],
    nextActionOn: history.start,
    nextPrescriptionCheckOn: history.start,
    ladderStartedOn: history.start,
    createdAt: `${history.start}T05:00:00.000Z`,
    updatedAt: `${history.start}T05:00:00.000Z`,
    version: 1,
  };
  const earliest = earliestPrescriptionDate(dossier);
  return earliest ? { ...dossier, prescriptionDate: earliest } : dossier;
}

/** A history as a reader wants it in a failure: one line per event, with its day. */
export function describeHistory(history: LifecycleHistory): string {
  const day = (n: number) => addDays(history.start, n);
  return [
    `${history.debtorType} debtor, e-mail ${history.email}, phone ${history.phone}, from ${history.start}`,
    ...history.invoices.map(
      (inv, i) =>
        `  F-${i + 1}: ${inv.amountCents} cents due ${day(inv.dueIn)}, prescribed after ${day(inv.dueIn + inv.prescribesIn)}`,
    ),
    ...[...history.events]
      .sort((a, b) => a.on - b.on)
      .map(({ on: n, kind, ...rest }) => `  ${day(n)} ${kind} ${JSON.stringify(rest)}`),
    `  replayed steps on ${history.replays.map(day).join(', ') || 'no day'}`,
  ].join('\n');
}
