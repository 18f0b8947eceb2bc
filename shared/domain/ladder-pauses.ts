/**
 * Why the ladder does not step today, checked before any level is picked: a closed or disputed
 * dossier, insolvency proceedings, nothing left to claim, a passed prescription deadline, a
 * running promise to pay. Apart from escalation.ts so each stop or pause reads with its article.
 * (A payment plan's pause stays in the decision: its end re-enters the decision itself.)
 */
import type { LocalDate } from './calendar';
import { runningPromise } from './call-outcome';
import { disputeHoldsEverything } from './disputes';
import { type Dossier, dossierOutstandingCents } from './dossier';
import type { StepDecision } from './escalation';
import { runningDossierPromise } from './promises';
import type { TimelineEvent } from './timeline';

/** The dossier's own state stops or holds the ladder whatever the scenario says. */
export function ladderStop(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  day: LocalDate,
): StepDecision | undefined {
  if (dossier.status !== 'open') return { kind: 'none', day, reason: `dossier ${dossier.status}` };
  // Only what is disputed pauses (disputes.ts): the ladder stops when every owed invoice is.
  if (disputeHoldsEverything(dossier, timeline)) {
    return { kind: 'stop', day, status: 'disputed', reason: 'the debtor disputes the claim' };
  }
  // Insolvency proceedings stop every individual action for payment, reminders included: the
  // claim is declared to the mandataire instead (C.com. L622-21, L622-24; C.conso L722-2).
  const insolvency = dossier.debtor.insolvency;
  if (insolvency && insolvency.openedOn <= day) {
    return {
      kind: 'none',
      day,
      reason: `debtor in insolvency proceedings (${insolvency.kind}) since ${insolvency.openedOn}: no contact, declare the claim`,
    };
  }
  if (dossierOutstandingCents(dossier) === 0) {
    const unpaidLeft = dossier.invoices.some((inv) => inv.amountCents > inv.paidCents);
    return unpaidLeft
      ? { kind: 'stop', day, status: 'prescribed', reason: 'every unpaid invoice is time-barred' }
      : { kind: 'stop', day, status: 'paid', reason: 'nothing left to pay' };
  }
  const prescribedToday = dossier.prescriptionDate !== undefined && dossier.prescriptionDate < day;
  if (prescribedToday) {
    // The prescription sweep marks invoices; until it has, never act on a claim past its deadline.
    return { kind: 'none', day, reason: 'prescription deadline passed, waiting for the prescription sweep' };
  }
  return undefined;
}

/** A promise to pay holds the ladder until its date plus the grace days. */
export function promiseHold(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  day: LocalDate,
  graceDays: number,
): StepDecision | undefined {
  const promised = runningDossierPromise(dossier, day, graceDays);
  if (promised) {
    return {
      kind: 'reschedule',
      day,
      nextActionOn: promised.resumeOn,
      reason: `promise to pay by ${promised.promise.promisedOn}`,
    };
  }
  // A call promise recorded before dossiers kept their promises holds to the day after its date.
  const kept = new Set((dossier.promises ?? []).map((p) => p.promiseId));
  const promise = runningPromise(
    timeline.filter((event) => !event.call || !kept.has(`CALL-${event.call.taskId}`)),
    day,
  );
  if (promise) {
    return {
      kind: 'reschedule',
      day,
      nextActionOn: promise.resumeOn,
      reason: `promise to pay by ${promise.promisedOn}`,
    };
  }
  return undefined;
}
