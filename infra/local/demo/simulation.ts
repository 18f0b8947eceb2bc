import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { LocalDate } from '../../../shared/domain/calendar';
import type { Dossier } from '../../../shared/domain/dossier';
import { SWEEP_SCHEDULES } from '../../sweep-schedules';
import { apiRequest } from '../api-request';
import type { SimulatedClock } from '../clock';
import type { EmbeddedStack } from '../embedded-stack';
import { workCallQueue } from './call-agents';
import { CourtSimulation } from './court-simulation';
import type { DebtorBehaviour, DebtorReaction } from './debtor-behaviour';

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
}

/** The request API Gateway would hand the `api` function for this reaction (tenant from the JWT). */
function apiEvent(reaction: DebtorReaction): APIGatewayProxyEventV2WithJWTAuthorizer {
  const route = { payment: 'payments', dispute: 'disputes', 'opt-out': 'opt-outs' }[reaction.kind];
  const body =
    reaction.kind === 'payment'
      ? { paymentId: reaction.paymentId, date: reaction.date, amountCents: reaction.amountCents }
      : reaction.kind === 'dispute'
        ? { disputeId: reaction.disputeId, reason: 'defective' }
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
  for (let index = 0; index < options.days; index++) {
    // Day 1 is the day after the intake: the files land during the day, the sweeps run next morning.
    const day = clock.nextDay();
    for (let run = 0; run < (options.replaySweeps ? 2 : 1); run++) {
      await stack.runPrescriptionSweep(clock.at(SWEEP_SCHEDULES.prescription.hour));
      await stack.runJudicialSweep(clock.at(SWEEP_SCHEDULES.judicial.hour));
      await stack.runOverdueSweep(clock.at(SWEEP_SCHEDULES.overdue.hour));
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
        const response = (await stack.functions.api!(apiEvent(reaction))) as { statusCode: number };
        if (response.statusCode !== 200) stats.apiErrors++;
        else if (reaction.kind === 'payment') stats.payments++;
        else if (reaction.kind === 'dispute') stats.disputes++;
        else stats.optOuts++;
      }
      // Then the agents work the call queue and report each outcome, as on AWS.
      const shift = await workCallQueue({ stack, clock, tenantId: options.tenantId, day, behaviour });
      stats.callOutcomes += shift.recorded;
      stats.disputes += shift.disputes;
      stats.apiErrors += shift.errors;
      // At 16:00 the creditor records what the court did today (one non-payer, injonction de payer).
      clock.at(16);
      const errorsBefore = court.errors;
      await court.day(day);
      stats.apiErrors += court.errors - errorsBefore;
    }
    stats.days++;
    options.onDay?.(day, index);
  }
  return stats;
}
