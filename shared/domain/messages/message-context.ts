import type { LocalDate } from '../calendar';
import { disputedOwedNumbers } from '../disputes';
import { type Dossier, outstandingCents, pursuableInvoices } from '../dossier';
import { sumCents } from '../money';

export interface InvoiceLine {
  number: string;
  issueDate: LocalDate;
  dueDate: LocalDate;
  outstandingCents: number;
}

/** What the legal engine says one invoice is worth today (formal notice only). */
export interface ClaimLine {
  number: string;
  dueDate: LocalDate;
  principalDueCents: number;
  interestCents: number;
  indemnityCents: number;
  totalDueCents: number;
}

export interface ClaimFigures {
  lines: ClaimLine[];
  principalDueCents: number;
  interestCents: number;
  indemnityCents: number;
  totalDueCents: number;
  /** L441-10 regime (penalties + 40 EUR indemnity) rather than legal-rate interest. */
  betweenProfessionals: boolean;
  /** The fixed recovery indemnity in force (C.com. D441-5, dated data): the notice quotes it. */
  indemnityPerInvoiceCents: number;
  /**
   * Set only when a half-year's rate is not published yet: interest stops that day and the
   * message says "intérêts arrêtés au …, sauf à parfaire" (docs/legal.md §2, "Rates").
   */
  interestComputedThrough?: LocalDate;
  missingRatePeriods?: string[];
}

/** Everything a template may show; built once per action, never logged (it holds personal data). */
export interface MessageContext {
  language: 'fr' | 'en';
  creditorName: string;
  creditorEmail: string;
  debtorName: string;
  reference: string;
  day: LocalDate;
  invoices: InvoiceLine[];
  totalCents: number;
  /**
   * Formal notice: days the debtor has to pay, counted from receipt of the letter. The last
   * day is not known when the letter leaves (it depends on delivery), so no date is printed.
   */
  paymentDeadlineDays?: number;
  /** Formal notice: principal, interest and indemnity per invoice (shared/domain/legal). */
  claim?: ClaimFigures;
  /** Invoices left out because the debtor disputes them: the letter says so (letter-content.ts). */
  disputedInvoices?: string[];
}

export function buildMessageContext(
  dossier: Dossier,
  creditor: { name: string; email: string },
  day: LocalDate,
  paymentDeadlineDays?: number,
): MessageContext {
  const disputed = disputedOwedNumbers(dossier);
  // Grouping: one message lists every overdue (or soon due) invoice of the debtor.
  const invoices = pursuableInvoices(dossier)
    .map((inv) => ({
      number: inv.number,
      issueDate: inv.issueDate,
      dueDate: inv.dueDate,
      outstandingCents: outstandingCents(inv),
    }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return {
    language: dossier.debtor.language,
    creditorName: creditor.name,
    creditorEmail: creditor.email,
    debtorName: dossier.debtor.name,
    reference: dossier.dossierId,
    day,
    invoices,
    totalCents: sumCents(invoices.map((i) => i.outstandingCents)),
    ...(paymentDeadlineDays !== undefined ? { paymentDeadlineDays } : {}),
    ...(disputed.length > 0 ? { disputedInvoices: disputed } : {}),
  };
}
