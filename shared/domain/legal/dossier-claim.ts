import type { LocalDate } from '../calendar';
import type { Dossier, DossierPayment } from '../dossier';
import { judicialClaimEvents } from '../judicial/court-title';
import type { DebtorType, Invoice } from '../parties';
import type { TimelineEvent } from '../timeline';
import { type ClaimInput, parseClaimInput } from './claim-input';
import { type ClaimStatement, claimStatement } from './claim-statement';
import { computePrescription, type PrescriptionEvent, type PrescriptionOutcome } from './prescription';
import { DEFAULT_RATES, type RateTable } from './rates';
import {
  legalEventsForInvoices,
  legalEventsFromTimeline,
  legalEventsOfInvoice,
} from './timeline-legal-events';

/**
 * The bridge between the pipeline's dossier and the legal engine, for the formal notice
 * (amounts with interest and indemnity) and the prescription sweep (deadline with events).
 * Pure: the caller loads the dossier and its timeline.
 */

/** Legal events the timeline does not record yet (acknowledgments, court events), given by the caller. */
export type LegalEvent = ClaimInput['events'][number];

/**
 * Payments before the dossier kept its own list (`dossier.payments`), as the timeline recorded
 * them: a payment on exactly one invoice is imputed to it, otherwise by the default order
 * (C.civ. 1342-10). Without dated payments, what the dossier says is paid counts as paid on the
 * due date: it may understate interest, never overstate what the debtor owes.
 */
export function legacyPayments(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  asOf: LocalDate,
): DossierPayment[] {
  const fromTimeline = timeline
    .filter((e) => e.type === 'payment-received' && (e.amountCents ?? 0) > 0)
    .map((e) => ({
      paymentId: e.eventId.split('#PAY#')[1] ?? e.eventId,
      date: e.day,
      amountCents: e.amountCents!,
      currency: 'EUR' as const,
      ...(e.invoiceNumbers?.length === 1 ? { invoice: e.invoiceNumbers[0]! } : {}),
      receivedAt: e.at,
    }));
  if (fromTimeline.length > 0) return fromTimeline;
  return dossier.invoices
    .filter((inv) => inv.paidCents > 0)
    .map((inv) => ({
      paymentId: `paid-before-${inv.number}`,
      date: inv.dueDate < asOf ? inv.dueDate : asOf,
      amountCents: inv.paidCents,
      currency: inv.currency,
      invoice: inv.number,
      receivedAt: dossier.updatedAt,
    }));
}

/**
 * An invoice settled on its own while the ladder runs (a dispute upheld down to what was paid on
 * it, a credit note for the rest) keeps what the payments paid on it (`paidCents`): that money
 * is not imputed again to the other invoices. Taken off the open payments, those designating it
 * first, then the oldest. A closing settles its payments with its invoices (same day): what was
 * settled on or before the last closing is that ladder's, nothing to take. Found by the lifecycle
 * properties: a cent kept on an upheld invoice was imputed to the other one too, and the next
 * payment was then "owed back" as a credit.
 */
export function withoutKept(dossier: Dossier, open: readonly DossierPayment[]): DossierPayment[] {
  // A dossier from before payments were kept on it: its settled invoices are not known to be ours.
  if (!dossier.payments) return [...open];
  // Only since the last closing: an earlier ladder's payments were settled with it.
  const lastClosing = dossier.payments.reduce<string>((last, p) => {
    return p.settledOn && p.settledOn > last ? p.settledOn : last;
  }, '');
  const kept = dossier.invoices.filter(
    (inv) => inv.settledOn && inv.paidCents > 0 && inv.settledOn > lastClosing,
  );
  if (kept.length === 0) return [...open];
  const left = open.map((p) => ({ ...p }));
  for (const invoice of kept) {
    let toTake = invoice.paidCents;
    const order = [...left].sort(
      (a, b) =>
        Number(b.invoice === invoice.number) - Number(a.invoice === invoice.number) ||
        a.date.localeCompare(b.date),
    );
    for (const payment of order) {
      const take = Math.min(toTake, payment.amountCents);
      payment.amountCents -= take;
      toTake -= take;
    }
  }
  return left.filter((p) => p.amountCents > 0);
}

/**
 * The engine's input for a dossier. Invoices and payments a closing settled (`settledOn`) are
 * left out: that ladder is over. Payments come from the dossier's own list, imputed by the engine
 * (docs/legal.md §13); only a formal notice actually sent (not a 'pending' claim of the side
 * effect) makes legal interest run. Needs at least one unsettled invoice.
 */
export function claimInputFromDossier(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  asOf: LocalDate,
  legalEvents: readonly LegalEvent[] = [],
): ClaimInput {
  const invoices = dossier.invoices.filter((inv) => !inv.settledOn);
  const numbers = new Set(invoices.map((inv) => inv.number));
  const payments = withoutKept(
    dossier,
    (dossier.payments ?? legacyPayments(dossier, timeline, asOf)).filter(
      (p) => !p.settledOn && p.date <= asOf,
    ),
  ).map((p) => ({
    date: p.date,
    amountCents: p.amountCents,
    ...(p.invoice && numbers.has(p.invoice) ? { invoice: p.invoice } : {}),
  }));
  const notices = timeline
    .filter((e) => e.type === 'action-sent' && e.template === 'formal-notice' && e.state !== 'pending')
    .map((e) => ({ type: 'formal-notice' as const, date: e.day }));
  const address = dossier.debtor.address;
  return parseClaimInput({
    asOf,
    creditor: { type: dossier.creditorType },
    debtor: {
      type: dossier.debtor.type,
      country: address.country,
      postalCode: address.postalCode,
      city: address.city,
    },
    nature: dossier.invoices[0]?.nature,
    invoices: invoices.map((inv) => ({
      number: inv.number,
      amountCents: inv.amountCents,
      currency: inv.currency,
      issueDate: inv.issueDate,
      dueDate: inv.dueDate,
      ...(inv.performanceDate ? { performanceDate: inv.performanceDate } : {}),
    })),
    payments,
    // Once a title is enforceable: the legal rate, +5 points two months on (CMF L313-3; court-events.ts).
    events: [
      ...notices,
      ...judicialClaimEvents(dossier.judicial),
      // Acknowledgments and mediations recorded on the timeline (C.civ. 2240, 2238).
      ...legalEventsForInvoices(legalEventsFromTimeline(timeline), numbers),
      ...legalEvents,
    ],
    disputed: dossier.status === 'disputed',
  });
}

/** What the dossier is worth on `asOf`: the figures a formal notice must state, invoice by invoice. */
export function dossierClaimStatement(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  asOf: LocalDate,
  options: { legalEvents?: readonly LegalEvent[]; rates?: RateTable } = {},
): ClaimStatement {
  return claimStatement(
    claimInputFromDossier(dossier, timeline, asOf, options.legalEvents),
    options.rates ?? DEFAULT_RATES,
  );
}

/**
 * One invoice's prescription for the sweep: its deadline given what happened, whether it is
 * reached, and the chain to record. Payments on the invoice (from the timeline) are
 * acknowledgments (C.civ. 2240); formal notices are passed through and have no effect.
 */
export function invoicePrescription(
  invoice: Invoice,
  debtorType: DebtorType,
  timeline: readonly TimelineEvent[],
  asOf: LocalDate,
  legalEvents: readonly PrescriptionEvent[] = [],
): PrescriptionOutcome {
  const fromTimeline: PrescriptionEvent[] = timeline.flatMap((e): PrescriptionEvent[] => {
    if (e.type === 'payment-received' && e.invoiceNumbers?.includes(invoice.number)) {
      return [{ type: 'partial-payment', date: e.day }];
    }
    if (e.type === 'action-sent' && e.template === 'formal-notice' && e.state !== 'pending') {
      return [{ type: 'formal-notice', date: e.day }];
    }
    return [];
  });
  // Acknowledgments (C.civ. 2240) and mediations (C.civ. 2238) recorded through the API or a file.
  fromTimeline.push(...legalEventsOfInvoice(legalEventsFromTimeline(timeline), invoice.number));
  return computePrescription({
    nature: invoice.nature,
    debtorType,
    dueDate: invoice.dueDate,
    issueDate: invoice.issueDate,
    ...(invoice.performanceDate ? { performanceDate: invoice.performanceDate } : {}),
    events: [...fromTimeline, ...legalEvents],
    asOf,
  });
}
