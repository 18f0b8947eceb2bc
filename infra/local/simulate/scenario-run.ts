import { daysBetween, type LocalDate, maxDate, minDate } from '../../../shared/domain/calendar';
import type { Dossier } from '../../../shared/domain/dossier';
import { BUILT_IN_SCENARIOS } from '../../../shared/domain/scenario-catalog';
import type { Logger } from '../../../shared/use-cases/ports';
import { withTempDir } from '../bench/support';
import { SimulatedClock } from '../clock';
import { emptyUsage, meterMessenger, type Usage } from '../cost/meter';
import { priceOf } from '../cost/prices';
import { DebtorBehaviour } from '../demo/debtor-behaviour';
import { simulate } from '../demo/simulation';
import { readOutbox } from '../demo/summary';
import { startEmbeddedStack } from '../embedded-stack';
import { type ComplaintsRisk, complaintsRisk } from './complaints-risk';
import type { LadderChoice } from './scenario-file';

export interface PortfolioInput {
  /** The creditor's profile (tenant.json); the ladders of each column are added to it. */
  tenantProfile: Record<string, unknown>;
  invoices: { name: string; body: Uint8Array };
  start: LocalDate;
  days: number;
  seed: number;
}

/** What one ladder did to the portfolio: the figures the comparison prints side by side. */
export interface ScenarioOutcome {
  label: string;
  scenarioIds: string[];
  /** The invoice file's rows as intake read them (the same in every column). */
  intake: { rows: number; accepted: number; rejected: number };
  dossiers: number;
  principalCents: number;
  recoveredCents: number;
  /** recovered / principal, percent with one decimal. */
  recoveryPercent: number;
  /** Dossiers paid in full, and their mean days from the oldest due date to the last payment. */
  paidDossiers: number;
  meanDaysToPayment: number | null;
  /** Sent by the pipeline (creditor e-mails included): what the providers bill. */
  messages: {
    email: number;
    sms: number;
    smsSegments: number;
    letter: number;
    registeredLetter: number;
    call: number;
  };
  /** Message fees in USD cents at the cost model's prices (infra/local/cost/prices.ts); calls are agents' time, not priced. */
  costUsdCents: number;
  disputes: number;
  optOuts: number;
  judicialReviews: number;
  complaints: ComplaintsRisk;
  /** Escalation steps that failed and errors the pipeline logged: a defect when not 0. */
  errors: number;
  /**
   * Requests the API refused to the simulated debtors, agents and court (a 409 when the court
   * simulation records an event on a dossier prescribed meanwhile): shown, not a failure.
   */
  refusedRequests: number;
}

const TENANT = 'whatif';

const countingLogger = (errors: { count: number }): Logger => ({
  debug() {},
  info() {},
  warn() {},
  error() {
    errors.count++;
  },
});

/** Message fees as the cost model prices them (infra/local/cost/model.ts), in USD cents. */
function messageFeesUsdCents(m: Usage['messages']): number {
  const usd =
    priceOf('sesEmail', m.email) +
    priceOf('snsSmsFrance', m.smsSegments) +
    priceOf('letterSimple', m.letter) +
    priceOf('letterRegistered', m.registeredLetter);
  return Math.round(usd * 100);
}

function daysToPayment(dossier: Dossier): number | undefined {
  if (dossier.status !== 'paid') return undefined;
  const due = minDate(dossier.invoices.map((invoice) => invoice.dueDate));
  const paid = maxDate((dossier.payments ?? []).map((payment) => payment.date));
  return due && paid ? daysBetween(due, paid) : undefined;
}

/**
 * Runs the portfolio under one ladder choice: a fresh embedded stack (in memory, outbox in a
 * temporary folder), the tenant's profile with the column's ladders, the same invoice file, then
 * the demo's simulated days with the same seeded debtors (infra/local/demo/simulation.ts).
 */
export async function runScenario(choice: LadderChoice, input: PortfolioInput): Promise<ScenarioOutcome> {
  return withTempDir('simulate', async (outDir) => {
    const clock = new SimulatedClock(input.start, 8);
    const usage = emptyUsage();
    const errors = { count: 0 };
    const stack = await startEmbeddedStack({
      outDir,
      logger: countingLogger(errors),
      now: () => new Date(clock.now()),
      shardCount: 4,
      hooks: { messenger: (messenger) => meterMessenger(messenger, usage) },
    });
    try {
      const profile = { ...input.tenantProfile, ...choice.settings };
      const [registered] = await stack.putIntakeObject(
        `${TENANT}/tenant.json`,
        JSON.stringify(profile),
        clock.now(),
      );
      if (registered?.kind !== 'tenant') throw new Error(`${choice.label}: the tenant profile was refused`);
      const [intake] = await stack.putIntakeObject(
        `${TENANT}/${input.start}/${input.invoices.name}`,
        input.invoices.body,
        clock.at(8, 30),
      );
      if (intake?.kind !== 'invoices')
        throw new Error(`the invoice file could not be read (${intake?.kind})`);
      const stats = await simulate({
        stack,
        clock,
        tenantId: TENANT,
        days: input.days,
        behaviour: new DebtorBehaviour(input.seed, choice.settings),
      });
      const dossiers = await stack.repository.listDossiers(TENANT);
      const { report } = intake;
      return measure(choice, dossiers, await readOutbox(outDir), usage, {
        intake: { rows: report.rows, accepted: report.accepted, rejected: report.rejected.length },
        disputes: stats.disputes,
        optOuts: stats.optOuts,
        errors: errors.count + stack.launches.failed,
        refusedRequests: stats.apiErrors,
      });
    } finally {
      await stack.stop();
    }
  });
}

function measure(
  choice: LadderChoice,
  dossiers: Dossier[],
  outbox: Awaited<ReturnType<typeof readOutbox>>,
  usage: Usage,
  counts: Pick<ScenarioOutcome, 'intake' | 'disputes' | 'optOuts' | 'errors' | 'refusedRequests'>,
): ScenarioOutcome {
  const principalCents = dossiers.reduce((s, d) => s + d.invoices.reduce((t, i) => t + i.amountCents, 0), 0);
  const recoveredCents = dossiers.reduce((s, d) => s + d.invoices.reduce((t, i) => t + i.paidCents, 0), 0);
  const delays = dossiers.map(daysToPayment).filter((days): days is number => days !== undefined);
  // A debtor contact is a message of a ladder level; the creditor's warnings and hand-offs and
  // the monthly statements (prevention, not dunning: docs/legal.md §8) are not.
  const levelIds = new Set(
    [...choice.scenarios, ...Object.values(BUILT_IN_SCENARIOS)].flatMap((s) => s.levels.map((l) => l.id)),
  );
  const contacts = outbox.filter((line) => levelIds.has(line.level));
  return {
    label: choice.label,
    scenarioIds: choice.scenarios.map((s) => s.id),
    intake: counts.intake,
    dossiers: dossiers.length,
    principalCents,
    recoveredCents,
    recoveryPercent: principalCents ? Math.round((1000 * recoveredCents) / principalCents) / 10 : 0,
    paidDossiers: dossiers.filter((d) => d.status === 'paid').length,
    meanDaysToPayment: delays.length
      ? Math.round((10 * delays.reduce((a, b) => a + b, 0)) / delays.length) / 10
      : null,
    messages: { ...usage.messages },
    costUsdCents: messageFeesUsdCents(usage.messages),
    disputes: counts.disputes,
    optOuts: counts.optOuts,
    judicialReviews: dossiers.filter((d) => d.status === 'judicial').length,
    complaints: complaintsRisk(contacts),
    errors: counts.errors,
    refusedRequests: counts.refusedRequests,
  };
}
