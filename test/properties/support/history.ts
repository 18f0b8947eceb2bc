import fc from 'fast-check';
import { addDays, type LocalDate } from '../../../shared/domain/calendar';
import { type Dossier, earliestPrescriptionDate, outstandingCents } from '../../../shared/domain/dossier';
import { decideNextStep, type StepDecision } from '../../../shared/domain/escalation';
import type { Channel, DebtorType, Invoice } from '../../../shared/domain/parties';
import { DEFAULT_B2B_SCENARIO, DEFAULT_B2C_SCENARIO, type Scenario } from '../../../shared/domain/scenario';
import type { TimelineEvent } from '../../../shared/domain/timeline';
import { aDebtor, aDossier } from '../../support/builders';

/**
 * Random dossier histories for the property tests (docs/reliability.md, "Invariants on random
 * histories"): invoices, debtor type, and what happens day by day (payments, disputes, opt-outs,
 * promises, the prescription sweep, the sweep's hour), driven through the pure `decideNextStep`
 * with an in-memory dossier and timeline, the way the step's decide / act / record use cases do.
 */

/** Cases per property: 10,000 in `npm run test:props`, a few hundred in the ordinary suite. */
export const NUM_RUNS = Number(process.env.NUM_RUNS ?? 200);
/** Per test: a 10,000-case run takes minutes, not the suite's default minute. */
export const PROPERTY_TIMEOUT_MS = Math.max(60_000, NUM_RUNS * 100);

/** Histories start around today's real date (2026-11-30) and up to 2.5 years before it. */
const TODAY: LocalDate = '2026-11-30';
const HORIZON_DAYS = 80;

export type HistoryEvent =
  | { kind: 'payment'; on: number; invoice: number | null; amountCents: number }
  | { kind: 'dispute'; on: number; invoices: number[] | null }
  | { kind: 'opt-out'; on: number; channel: Channel }
  | { kind: 'promise'; on: number; days: number; amountCents: number }
  | { kind: 'prescription-sweep'; on: number };

export interface History {
  start: LocalDate;
  debtorType: DebtorType;
  email: boolean;
  phone: boolean;
  invoices: { amountCents: number; dueIn: number; prescribesIn: number }[];
  /**
   * UTC hour the step runs each day (the sweep may run late, or be replayed at night); up to 21:xx
   * UTC, so the instant stays on the same Paris day as the step's `day`, summer and winter.
   */
  hours: number[];
  events: HistoryEvent[];
}

const dayOffset = fc.integer({ min: 0, max: HORIZON_DAYS - 1 });

export const historyArb: fc.Arbitrary<History> = fc.record({
  start: fc.integer({ min: -900, max: 0 }).map((n) => addDays(TODAY, n)),
  debtorType: fc.constantFrom<DebtorType>('consumer', 'professional'),
  email: fc.boolean(),
  phone: fc.boolean(),
  invoices: fc.array(
    fc.record({
      amountCents: fc.integer({ min: 1, max: 5_000_000 }),
      dueIn: fc.integer({ min: 0, max: 40 }),
      prescribesIn: fc.integer({ min: 5, max: 2_000 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  hours: fc.array(fc.integer({ min: 0, max: 21 }), { minLength: HORIZON_DAYS, maxLength: HORIZON_DAYS }),
  events: fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant('payment' as const),
        on: dayOffset,
        invoice: fc.option(fc.integer({ min: 0, max: 2 })),
        amountCents: fc.integer({ min: 1, max: 6_000_000 }),
      }),
      fc.record({
        kind: fc.constant('dispute' as const),
        on: dayOffset,
        invoices: fc.option(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 })),
      }),
      fc.record({
        kind: fc.constant('opt-out' as const),
        on: dayOffset,
        // The letter cannot be refused (record-opt-out.ts, C.civ. 1344): it carries the formal notice.
        channel: fc.constantFrom<Channel>('email', 'sms', 'call'),
      }),
      fc.record({
        kind: fc.constant('promise' as const),
        on: dayOffset,
        days: fc.integer({ min: 0, max: 20 }),
        amountCents: fc.integer({ min: 1, max: 1_000_000 }),
      }),
      fc.record({ kind: fc.constant('prescription-sweep' as const), on: dayOffset }),
    ),
    { maxLength: 12 },
  ),
});

/** One step the history ran: the state it decided on (a snapshot) and what it decided. */
export interface StepRecord {
  day: LocalDate;
  at: string;
  dossier: Dossier;
  decision: StepDecision;
}

export interface Run {
  dossier: Dossier;
  timeline: TimelineEvent[];
  steps: StepRecord[];
  lastDay: LocalDate;
}

/** The generated invoices as intake stores them: F-1, F-2… due `dueIn` days after the start. */
export function invoicesOf(history: Pick<History, 'start' | 'debtorType' | 'invoices'>): Invoice[] {
  return history.invoices.map((inv, i) => {
    const dueDate = addDays(history.start, inv.dueIn);
    return {
      number: `F-${i + 1}`,
      amountCents: inv.amountCents,
      paidCents: 0,
      currency: 'EUR',
      issueDate: addDays(dueDate, -30),
      dueDate,
      nature: history.debtorType === 'consumer' ? 'consumer' : 'commercial',
      prescriptionDate: addDays(dueDate, inv.prescribesIn),
    };
  });
}

export function initialDossier(history: History): Dossier {
  const invoices = invoicesOf(history);
  const dossier = aDossier({
    debtor: aDebtor({
      type: history.debtorType,
      email: history.email ? 'debtor@example.invalid' : undefined,
      phone: history.phone ? '+33600000000' : undefined,
      optOuts: [],
    }),
    invoices,
    payments: [],
    disputes: [],
    promises: [],
    scenarioId: scenarioFor(history).id,
  });
  return { ...dossier, prescriptionDate: earliestPrescriptionDate(dossier) };
}

export function scenarioFor(history: Pick<History, 'debtorType'>): Scenario {
  return history.debtorType === 'consumer' ? DEFAULT_B2C_SCENARIO : DEFAULT_B2B_SCENARIO;
}

/** Drives the history day by day: events of the day first, then the escalation step (twice: a replayed sweep). */
export function runHistory(history: History): Run {
  const scenario = scenarioFor(history);
  let dossier = initialDossier(history);
  const timeline: TimelineEvent[] = [];
  const steps: StepRecord[] = [];
  let day = history.start;
  for (let offset = 0; offset < HORIZON_DAYS; offset++) {
    day = addDays(history.start, offset);
    for (const event of history.events.filter((e) => e.on === offset)) dossier = apply(dossier, event, day);
    const at = `${day}T${String(history.hours[offset]).padStart(2, '0')}:30:00.000Z`;
    for (let replay = 0; replay < 2; replay++) {
      const decision = decideNextStep(dossier, scenario, timeline, day, { at });
      steps.push({ day, at, dossier: structuredClone(dossier), decision });
      dossier = record(dossier, timeline, decision, at);
    }
  }
  return { dossier, timeline, steps, lastDay: day };
}

function apply(dossier: Dossier, event: HistoryEvent, day: LocalDate): Dossier {
  const invoices = dossier.invoices;
  const numberOf = (i: number) => invoices[i % invoices.length]!.number;
  switch (event.kind) {
    case 'payment': {
      // Imputed on principal the way the recorder keeps `paidCents`: the designated invoice, else the oldest due.
      const designated = event.invoice === null ? undefined : numberOf(event.invoice);
      let left = event.amountCents;
      const order = [...invoices].sort((a, b) =>
        a.number === designated ? -1 : b.number === designated ? 1 : a.dueDate.localeCompare(b.dueDate),
      );
      const paid = new Map<string, number>();
      for (const inv of order) {
        const take = Math.min(left, outstandingCents(inv));
        paid.set(inv.number, take);
        left -= take;
      }
      const payment = {
        paymentId: `P-${(dossier.payments ?? []).length + 1}`,
        date: day,
        amountCents: event.amountCents,
        currency: 'EUR' as const,
        ...(designated ? { invoice: designated } : {}),
        receivedAt: `${day}T07:00:00.000Z`,
      };
      return {
        ...dossier,
        invoices: invoices.map((inv) => ({ ...inv, paidCents: inv.paidCents + (paid.get(inv.number) ?? 0) })),
        payments: [...(dossier.payments ?? []), payment],
        creditCents: (dossier.creditCents ?? 0) + left,
      };
    }
    case 'dispute': {
      const numbers = event.invoices ? [...new Set(event.invoices.map(numberOf))] : undefined;
      const dispute = {
        disputeId: `D-${(dossier.disputes ?? []).length + 1}`,
        reason: 'other' as const,
        ...(numbers ? { invoices: numbers } : {}),
        openedOn: day,
        levelIndex: dossier.levelIndex,
      };
      return { ...dossier, disputes: [...(dossier.disputes ?? []), dispute] };
    }
    case 'opt-out':
      return {
        ...dossier,
        debtor: { ...dossier.debtor, optOuts: [...dossier.debtor.optOuts, event.channel] },
      };
    case 'promise': {
      const promise = {
        promiseId: `PR-${(dossier.promises ?? []).length + 1}`,
        promisedOn: addDays(day, event.days),
        amountCents: event.amountCents,
        madeOn: day,
        levelIndex: dossier.levelIndex,
        source: 'api' as const,
      };
      return { ...dossier, promises: [...(dossier.promises ?? []), promise] };
    }
    case 'prescription-sweep': {
      const swept = {
        ...dossier,
        invoices: invoices.map((inv) =>
          inv.prescriptionDate < day && outstandingCents(inv) > 0 ? { ...inv, prescribed: true } : inv,
        ),
      };
      const next = earliestPrescriptionDate(swept);
      const { prescriptionDate: _, ...rest } = swept;
      return next ? { ...rest, prescriptionDate: next } : rest;
    }
  }
}

/** What the record step keeps of a decision: the messages on the timeline, the level reached. */
function record(dossier: Dossier, timeline: TimelineEvent[], decision: StepDecision, at: string): Dossier {
  if (decision.kind !== 'act') return dossier;
  for (const action of decision.actions) {
    timeline.push({
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      eventId: `${decision.day}#ACT#${action.level}#${action.channel}`,
      type: action.channel === 'call' ? 'task-created' : 'action-sent',
      at,
      day: decision.day,
      actor: 'pipeline',
      level: action.level,
      channel: action.channel,
      template: action.template,
      state: 'done',
    });
  }
  return {
    ...dossier,
    levelIndex: decision.plan ? dossier.levelIndex : Math.max(dossier.levelIndex, decision.levelIndex),
    lastActionOn: decision.day,
  };
}

/** The messages a run sent, one per (day, level, channel) claim: what the debtor received. */
export function sentMessages(run: Run) {
  return run.steps.flatMap((step) => (step.decision.kind === 'act' ? step.decision.actions : []));
}
