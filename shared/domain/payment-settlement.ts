import { type LocalDate, minDate, parisDate } from './calendar';
import type { Dossier, DossierPayment, PaymentImputationRecord } from './dossier';
import { ConflictError, UnprocessableError, ValidationError } from './errors';
import { type DossierBalance, dossierBalance } from './legal/dossier-balance';
import { legacyPayments } from './legal/dossier-claim';
import type { RateTable } from './legal/rates';
import type { TimelineEvent } from './timeline';

/**
 * What one payment does to a dossier (docs/legal.md §13). Pure: the caller loads the dossier,
 * its timeline and the tenant's policy, and writes the result with a conditional write.
 *
 * - The payment joins the dossier's list; the legal engine imputes the list (C.civ. 1342-10,
 *   1343-1) and the invoices' `paidCents` mirror the principal it paid.
 * - The dossier closes ('paid') when everything claimed is paid (principal, interest or
 *   penalties, indemnities), or, when the creditor's policy waives the accessories, once the
 *   payments cover the principal: the accessories still due are then waived (C.civ. 1350).
 * - What exceeds everything owed, and any payment on a closed dossier, is kept as a credit owed
 *   back to the debtor (C.civ. 1302-1): never dropped.
 */

export interface PaymentPolicy {
  /**
   * Close the dossier once the payments cover the principal, waiving interest, penalties and
   * indemnities still due. Default true: most creditors stop on principal paid in the amicable
   * phase, where pursuing a few euros of penalties costs more than it brings and the customer.
   */
  waiveAccessoriesWhenPrincipalPaid: boolean;
}

export const DEFAULT_PAYMENT_POLICY: PaymentPolicy = { waiveAccessoriesWhenPrincipalPaid: true };

export interface IncomingPayment {
  paymentId: string;
  date: LocalDate;
  amountCents: number;
  /** ISO 4217; absent: the dossier's. */
  currency?: string | undefined;
  invoice?: string | undefined;
}

export type PaymentResult =
  | { kind: 'duplicate'; record: DossierPayment | undefined }
  | {
      kind: 'recorded';
      dossier: Dossier;
      record: DossierPayment & { imputation: PaymentImputationRecord; settledOn?: LocalDate };
      /** Everything claimed still due today (what a formal notice would claim), 0 once paid. */
      outstandingCents: number;
    };

export function settlePayment(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  payment: IncomingPayment,
  context: { receivedAt: string; policy: PaymentPolicy; rates?: RateTable | undefined },
): PaymentResult {
  const today = parisDate(context.receivedAt);
  const currency = dossier.invoices[0]?.currency ?? 'EUR';
  const known = dossier.payments?.find((p) => p.paymentId === payment.paymentId);
  if (known) {
    const same =
      known.date === payment.date &&
      known.amountCents === payment.amountCents &&
      known.currency === (payment.currency ?? currency) &&
      known.invoice === payment.invoice;
    if (!same)
      throw new ConflictError(
        `payment ${payment.paymentId} was recorded with another date, amount, currency or invoice`,
      );
    return { kind: 'duplicate', record: known };
  }
  // Recorded before the dossier kept its payments: the content is not known, only the id.
  if (!dossier.payments && dossier.appliedPaymentIds?.includes(payment.paymentId))
    return { kind: 'duplicate', record: undefined };
  checkPayment(dossier, payment, currency, today);

  const payments = dossier.payments ?? legacyPayments(dossier, timeline, today);
  const record: DossierPayment = {
    paymentId: payment.paymentId,
    date: payment.date,
    amountCents: payment.amountCents,
    currency,
    ...(payment.invoice ? { invoice: payment.invoice } : {}),
    receivedAt: context.receivedAt,
  };
  const base: Dossier = { ...dossier, payments, updatedAt: context.receivedAt };
  if (dossier.status === 'paid' || dossier.invoices.every((inv) => inv.settledOn)) {
    // Nothing is claimed any more: all of it is owed back.
    const imputation = imputationOf({ appliedCents: 0, creditCents: payment.amountCents, invoices: [] });
    return {
      kind: 'recorded',
      dossier: {
        ...base,
        payments: [...payments, { ...record, settledOn: today, imputation }],
        creditCents: (dossier.creditCents ?? 0) + payment.amountCents,
      },
      record: { ...record, settledOn: today, imputation },
      outstandingCents: 0,
    };
  }

  const before = dossierBalance(base, timeline, today, context.rates);
  const withPayment: Dossier = { ...base, payments: [...payments, record] };
  const after = dossierBalance(withPayment, timeline, today, context.rates);
  const reached = after.invoices
    .filter(
      (inv) => inv.imputedCents > (before.invoices.find((b) => b.number === inv.number)?.imputedCents ?? 0),
    )
    .map((inv) => inv.number);
  const principalCovered = after.receivedCents >= after.principalCents;
  if (after.allPaid || (context.policy.waiveAccessoriesWhenPrincipalPaid && principalCovered)) {
    const closing = closingAmounts(after);
    const creditCents = Math.min(closing.creditCents, payment.amountCents);
    const imputation = imputationOf({
      appliedCents: payment.amountCents - creditCents,
      creditCents,
      invoices: reached,
      closed: true,
      waivedInterestCents: closing.waivedInterestCents,
      waivedIndemnityCents: closing.waivedIndemnityCents,
    });
    const closed = { ...record, settledOn: today, imputation };
    const { nextActionOn: _next, ...rest } = withPayment;
    return {
      kind: 'recorded',
      dossier: {
        ...rest,
        status: 'paid',
        // The creditor took the payments on the principal: every invoice of this ladder is paid.
        invoices: dossier.invoices.map((inv) =>
          inv.settledOn ? inv : { ...inv, paidCents: inv.amountCents, settledOn: today },
        ),
        payments: [...payments.map((p) => (p.settledOn ? p : { ...p, settledOn: today })), closed],
        creditCents: (dossier.creditCents ?? 0) + closing.creditCents,
      },
      record: closed,
      outstandingCents: 0,
    };
  }
  const principalDue = new Map(after.invoices.map((inv) => [inv.number, inv.principalDueCents]));
  const applied = Math.min(payment.amountCents, Math.max(0, after.imputedCents - before.imputedCents));
  const imputation = imputationOf({ appliedCents: applied, creditCents: 0, invoices: reached });
  return {
    kind: 'recorded',
    dossier: {
      ...withPayment,
      invoices: dossier.invoices.map((inv) =>
        inv.settledOn ? inv : { ...inv, paidCents: inv.amountCents - (principalDue.get(inv.number) ?? 0) },
      ),
      payments: [...payments, { ...record, imputation }],
    },
    record: { ...record, imputation },
    outstandingCents: after.totalDueCents,
  };
}

/** Refusals that name the field: the currency (C.civ. 1343-3: euros), then the date and invoice. */
function checkPayment(dossier: Dossier, payment: IncomingPayment, currency: string, today: LocalDate) {
  if ((payment.currency ?? currency) !== currency)
    throw new UnprocessableError('currency', `the dossier is in ${currency}, not ${payment.currency}`);
  if (payment.date > today)
    throw new ValidationError(
      'date',
      `after today (${today}, Europe/Paris): a payment is recorded once received`,
    );
  const oldestIssue = minDate(dossier.invoices.map((inv) => inv.issueDate));
  if (oldestIssue && payment.date < oldestIssue)
    throw new ValidationError('date', `before the oldest invoice of the dossier was issued (${oldestIssue})`);
  if (payment.invoice && !dossier.invoices.some((inv) => inv.number === payment.invoice))
    throw new ValidationError('invoice', `the dossier has no invoice ${payment.invoice}`);
}

/**
 * At a closing, what is kept as credit and what is waived. Everything paid: the engine's leftover
 * is the credit. Waived accessories: the creditor takes the payments on principal first, the rest
 * on interest and penalties, then indemnities (the order of C.civ. 1343-1), and waives what they
 * do not cover.
 */
function closingAmounts(after: DossierBalance) {
  if (after.allPaid)
    return { creditCents: after.unimputedCents, waivedInterestCents: 0, waivedIndemnityCents: 0 };
  const accessoriesPaid = after.receivedCents - after.principalCents;
  const toInterest = Math.min(after.interestAccruedCents, accessoriesPaid);
  const toIndemnity = Math.min(after.indemnityOwedCents, accessoriesPaid - toInterest);
  return {
    creditCents: accessoriesPaid - toInterest - toIndemnity,
    waivedInterestCents: after.interestAccruedCents - toInterest,
    waivedIndemnityCents: after.indemnityOwedCents - toIndemnity,
  };
}

function imputationOf(
  parts: Pick<PaymentImputationRecord, 'appliedCents' | 'creditCents' | 'invoices'> &
    Partial<PaymentImputationRecord>,
): PaymentImputationRecord {
  return { closed: false, waivedInterestCents: 0, waivedIndemnityCents: 0, ...parts };
}

export function waivedCents(imputation: PaymentImputationRecord | undefined): number {
  return (imputation?.waivedInterestCents ?? 0) + (imputation?.waivedIndemnityCents ?? 0);
}
