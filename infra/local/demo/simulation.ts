import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { LocalDate } from '../../../shared/domain/calendar';
import type { Dossier } from '../../../shared/domain/dossier';
import { SWEEP_SCHEDULES } from '../../sweep-schedules';
import { apiRequest } from '../api-request';
import type { SimulatedClock } from '../clock';
import type { EmbeddedStack } from '../embedded-stack';
import { BankTransferDesk } from './bank-transfers';
import { workCallQueue } from './call-agents';
import { CourtSimulation } from './court-simulation';
import { DebtAcknowledgmentDesk } from './debt-acknowledgment';
import type { DebtorBehaviour, DebtorReaction } from './debtor-behaviour';
import { LifecycleDebtors } from './lifecycle-debtors';
import { PlanDebtors } from './plan-debtors';

export interface SimulationOptions {
  stack: EmbeddedStack;
  clock: SimulatedClock;
  tenantId: string;
  days: number;
  behaviour?: DebtorBehaviour;
  onDay?: (day: LocalDate, index: number) => void;
  /**
   * Runs each morning's sweeps twice, as a retried schedule or a re-run by hand would: the
   * second run must send nothing (tests compare the outbox with a single run's).
   */
  replaySweeps?: boolean;
  /** One debtor pays by bank transfer found in the evening's camt.053, one acknowledges the debt (issue 13). The demo's. */
  bankAndAcknowledgment?: boolean;
  /** Some partial payers ask for a payment plan; one breaks it (plan-debtors.ts). The demo's, not the simulator's. */
  paymentPlans?: boolean;
  /** The disputer loses (dispute rejected), one non-payer promises and breaks it (lifecycle-debtors.ts). */
  lifecycle?: boolean;
}

export interface SimulationStats {
  days: number;
  payments: number;
  disputes: number;
  apiErrors: number;
  /** Call-task outcomes the agents reported through the API. */
  callOutcomes: number;
  /** Channels debtors refused (STOP to an SMS) through the API. */
  optOuts: number;
  /** Payments recorded from the camt.053 statements dropped in intake (bank-transfers.ts). */
  bankTransfers?: { statements: number; recorded: number; reports: string[] };
  /** The debtor who acknowledged the debt, and its prescription date before and after (C.civ. 2240). */
  acknowledgment?: { dossierId: string; date: LocalDate; before: string | null; after: string | null };
  /** Sweep executions that failed (only under injected faults): the next day's sweep catches up. */
  sweepFailures?: number;
  /** Payment plans granted through the API, and the instalments paid (plan-debtors.ts). */
  paymentPlans?: { granted: number; instalmentsPaid: number };
  /** Disputes the creditor rejected and promises made through the API (lifecycle-debtors.ts). */
  lifecycle?: { disputesRejected: number; promisesMade: number };
}

/** The request API Gateway would hand the `api` function for this reaction (tenant from the JWT). */
function apiEvent(reaction: DebtorReaction): APIGatewayProxyEventV2WithJWTAuthorizer {
  const route = { payment: 'payments', dispute: 'disputes', 'opt-out': 'opt-outs' }[reaction.kind];
  const body =
    reaction.kind === 'payment'
      ? { paymentId: reaction.paymentId, date: reaction.date, amountCents: reaction.amountCents }
      : reaction.kind === 'dispute'
        ? {
            disputeId: reaction.disputeId,
            reason: 'defective',
            ...(reaction.invoices ? { invoices: reaction.invoices } : {}),
          }
        : { optOutId: reaction.optOutId, channel: reaction.channel };
  return apiRequest(`POST /dossiers/{dossierId}/${route}`, {
    tenantId: reaction.tenantId,
    pathParameters: { dossierId: reaction.dossierId },
    body,
  });
}

/**
 * The dossiers whose debtors may act today. The first day, every dossier (each debtor gets its
 * profile, in id order, so a run is reproducible); then only those the morning's steps touched
 * and those whose planned reaction falls due: re-listing the whole portfolio every simulated day
 * made a year O(dossiers × days) in reads, and the same reactions come out of this subset.
 */
async function debtorsToHear(
  stack: EmbeddedStack,
  tenantId: string,
  behaviour: DebtorBehaviour,
  day: LocalDate,
  firstDay: boolean,
): Promise<Dossier[]> {
  const stepped = stack.takeStepped();
  if (firstDay) return stack.repository.listDossiers(tenantId);
  const ids = new Set([
    ...stepped.filter((ref) => ref.tenantId === tenantId).map((ref) => ref.dossierId),
    ...behaviour.reactionsDue(day),
  ]);
  return [...(await stack.repository.getDossiers(tenantId, [...ids])).values()];
}

/**
 * Simulated days, one by one, as the schedules fire them on AWS: the prescription sweep at
 * 02:00, the overdue sweep at 06:00 (Europe/Paris); in the afternoon the debtors react and
 * their payments and disputes come back through the API function, and the agents report their calls.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationStats> {
  const { stack, clock, behaviour } = options;
  const stats: SimulationStats = {
    days: 0,
    payments: 0,
    disputes: 0,
    apiErrors: 0,
    callOutcomes: 0,
    optOuts: 0,
  };
  const court = new CourtSimulation(stack, options.tenantId);
  const transfers = options.bankAndAcknowledgment ? new BankTransferDesk(stack, options.tenantId) : undefined;
  const acknowledgments = options.bankAndAcknowledgment
    ? new DebtAcknowledgmentDesk(stack, options.tenantId)
    : undefined;
  const plans =
    behaviour && options.paymentPlans ? new PlanDebtors(stack, options.tenantId, behaviour) : undefined;
  const lifecycle =
    behaviour && options.lifecycle ? new LifecycleDebtors(stack, options.tenantId, behaviour) : undefined;
  for (let index = 0; index < options.days; index++) {
    // Day 1 is the day after the intake: the files land during the day, the sweeps run next morning.
    const day = clock.nextDay();
    for (let run = 0; run < (options.replaySweeps ? 2 : 1); run++) {
      // A sweep execution that fails raises its alarm on AWS and the dossiers it did not reach stay
      // due: the next run sweeps them. Only injected faults make one fail here (faults/).
      const sweeps = [
        () => stack.runPrescriptionSweep(clock.at(SWEEP_SCHEDULES.prescription.hour)),
        () => stack.runJudicialSweep(clock.at(SWEEP_SCHEDULES.judicial.hour)),
        () => stack.runOverdueSweep(clock.at(SWEEP_SCHEDULES.overdue.hour)),
      ];
      for (const sweep of sweeps) {
        try {
          await sweep();
        } catch (error) {
          if (!stack.faults) throw error;
          stats.sweepFailures = (stats.sweepFailures ?? 0) + 1;
        }
      }
    }
    // Prevention: the monthly statements go out at 09:00 on the month's first working day.
    // (the monthly-statements function, as the 09:00 schedule invokes it on AWS).
    await stack.functions['monthly-statements']!({ asOf: clock.at(9) });
    // Around noon the registered-mail service reports the letters it delivered (or got back).
    clock.at(12);
    await stack.deliverReceipts(day);
    if (behaviour) {
      clock.at(14);
      const dossiers = await debtorsToHear(stack, options.tenantId, behaviour, day, index === 0);
      for (const reaction of behaviour.react(dossiers, day)) {
        // The debtor paying by transfer: its payment comes in the evening's statement, not the API.
        if (transfers?.takes(reaction)) continue;
        const response = (await stack.functions.api!(apiEvent(reaction))) as { statusCode: number };
        if (response.statusCode !== 200) stats.apiErrors++;
        else if (reaction.kind === 'payment') stats.payments++;
        else if (reaction.kind === 'dispute') stats.disputes++;
        else stats.optOuts++;
      }
      if (plans) {
        await plans.day(dossiers, day);
        stats.paymentPlans = { granted: plans.granted, instalmentsPaid: plans.payments };
        stats.apiErrors += plans.errors;
        plans.errors = 0;
      }
      if (lifecycle) {
        await lifecycle.day(dossiers, day);
        stats.lifecycle = {
          disputesRejected: lifecycle.disputesRejected,
          promisesMade: lifecycle.promisesMade,
        };
        stats.apiErrors += lifecycle.errors;
        lifecycle.errors = 0;
      }
      // Then the agents work the call queue and report each outcome, as on AWS.
      const shift = await workCallQueue({ stack, clock, tenantId: options.tenantId, day, behaviour });
      stats.callOutcomes += shift.recorded;
      stats.disputes += shift.disputes;
      stats.apiErrors += shift.errors;
      // At 16:00 the creditor records what the court did today (one non-payer, injonction de payer).
      clock.at(16);
      const errorsBefore = court.errors;
      await court.day(day, dossiers);
      stats.apiErrors += court.errors - errorsBefore;
      if (acknowledgments) {
        // 17:00: a debtor's signed acknowledgment of the debt is recorded (C.civ. 2240).
        await acknowledgments.day(day, clock.at(17));
        if (acknowledgments.recorded) stats.acknowledgment = acknowledgments.recorded;
        stats.apiErrors += acknowledgments.errors;
        acknowledgments.errors = 0;
      }
      if (transfers) {
        // 22:00: the bank's statement of the day lands in the intake drop (camt.053).
        const recorded = await transfers.dropStatement(day, clock.at(22));
        stats.bankTransfers = {
          statements: transfers.reports.length,
          recorded: (stats.bankTransfers?.recorded ?? 0) + recorded,
          reports: transfers.reports.map((r) => r.key),
        };
      }
    }
    stats.days++;
    options.onDay?.(day, index);
  }
  return stats;
}
