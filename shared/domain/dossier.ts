import { type LocalDate, minDate } from './calendar';
import type { DossierClosure } from './closure';
import { type DossierDispute, isDisputed } from './disputes';
import type { ClaimDeclarationWatch } from './judicial/claim-declaration';
import type { JudicialState } from './judicial/judicial-state';
import { type Currency, sumCents } from './money';
import type { CreditorType, Debtor, Invoice } from './parties';
import type { PaymentPlan } from './payment-plan';
import type { PersonalDataErasure } from './personal-data';
import type { DossierPromise } from './promises';
import type { RecoverabilityScore } from './recoverability-score';
import type { DebtorSegment, PaymentHistory } from './segment';

/**
 * open: pursued by the scenario; paid: nothing left to claim; disputed: the debtor
 * contests, pursuit waits for a human; prescribed: every unpaid invoice is time-barred;
 * judicial: the amicable ladder is over, the file waits for the creditor's decision to go to court;
 * closed: ended otherwise than by payment (`closure` says how: settled, written off, cancelled).
 */
export type DossierStatus = 'open' | 'paid' | 'disputed' | 'prescribed' | 'judicial' | 'closed';

/** One dossier per creditor (tenant) and debtor, holding that debtor's invoices. */
export interface Dossier {
  tenantId: string;
  dossierId: string;
  creditorType: CreditorType;
  debtor: Debtor;
  invoices: Invoice[];
  scenarioId: string;
  status: DossierStatus;
  /** Index in the scenario of the last level performed; -1 before the first. */
  levelIndex: number;
  /** Day the last level was performed (for spacing) */
  lastActionOn?: LocalDate;
  /** Next day the overdue sweep must look at this dossier; absent when nothing is scheduled. */
  nextActionOn?: LocalDate;
  /** Earliest prescription date among unpaid, unprescribed invoices. */
  prescriptionDate?: LocalDate;
  /** Next day the prescription sweep must look at this dossier (a warning or the deadline itself). */
  nextPrescriptionCheckOn?: LocalDate;
  /** Prescription warnings already sent, by days-before (e.g. [90, 30]). */
  prescriptionWarnings: number[];
  /** Before `payments`: ids of payments allocated on principal (read for old dossiers only). */
  appliedPaymentIds?: string[];
  /**
   * Every payment received, with its date: the legal engine imputes them at any as-of date
   * (docs/legal.md §13), so interest stops running on the principal they paid. A redelivered
   * payment is recognised by its id in the same write that records it.
   */
  payments?: DossierPayment[];
  /** Received beyond everything claimed, or after the dossier closed: owed back to the debtor. */
  creditCents?: number;
  /** How the debtor paid earlier ladders of this dossier; picks the scenario of the next one. */
  paymentHistory?: PaymentHistory;
  segment?: DebtorSegment;
  /** First day of the current ladder: a dossier reopened by new invoices starts a fresh one. */
  ladderStartedOn?: LocalDate;
  /** Escalation steps that failed in a row (one per day at most); a successful step clears it. */
  failedSteps?: FailedSteps;
  /** The judicial phase, once the amicable ladder ended in a judicial review (docs/legal.md §10). */
  judicial?: JudicialState;
  /** The recoverability score as of the dossier's last write (recoverability-score.ts), stored with it. */
  score?: RecoverabilityScore;
  /** Payment plans granted, the running one (`active`) and those that ended (docs/legal.md §14). */
  paymentPlans?: PaymentPlan[];
  /** The claim's declaration to the mandataire, watched by the judicial step (claim-declaration.ts, C.com. L622-24). */
  claimDeclaration?: ClaimDeclarationWatch;
  /**
   * Set when the steps kept failing: the dossier leaves the sweep index (it would fail again
   * every morning, quietly) until a person resumes it. Status stays `open`: payments still count.
   */
  parked?: { on: LocalDate; errorKind: string; failures: number };
  /** Disputes, open and resolved (disputes.ts): an open one takes its invoices out of the ladder. */
  disputes?: DossierDispute[];
  /** Promises to pay made through the API or a file (promises.ts): a running one holds the ladder. */
  promises?: DossierPromise[];
  /**
   * The ladder resumes with the level after `levelIndex` at its next step, without waiting for
   * that level's date (a rejected dispute: the ladder goes on where it stopped, docs/data-model.md).
   */
  resumeAfter?: { levelIndex: number; reason: string; on: LocalDate };
  /** How a `closed` dossier ended (closure.ts); cleared when new invoices open a new ladder. */
  closure?: DossierClosure;
  /** Set once the debtor's personal data were erased (on request or past retention): personal-data.ts. */
  personalDataErased?: PersonalDataErasure;
  createdAt: string;
  updatedAt: string;
  /** Optimistic lock: every update is conditional on the version it read. */
  version: number;
}

/**
 * Consecutive failed steps: the error's kind (its class name, e.g. `RegisteredMailError`, never
 * its message, which may quote the debtor) and the day of the last one.
 */
export interface FailedSteps {
  count: number;
  lastOn: LocalDate;
  errorKind: string;
}

/**
 * Invoices one dossier (one debtor) may hold. Beyond, intake refuses the rows with a reason:
 * each step reads and computes them all, and a letter lists them (docs/data-model.md).
 */
export const MAX_INVOICES_PER_DOSSIER = 10_000;

/** A payment as the dossier keeps it; `imputation` says what it did when it was recorded. */
export interface DossierPayment {
  paymentId: string;
  date: LocalDate;
  amountCents: number;
  currency: Currency;
  /** The invoice the debtor designated (C.civ. 1342-10), if any. */
  invoice?: string;
  receivedAt: string;
  /** Day the dossier closed with this payment in it: the engine no longer imputes it. */
  settledOn?: LocalDate;
  imputation?: PaymentImputationRecord;
}

export interface PaymentImputationRecord {
  /** Imputed on principal, interest, penalties and indemnities. */
  appliedCents: number;
  /** Kept as a credit (beyond everything claimed, or arrived on a closed dossier). */
  creditCents: number;
  /** Invoices the payment reached (each one acknowledged by it, C.civ. 2240). */
  invoices: string[];
  /** The payment closed the dossier. */
  closed: boolean;
  /** Accessories the creditor's policy waived when it closed (C.civ. 1350). */
  waivedInterestCents: number;
  waivedIndemnityCents: number;
}

export function outstandingCents(invoice: Invoice): number {
  return Math.max(0, invoice.amountCents - invoice.paidCents);
}

/** Invoices still owed: unpaid and not time-barred (disputed ones included: they still prescribe). */
export function owedInvoices(dossier: Dossier): Invoice[] {
  return dossier.invoices.filter((inv) => outstandingCents(inv) > 0 && !inv.prescribed);
}

/**
 * Invoices the ladder claims: owed and not under an open dispute (docs/data-model.md, "Disputes"):
 * only what is disputed pauses, the other invoices are still pursued.
 */
export function pursuableInvoices(dossier: Dossier): Invoice[] {
  return owedInvoices(dossier).filter((inv) => !isDisputed(dossier, inv));
}

export function dossierOutstandingCents(dossier: Dossier): number {
  return sumCents(pursuableInvoices(dossier).map(outstandingCents));
}

/** The scenario's day offsets count from the oldest unpaid due date of the dossier. */
export function referenceDueDate(dossier: Dossier): LocalDate | undefined {
  return minDate(pursuableInvoices(dossier).map((inv) => inv.dueDate));
}

export function earliestPrescriptionDate(dossier: Dossier): LocalDate | undefined {
  // A dispute does not stop the limitation period: disputed invoices are watched too.
  return minDate(owedInvoices(dossier).map((inv) => inv.prescriptionDate));
}

/**
 * How a tenant's intake names dossiers (docs/personal-data.md, "Dossier ids"): `ref` (default, the
 * readable DOS-<ref> below) or `keyed` (an HMAC of tenant and ref: dossier-id.ts, no name in keys).
 */
export type DossierIdScheme = 'ref' | 'keyed';

/**
 * Dossier ids are derived from the debtor so that every invoice of a debtor lands in one dossier.
 * A ref with characters unsafe in keys and URLs gets them replaced and a hash of the raw ref
 * appended, so "A/1" and "A_1" stay two dossiers.
 */
export function dossierIdFor(debtorRef: string): string {
  const safe = debtorRef.replace(/[^A-Za-z0-9_-]/g, '_');
  return safe === debtorRef ? `DOS-${safe}` : `DOS-${safe}-${fnv1a(debtorRef)}`;
}

/** FNV-1a 32-bit, hex: a short stable fingerprint (not a security hash). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
