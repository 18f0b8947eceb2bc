import { addDays, type LocalDate } from './calendar';
import type { Dossier } from './dossier';
import { sumCents } from './money';
import type { EventSource } from './timeline';

/**
 * Days after the promised date the ladder still waits, for a transfer to reach the account
 * (tenant setting `promiseGraceDays`). No statute: a courtesy the creditor may tune.
 */
export const DEFAULT_PROMISE_GRACE_DAYS = 3;

/** A promise to pay made through the API or an events file (a call agent's ones stay on their task). */
export interface DossierPromise {
  promiseId: string;
  /** Last day the debtor said they would pay by. */
  promisedOn: LocalDate;
  amountCents: number;
  madeOn: LocalDate;
  /** The level reached when it was made: a broken promise resumes with the level after it. */
  levelIndex: number;
  source: EventSource;
}

export type PromiseStanding = 'running' | 'kept' | 'broken';

/** Last day a payment still keeps the promise and the ladder still waits. */
export function promiseDeadline(promise: DossierPromise, graceDays: number): LocalDate {
  return addDays(promise.promisedOn, graceDays);
}

/**
 * Kept: the payments dated from the day it was made to the promised date plus the grace days
 * reach the amount; broken: that day passed without them; else running.
 */
export function promiseStanding(
  promise: DossierPromise,
  dossier: Pick<Dossier, 'payments'>,
  day: LocalDate,
  graceDays: number,
): PromiseStanding {
  const deadline = promiseDeadline(promise, graceDays);
  const paid = sumCents(
    (dossier.payments ?? [])
      .filter((payment) => payment.date >= promise.madeOn && payment.date <= deadline)
      .map((payment) => payment.amountCents),
  );
  if (paid >= promise.amountCents) return 'kept';
  return day > deadline ? 'broken' : 'running';
}

/** The promise holding the ladder on `day`, if any, and the day the ladder may resume. */
export function runningDossierPromise(
  dossier: Pick<Dossier, 'payments' | 'promises'>,
  day: LocalDate,
  graceDays: number,
): { promise: DossierPromise; resumeOn: LocalDate } | undefined {
  const running = (dossier.promises ?? []).filter(
    (promise) => promiseStanding(promise, dossier, day, graceDays) === 'running',
  );
  const last = running.sort((a, b) => b.promisedOn.localeCompare(a.promisedOn))[0];
  return last ? { promise: last, resumeOn: addDays(promiseDeadline(last, graceDays), 1) } : undefined;
}

/**
 * The promise broken while the ladder stood at `levelIndex`: the ladder resumes one level up
 * (the next level, without waiting for its date). Once that level is performed the index moves
 * on and the promise no longer counts, so replaying the step changes nothing.
 */
export function brokenPromiseAt(
  dossier: Pick<Dossier, 'payments' | 'promises'>,
  levelIndex: number,
  day: LocalDate,
  graceDays: number,
): DossierPromise | undefined {
  return (dossier.promises ?? [])
    .filter((promise) => promise.levelIndex === levelIndex)
    .filter((promise) => promiseStanding(promise, dossier, day, graceDays) === 'broken')
    .sort((a, b) => b.promisedOn.localeCompare(a.promisedOn))[0];
}
