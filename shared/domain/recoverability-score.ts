import { daysBetween, type LocalDate, parisDate } from './calendar';
import { openDisputes } from './disputes';
import { type Dossier, dossierOutstandingCents, pursuableInvoices } from './dossier';
import { DEFAULT_PROMISE_GRACE_DAYS, promiseStanding } from './promises';

export type ScoreFactorName =
  | 'age'
  | 'amount'
  | 'debtor-type'
  | 'payment-history'
  | 'partial-payment'
  | 'dispute'
  | 'channel-failures'
  | 'promises';

export interface ScoreFactor {
  factor: ScoreFactorName;
  /** Points added to (or taken from) the base. */
  contribution: number;
  /** Why, in words a credit manager reads (no personal data). */
  reason: string;
}

/**
 * How likely the dossier's balance is to be recovered, 1–99 (not a fitted probability: a scoring
 * grid, docs/kpis.md "Recoverability score"), with the factors that moved it from the base, the
 * largest first. Computed on every write of the dossier and stored with it.
 */
export interface RecoverabilityScore {
  score: number;
  base: number;
  factors: ScoreFactor[];
  computedOn: LocalDate;
  model: 'grid-2026-11';
}

export const SCORE_BASE = 60;

/** Oldest unpaid due date's lateness: recovery odds fall steeply with age (older debts get paid less often). */
function ageFactor(late: number): ScoreFactor | undefined {
  if (late <= 30)
    return { factor: 'age', contribution: 10, reason: `${Math.max(0, late)} days late: fresh debt` };
  if (late <= 90) return undefined;
  if (late <= 180) return { factor: 'age', contribution: -10, reason: `${late} days late` };
  if (late <= 365) return { factor: 'age', contribution: -20, reason: `${late} days late` };
  return { factor: 'age', contribution: -30, reason: `${late} days late: over a year` };
}

/** Large balances are paid less often in full (cash shortage), small ones more often. */
function amountFactor(cents: number): ScoreFactor | undefined {
  if (cents < 50_000) return { factor: 'amount', contribution: 5, reason: 'under EUR 500 outstanding' };
  if (cents <= 500_000) return undefined;
  if (cents <= 5_000_000)
    return { factor: 'amount', contribution: -5, reason: 'EUR 5,000 to 50,000 outstanding' };
  return { factor: 'amount', contribution: -10, reason: 'over EUR 50,000 outstanding' };
}

/** Promises made through the API or a file (promises.ts), as they stand on `asOf`. */
export function promiseOutcomes(dossier: Dossier, asOf: LocalDate): { kept: number; broken: number } {
  const standings = (dossier.promises ?? []).map((promise) =>
    promiseStanding(promise, dossier, asOf, DEFAULT_PROMISE_GRACE_DAYS),
  );
  return {
    kept: standings.filter((s) => s === 'kept').length,
    broken: standings.filter((s) => s === 'broken').length,
  };
}

export function recoverabilityScore(dossier: Dossier, asOf: LocalDate): RecoverabilityScore {
  const factors: (ScoreFactor | undefined)[] = [];
  const oldestDue = pursuableInvoices(dossier)
    .map((invoice) => invoice.dueDate)
    .sort()[0];
  if (oldestDue) factors.push(ageFactor(daysBetween(oldestDue, asOf)));
  factors.push(amountFactor(dossierOutstandingCents(dossier)));
  if (dossier.debtor.type === 'consumer')
    factors.push({
      factor: 'debtor-type',
      contribution: -5,
      reason: 'consumer: fewer means, more protections',
    });
  const history = dossier.paymentHistory;
  if (history && history.settledLadders > 0) {
    if (history.lateLadders >= 2)
      factors.push({
        factor: 'payment-history',
        contribution: -10,
        reason: `late on ${history.lateLadders} earlier ladders`,
      });
    else if (history.lateLadders === 0)
      factors.push({
        factor: 'payment-history',
        contribution: 10,
        reason: `paid ${history.settledLadders} earlier ladder(s) early`,
      });
  }
  if ((dossier.payments ?? []).some((payment) => (payment.imputation?.appliedCents ?? 0) > 0))
    factors.push({
      factor: 'partial-payment',
      contribution: 10,
      reason: 'has already paid part of this debt',
    });
  if (dossier.status === 'disputed' || openDisputes(dossier).length > 0)
    factors.push({
      factor: 'dispute',
      contribution: -30,
      reason: 'disputed: nothing is recovered until it is resolved',
    });
  const failing = dossier.debtor.failingChannels?.length ?? 0;
  if (failing > 0)
    factors.push({
      factor: 'channel-failures',
      contribution: -Math.min(20, 7 * failing),
      reason: `${failing} channel(s) do not reach the debtor`,
    });
  const { kept, broken } = promiseOutcomes(dossier, asOf);
  if (kept + broken > 0)
    factors.push({
      factor: 'promises',
      contribution: Math.min(15, 10 * kept) - Math.min(30, 15 * broken),
      reason: `${kept} promise(s) kept, ${broken} broken`,
    });
  const moved = factors
    .filter((f): f is ScoreFactor => f !== undefined && f.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.factor.localeCompare(b.factor));
  const raw = SCORE_BASE + moved.reduce((sum, f) => sum + f.contribution, 0);
  return {
    score: Math.min(99, Math.max(1, raw)),
    base: SCORE_BASE,
    factors: moved,
    computedOn: asOf,
    model: 'grid-2026-11',
  };
}

/**
 * What a call to this dossier is expected to bring, in cents: outstanding × score / 100. The call
 * queue sorts by it: a large balance unlikely to be paid and a small one sure to be both rank
 * below a large one likely to be paid, so the agents' hours go where they recover most.
 */
export function expectedRecoveryCents(dossier: Dossier, asOf: LocalDate): number {
  return Math.round((dossierOutstandingCents(dossier) * recoverabilityScore(dossier, asOf).score) / 100);
}

/**
 * The dossier as it is stored: with its score as of this write (`updatedAt`'s Paris day), the
 * factors with it, so the API shows it and the console can read it. A closed dossier keeps none.
 */
export function withStoredScore(dossier: Dossier): Dossier {
  const { score: _stale, ...rest } = dossier;
  if (dossier.status === 'paid' || dossier.status === 'prescribed') return rest;
  return { ...rest, score: recoverabilityScore(dossier, parisDate(dossier.updatedAt)) };
}
