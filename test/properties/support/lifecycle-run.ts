import { addDays, type LocalDate } from '../../../shared/domain/calendar';
import { type Dossier, outstandingCents } from '../../../shared/domain/dossier';
import { RecouvrementError } from '../../../shared/domain/errors';
import type { StepDecision } from '../../../shared/domain/escalation';
import type { TimelineEvent } from '../../../shared/domain/timeline';
import { decideStep } from '../../../shared/use-cases/escalation/decide-step';
import { performAction } from '../../../shared/use-cases/escalation/perform-action';
import { recordStep } from '../../../shared/use-cases/escalation/record-step';
import { closeDossier } from '../../../shared/use-cases/events/close-dossier';
import { recordAcknowledgment } from '../../../shared/use-cases/events/record-acknowledgment';
import { recordDeliveryFailure } from '../../../shared/use-cases/events/record-delivery-failure';
import { recordDispute } from '../../../shared/use-cases/events/record-dispute';
import { recordOptOut } from '../../../shared/use-cases/events/record-opt-out';
import { recordPayment } from '../../../shared/use-cases/events/record-payment';
import { recordPromise } from '../../../shared/use-cases/events/record-promise';
import { resolveDispute } from '../../../shared/use-cases/events/resolve-dispute';
import { applyCreditNote } from '../../../shared/use-cases/intake/e-invoices/apply-credit-note';
import { recordInsolvency } from '../../../shared/use-cases/judicial/record-insolvency';
import { createPaymentPlan } from '../../../shared/use-cases/payment-plans/create-payment-plan';
import { scanPrescription } from '../../../shared/use-cases/sweeps/scan-prescription';
import { aTenant } from '../../support/builders';
import { MemoryDossierRepository } from '../../support/memory-repository';
import type { JsonLetterRenderer, Sent } from '../../support/recording-ports';
import { attempt, pipeline, RefusedEvent } from './lifecycle-deps';
import {
  type DisputeAnswer,
  DOSSIER_ID,
  entrustedDossier,
  HORIZON_DAYS,
  type LifecycleEvent,
  type LifecycleHistory,
  TENANT_ID,
  TENANT_SIREN,
} from './lifecycle-history';

/**
 * Drives a random lifecycle through the real use cases (payments, credit notes, disputes and
 * their resolution, promises, payment plans, bounces, opt-outs, insolvency, acknowledgments,
 * closures), the nightly prescription sweep, and each day's escalation step as the state machine
 * runs it: decideStep, performAction for each action, recordStep. Storage is the in-memory
 * repository (memory-repository.ts: same conditional writes as DynamoDB); messages go to the
 * recording messenger, so the properties check what the debtor actually received.
 */

/** One escalation step: the dossier it read, what it decided, what went out. */
export interface StepRun {
  day: LocalDate;
  at: string;
  dossier: Dossier;
  /** The timeline the step read: the legal engine's deadlines are computed from it. */
  timeline: TimelineEvent[];
  decision: StepDecision;
  sent: Sent[];
  /** An action or the record that threw (the state machine's RecordFailure would take it). */
  error?: string;
}

/** What one event did: applied, or refused by the use case with a domain error (a 409, a 422). */
export interface EventRun {
  day: LocalDate;
  event:
    | LifecycleEvent
    | { kind: 'plan-instalment' | 'promise-payment'; on: number }
    | { kind: 'resolve'; on: number; outcome: DisputeAnswer['outcome'] };
  outcome: 'applied' | 'refused';
  reason?: string;
}

export interface LifecycleRun {
  history: LifecycleHistory;
  steps: StepRun[];
  events: EventRun[];
  dossier: Dossier;
  timeline: TimelineEvent[];
  letters: JsonLetterRenderer;
  lastDay: LocalDate;
}

const ref = { tenantId: TENANT_ID, dossierId: DOSSIER_ID };
const principalOwed = (dossier: Dossier) =>
  dossier.invoices.filter((inv) => !inv.settledOn).reduce((sum, inv) => sum + outstandingCents(inv), 0);
const share = (cents: number, percent: number) => Math.max(1, Math.floor((cents * percent) / 100));

export async function runLifecycle(history: LifecycleHistory): Promise<LifecycleRun> {
  const repository = new MemoryDossierRepository();
  const deps = pipeline(repository);
  await repository.putTenant(aTenant(TENANT_ID, { siren: TENANT_SIREN }));
  await repository.createDossier(entrustedDossier(history));
  for (const inv of history.invoices.keys())
    await repository.claimInvoiceNumber(TENANT_ID, `F-${inv + 1}`, DOSSIER_ID);
  const steps: StepRun[] = [];
  const events: EventRun[] = [];
  /** Payments the debtor will make on a later day: kept promises and plan instalments. */
  const scheduled: {
    on: number;
    kind: 'plan-instalment' | 'promise-payment';
    amountCents: number;
    id: string;
  }[] = [];
  /** The creditor's answers to disputes, on a later day. */
  const answers: ({ on: number; disputeId: string } & DisputeAnswer)[] = [];
  const dossierNow = async () => (await repository.getDossier(TENANT_ID, DOSSIER_ID))!;

  async function pay(id: string, day: LocalDate, amountCents: number, invoice?: string) {
    await recordPayment(deps, {
      ...ref,
      payment: { paymentId: id, date: day, amountCents, ...(invoice ? { invoice } : {}) },
      receivedAt: `${day}T06:00:00.000Z`,
    });
  }

  /** The creditor's answer to a dispute: upheld, partly upheld (reduced to `percent` %), rejected. */
  async function answer(disputeId: string, reply: DisputeAnswer, day: LocalDate) {
    const dossier = await dossierNow();
    const open = (dossier.disputes ?? []).find((d) => d.disputeId === disputeId);
    if (!open || open.resolution) throw new RefusedEvent('the dispute is not open');
    const disputed =
      open.invoices ?? dossier.invoices.filter((inv) => !inv.settledOn).map((inv) => inv.number);
    const amountOf = (number: string) => dossier.invoices.find((inv) => inv.number === number)!.amountCents;
    const resolution =
      reply.outcome === 'partly-upheld'
        ? {
            outcome: reply.outcome,
            newAmounts: disputed.map((number) => ({
              invoice: number,
              amountCents: Math.floor((amountOf(number) * reply.percent) / 100),
            })),
          }
        : { outcome: reply.outcome };
    await resolveDispute(deps, { ...ref, disputeId, resolution, receivedAt: `${day}T06:00:00.000Z` });
  }

  async function apply(event: LifecycleEvent, offset: number, day: LocalDate, index: number) {
    const receivedAt = `${day}T06:00:00.000Z`;
    const dossier = await dossierNow();
    const invoiceNo = (i: number) => dossier.invoices[i % dossier.invoices.length]!.number;
    const id = `E${index}`;
    switch (event.kind) {
      case 'payment': {
        const invoice = event.invoice === null ? undefined : invoiceNo(event.invoice);
        return pay(id, day, share(Math.max(1, principalOwed(dossier)), event.percent), invoice);
      }
      case 'credit-note': {
        const invoice = dossier.invoices[event.invoice % dossier.invoices.length]!;
        const cents = share(outstandingCents(invoice), event.percent);
        const outcome = await applyCreditNote(deps, {
          tenantId: TENANT_ID,
          tenant: { siren: TENANT_SIREN },
          receivedAt,
          creditNote: {
            syntax: 'ubl',
            kind: 'credit-note',
            number: `AV-${index}`,
            issueDate: day,
            notes: [],
            totalWithVat: (cents / 100).toFixed(2),
            precedingInvoices: [invoice.number],
            seller: { legalId: { value: TENANT_SIREN, scheme: '0002' } },
            buyer: {},
          },
        });
        if (outcome.kind === 'rejected')
          throw new RefusedEvent(outcome.problems.map((p) => p.reason).join('; '));
        return;
      }
      case 'dispute':
        await recordDispute(deps, {
          ...ref,
          receivedAt,
          dispute: {
            disputeId: id,
            reason: 'amount',
            ...(event.invoices ? { invoices: [...new Set(event.invoices.map(invoiceNo))] } : {}),
          },
        });
        if (event.resolution)
          answers.push({ on: offset + event.resolution.after, disputeId: id, ...event.resolution });
        return;
      case 'promise': {
        const amountCents = share(Math.max(1, principalOwed(dossier)), event.percent);
        await recordPromise(deps, {
          ...ref,
          receivedAt,
          promise: { promiseId: id, date: addDays(day, event.days), amountCents },
        });
        if (event.kept)
          scheduled.push({ on: offset + event.days, kind: 'promise-payment', amountCents, id: `${id}-P` });
        return;
      }
      case 'plan': {
        const owed = principalOwed(dossier);
        if (owed < event.count) throw new RefusedEvent('less owed than instalments');
        const instalments = Array.from({ length: event.count }, (_, i) => ({
          dueOn: addDays(day, 1 + i * event.every),
          amountCents: Math.floor(owed / event.count) + (i === event.count - 1 ? owed % event.count : 0),
        }));
        await createPaymentPlan(deps, {
          ...ref,
          receivedAt,
          request: { planId: id, instalments, basis: 'principal' },
        });
        instalments.forEach((instalment, i) => {
          if (event.paid[i])
            scheduled.push({
              on: offset + 1 + i * event.every,
              kind: 'plan-instalment',
              amountCents: instalment.amountCents,
              id: `${id}-I${i}`,
            });
        });
        return;
      }
      case 'bounce': {
        const email = deps.messenger.of('email').at(-1);
        if (!email) throw new RefusedEvent('no e-mail sent yet');
        const eventId = email.message.idempotencyKey.split('#').slice(2).join('#');
        return void (await recordDeliveryFailure(deps, {
          kind: 'bounce',
          feedbackId: `bounce-${index}`,
          messageId: `email:${email.message.idempotencyKey}`,
          occurredAt: receivedAt,
          tenantId: TENANT_ID,
          dossierId: DOSSIER_ID,
          level: email.message.level,
          actionEventId: eventId,
          detail: 'Permanent/General',
        }));
      }
      case 'opt-out':
        return void (await recordOptOut(deps, {
          ...ref,
          receivedAt,
          optOut: { optOutId: id, channel: event.channel },
        }));
      case 'insolvency': {
        const openedOn = addDays(day, -event.openedAgo);
        const publishedOn = event.publishedIn === null ? undefined : addDays(openedOn, event.publishedIn);
        return void (await recordInsolvency(deps, {
          ...ref,
          receivedAt,
          insolvency: {
            kind: event.insolvency,
            openedOn,
            ...(publishedOn && publishedOn <= day ? { publishedOn } : {}),
          },
        }));
      }
      case 'acknowledgment':
        return void (await recordAcknowledgment(deps, {
          ...ref,
          receivedAt,
          source: 'api',
          acknowledgment: { acknowledgmentId: id, date: day },
        }));
      case 'close': {
        if (event.closure === 'written-off')
          return void (await closeDossier(deps, {
            ...ref,
            receivedAt,
            closure: { closureId: id, kind: 'written-off', reason: 'debtor unreachable' },
          }));
        const agreedCents = share(Math.max(1, principalOwed(dossier)), event.percent);
        await pay(`${id}-AGREED`, day, agreedCents);
        return void (await closeDossier(deps, {
          ...ref,
          receivedAt,
          closure: { closureId: id, kind: 'settled', agreedCents },
        }));
      }
    }
  }

  async function step(day: LocalDate, at: string) {
    const dossier = await dossierNow();
    const timeline = await repository.listTimeline(TENANT_ID, DOSSIER_ID);
    const mark = deps.messenger.sent.length;
    const input = { ...ref, asOf: at };
    const decision = await decideStep(deps, input);
    const run: StepRun = { day, at, dossier, timeline, decision, sent: [] };
    try {
      if (decision.kind === 'act')
        for (const action of decision.actions) await performAction(deps, { ...input, action });
      await recordStep(deps, { ...input, decision });
    } catch (error) {
      if (!(error instanceof RecouvrementError)) throw error;
      run.error = `${error.name}: ${error.message}`;
    }
    run.sent = deps.messenger.sent.slice(mark);
    steps.push(run);
  }

  let day = history.start;
  for (let offset = 0; offset < HORIZON_DAYS; offset++) {
    day = addDays(history.start, offset);
    // The nightly prescription sweep, then the day's events (06:00Z), the step at its hour, the replay at 21:xx.
    await scanPrescription(deps, { shard: 0, asOf: `${day}T02:00:00.000Z`, cursor: null });
    const hour = history.hours[offset] ?? 8;
    const stepAt = `${day}T${String(hour).padStart(2, '0')}:30:00.000Z`;
    if (hour < 6) await step(day, stepAt);
    for (const payment of scheduled.filter((s) => s.on === offset)) {
      const outcome = await attempt(() => pay(payment.id, day, payment.amountCents));
      events.push({ day, event: { kind: payment.kind, on: offset }, ...outcome });
    }
    for (const reply of answers.filter((a) => a.on === offset)) {
      const outcome = await attempt(() => answer(reply.disputeId, reply, day));
      events.push({ day, event: { kind: 'resolve', on: offset, outcome: reply.outcome }, ...outcome });
    }
    for (const [index, event] of history.events.entries()) {
      if (event.on !== offset) continue;
      const outcome = await attempt(() => apply(event, offset, day, index));
      events.push({ day, event, ...outcome });
    }
    if (hour >= 6) await step(day, stepAt);
    if (history.replays.includes(offset)) await step(day, `${day}T21:45:00.000Z`);
  }
  return {
    history,
    steps,
    events,
    dossier: await dossierNow(),
    timeline: await repository.listTimeline(TENANT_ID, DOSSIER_ID),
    letters: deps.letters,
    lastDay: day,
  };
}
