import type { LocalDate } from './calendar';
import type { Dossier } from './dossier';
import type { Invoice } from './parties';
import type { TimelineEvent } from './timeline';

/** Why the debtor contests: a code, so KPIs can count them (the note stays on the dossier only). */
export const DISPUTE_REASONS = ['not-delivered', 'defective', 'amount', 'already-paid', 'other'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/**
 * How a dispute ended:
 * - upheld: the debtor was right; the invoice is cancelled or a credit note cancels what is unpaid;
 * - rejected: the claim stands; the ladder resumes where it stopped (escalation.ts);
 * - partly-upheld: the invoice is reduced to a new amount and pursued for it.
 */
export const DISPUTE_OUTCOMES = ['upheld', 'rejected', 'partly-upheld'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export interface DisputeResolution {
  outcome: DisputeOutcome;
  on: LocalDate;
  /** upheld: how the creditor cancels what it claimed. */
  remedy?: 'credit-note' | 'cancellation';
  /** The credit note's number, when there is one. */
  creditNote?: string;
  /** partly-upheld: each disputed invoice's new amount (cents, tax included). */
  newAmounts?: Record<string, number>;
}

/**
 * A dispute as the dossier keeps it. `invoices` absent: the whole dossier is disputed. The note
 * (free text, may quote the debtor) lives here only: never on a log line nor a timeline note.
 */
export interface DossierDispute {
  disputeId: string;
  reason: DisputeReason;
  invoices?: string[];
  note?: string;
  openedOn: LocalDate;
  /** The level reached when it opened: a rejected whole-dossier dispute resumes after it. */
  levelIndex: number;
  resolution?: DisputeResolution;
}

export function openDisputes(dossier: Pick<Dossier, 'disputes'>): DossierDispute[] {
  return (dossier.disputes ?? []).filter((dispute) => !dispute.resolution);
}

/** Invoices an open dispute covers; `all` when one covers the whole dossier. */
export function disputedInvoiceNumbers(dossier: Pick<Dossier, 'disputes' | 'invoices'>): Set<string> {
  const numbers = new Set<string>();
  for (const dispute of openDisputes(dossier))
    for (const number of dispute.invoices ?? dossier.invoices.map((inv) => inv.number)) numbers.add(number);
  return numbers;
}

export function isDisputed(dossier: Pick<Dossier, 'disputes' | 'invoices'>, invoice: Invoice): boolean {
  return openDisputes(dossier).some(
    (dispute) => !dispute.invoices || dispute.invoices.includes(invoice.number),
  );
}

/**
 * The claim is contested for the judicial path (docs/legal.md §10: no injonction de payer on a
 * contested claim, CPC 1405, 1416): an open dispute, a rejected or partly upheld one (the debtor
 * still contests what the creditor maintained), or a dispute of a dossier older than the dispute
 * records (only its timeline event). A dispute the creditor upheld in full leaves nothing contested.
 */
export function contestedClaim(dossier: Dossier, timeline: readonly TimelineEvent[]): boolean {
  if (dossier.status === 'disputed') return true;
  if (!dossier.disputes) return timeline.some((event) => event.type === 'dispute-opened');
  return dossier.disputes.some((dispute) => dispute.resolution?.outcome !== 'upheld');
}

/**
 * Every invoice with something still owed lies under an open dispute: nothing is left to pursue,
 * the dossier waits (status `disputed`, off the sweep). A dossier from before the dispute records
 * holds on its `dispute-opened` event, as it always did.
 */
export function disputeHoldsEverything(dossier: Dossier, timeline: readonly TimelineEvent[]): boolean {
  if (!dossier.disputes) return timeline.some((event) => event.type === 'dispute-opened');
  const disputed = disputedInvoiceNumbers(dossier);
  if (disputed.size === 0) return false;
  const owing = dossier.invoices.filter(
    (inv) => inv.amountCents > inv.paidCents && !inv.prescribed && !inv.settledOn,
  );
  return owing.length > 0 && owing.every((inv) => disputed.has(inv.number));
}

/**
 * The dossier as the ladder claims it (a formal notice's amounts): disputed invoices left out,
 * with the payments the debtor designated to them, so what is paid on a disputed invoice is not
 * imputed to the others (C.civ. 1342-10: the debtor's designation prevails).
 */
export function pursuedDossier(dossier: Dossier): Dossier {
  const disputed = disputedInvoiceNumbers(dossier);
  if (disputed.size === 0) return dossier;
  return {
    ...dossier,
    invoices: dossier.invoices.filter((inv) => !disputed.has(inv.number)),
    ...(dossier.payments
      ? { payments: dossier.payments.filter((p) => !p.invoice || !disputed.has(p.invoice)) }
      : {}),
  };
}

/** Owed invoices an open dispute holds out of the ladder: a letter names them (letter-content.ts). */
export function disputedOwedNumbers(dossier: Dossier): string[] {
  const disputed = disputedInvoiceNumbers(dossier);
  return dossier.invoices
    .filter((inv) => disputed.has(inv.number) && inv.amountCents > inv.paidCents && !inv.settledOn)
    .map((inv) => inv.number);
}
