import { type LocalDate, minDate } from './calendar';
import { sumCents } from './money';
import type { CreditorType, Debtor, Invoice } from './parties';
import type { DebtorSegment, PaymentHistory } from './segment';

/**
 * open: pursued by the scenario; paid: nothing left to claim; disputed: the debtor
 * contests, pursuit waits for a human; prescribed: every unpaid invoice is time-barred;
 * judicial: the amicable ladder is over, the file waits for the creditor's decision to go to court.
 */
export type DossierStatus = 'open' | 'paid' | 'disputed' | 'prescribed' | 'judicial';

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
  /** Payments already allocated: a redelivered payment is recognised in the same write that applies it. */
  appliedPaymentIds?: string[];
  /** How the debtor paid earlier ladders of this dossier; picks the scenario of the next one. */
  paymentHistory?: PaymentHistory;
  segment?: DebtorSegment;
  /** First day of the current ladder: a dossier reopened by new invoices starts a fresh one. */
  ladderStartedOn?: LocalDate;
  createdAt: string;
  updatedAt: string;
  /** Optimistic lock: every update is conditional on the version it read. */
  version: number;
}

export function outstandingCents(invoice: Invoice): number {
  return Math.max(0, invoice.amountCents - invoice.paidCents);
}

/** Invoices still to be claimed: unpaid and not time-barred. */
export function pursuableInvoices(dossier: Dossier): Invoice[] {
  return dossier.invoices.filter((inv) => outstandingCents(inv) > 0 && !inv.prescribed);
}

export function dossierOutstandingCents(dossier: Dossier): number {
  return sumCents(pursuableInvoices(dossier).map(outstandingCents));
}

/** The scenario's day offsets count from the oldest unpaid due date of the dossier. */
export function referenceDueDate(dossier: Dossier): LocalDate | undefined {
  return minDate(pursuableInvoices(dossier).map((inv) => inv.dueDate));
}

export function earliestPrescriptionDate(dossier: Dossier): LocalDate | undefined {
  return minDate(pursuableInvoices(dossier).map((inv) => inv.prescriptionDate));
}

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
