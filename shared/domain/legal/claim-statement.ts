import { addDays, type LocalDate, minDate } from '../calendar';
import { sumCents } from '../money';
import type { ClaimNature } from '../parties';
import { defaultNature } from '../qualification';
import type { ClaimInput } from './claim-input';
import {
  type InterestSegment,
  InvoiceInterestAccount,
  interestTerms,
  isB2B,
  type PaymentImputation,
} from './interest';
import { checkPaymentTerms, type PaymentTermsFinding } from './payment-terms';
import { type ChainLink, computePrescription, type PrescriptionEvent } from './prescription';
import { type ProcedureRecommendation, type Reason, recommendProcedure } from './procedure';
import { DEFAULT_RATES, type HalfYear, type RateTable, recoveryIndemnityCents } from './rates';

/**
 * What a claim is worth on a given day, invoice by invoice, and what to do with it: the output
 * of the `claim` calculator, and the figures a formal notice or an injonction de payer request
 * states (CPC 1407 asks for the itemised calculation).
 *
 * Steps:
 * 1. decide the nature of the claim (given, or defaultNature from the parties);
 * 2. open one interest account per invoice (penalties or legal rate, indemnity if professional);
 * 3. take the payments in date order, each imputed to its invoice, else to the oldest due first
 *    (C.civ. 1342-10), and within an invoice to interest first (C.civ. 1343-1);
 * 4. settle every account on asOf;
 * 5. compute each invoice's prescription from the events and the payments (a payment acknowledges);
 * 6. total what is still claimable (time-barred invoices left out) and recommend a procedure.
 * A half-year the rate table lacks stops interest the day before it (interest.ts): the statement
 * gives that day and the half-years to add; principal and indemnity are claimed in full.
 */

export interface InvoiceStatement {
  number: string;
  principalCents: number;
  paidCents: number;
  principalDueCents: number;
  interestAccruedCents: number;
  interestPaidCents: number;
  /** Interest still due. */
  interestCents: number;
  indemnityCents: number;
  totalDueCents: number;
  prescriptionDate: LocalDate;
  prescribed: boolean;
  prescription: {
    kind: 'prescription' | 'foreclosure';
    suspended: boolean;
    courtClaimPending: boolean;
    chain: ChainLink[];
  };
  interest: { regime: string; runsFrom: LocalDate | null; segments: InterestSegment[] };
  payments: PaymentImputation[];
  paymentTerms: PaymentTermsFinding[];
  basis: Reason[];
}

export interface ClaimTotals {
  principalDueCents: number;
  interestCents: number;
  indemnityCents: number;
  totalDueCents: number;
}

export interface ClaimStatement {
  asOf: LocalDate;
  /** asOf, or the day before the first half-year without a published rate ("sauf à parfaire"). */
  interestComputedThrough: LocalDate;
  /** Half-years a rate is needed for and the table lacks (docs/legal.md §2, "Rates"). */
  missingRatePeriods: HalfYear[];
  nature: ClaimNature;
  invoices: InvoiceStatement[];
  /** Claimable: invoices not time-barred. */
  totals: ClaimTotals;
  /** Still unpaid but time-barred: shown, never claimed. */
  prescribedTotals: ClaimTotals;
  procedure: ProcedureRecommendation;
  warnings: string[];
}

export function claimStatement(input: ClaimInput, table: RateTable = DEFAULT_RATES): ClaimStatement {
  const nature = input.nature ?? defaultNature(input.creditor.type, input.debtor.type);
  const parties = { creditorType: input.creditor.type, debtorType: input.debtor.type, nature };
  const b2b = isB2B(parties);
  const warnings: string[] = [];
  const eventsOf = (number: string) =>
    input.events.filter((e) => e.date <= input.asOf && (!e.invoices || e.invoices.includes(number)));
  const firstEvent = (number: string, type: string) =>
    minDate(
      eventsOf(number)
        .filter((e) => e.type === type)
        .map((e) => e.date),
    );

  // Oldest due first: the default imputation order of C.civ. 1342-10.
  const invoices = [...input.invoices].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number),
  );
  const accounts = new Map(
    invoices.map((invoice) => {
      const formalNoticeDate = firstEvent(invoice.number, 'formal-notice');
      const judgmentDate = firstEvent(invoice.number, 'judgment');
      const terms = interestTerms({
        ...parties,
        dueDate: invoice.dueDate,
        ...(invoice.contractRatePercent !== undefined
          ? { contractRatePercent: invoice.contractRatePercent }
          : {}),
        ...(formalNoticeDate ? { formalNoticeDate } : {}),
        ...(judgmentDate ? { judgmentDate } : {}),
      });
      // C.com. L441-10 II, D441-5: professional debtors only; consumers never (CPCE L111-8).
      const indemnity = b2b ? recoveryIndemnityCents(addDays(invoice.dueDate, 1), table) : 0;
      const account = new InvoiceInterestAccount(
        invoice.amountCents,
        invoice.dueDate,
        terms,
        table,
        indemnity,
      );
      return [invoice.number, { invoice, terms, account, paymentEvents: [] as PrescriptionEvent[] }] as const;
    }),
  );

  const payments = input.payments
    .filter((p) => {
      if (p.date > input.asOf)
        warnings.push(`payment of ${p.amountCents} cents on ${p.date} is after asOf: ignored`);
      return p.date <= input.asOf;
    })
    .map((p, index) => ({ p, index }))
    .sort((a, b) => a.p.date.localeCompare(b.p.date) || a.index - b.index)
    .map(({ p }) => p);
  for (const payment of payments) {
    const order = [
      ...(payment.invoice ? [payment.invoice] : []),
      ...invoices.map((i) => i.number).filter((n) => n !== payment.invoice),
    ];
    let left = payment.amountCents;
    for (const number of order) {
      if (left === 0) break;
      const entry = accounts.get(number)!;
      const imputed = entry.account.pay(payment.date, left);
      if (imputed.leftoverCents < left)
        entry.paymentEvents.push({ type: 'partial-payment', date: payment.date });
      left = imputed.leftoverCents;
    }
    if (left > 0)
      warnings.push(`payment on ${payment.date}: ${left} cents exceed everything due (overpayment)`);
  }

  const statements = invoices.map((invoice): InvoiceStatement => {
    const { account, terms, paymentEvents } = accounts.get(invoice.number)!;
    account.settle(input.asOf);
    const prescription = computePrescription({
      nature,
      debtorType: input.debtor.type,
      dueDate: invoice.dueDate,
      issueDate: invoice.issueDate,
      ...(invoice.performanceDate ? { performanceDate: invoice.performanceDate } : {}),
      events: [...eventsOf(invoice.number), ...paymentEvents],
      asOf: input.asOf,
    });
    const paymentTerms = checkPaymentTerms({
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      ...(invoice.performanceDate ? { performanceDate: invoice.performanceDate } : {}),
      agreedTerms: invoice.agreedTerms ?? true,
      betweenProfessionals: b2b,
    }).findings;
    const paidCents = sumCents(
      account.imputations.map((i) => i.toInterestCents + i.toPrincipalCents + i.toIndemnityCents),
    );
    const interestCents = account.interestDueCents;
    const indemnityCents = account.indemnityDueCents;
    return {
      number: invoice.number,
      principalCents: invoice.amountCents,
      paidCents,
      principalDueCents: account.principalCents,
      interestAccruedCents: account.interestAccruedCents,
      interestPaidCents: account.interestPaidCents,
      interestCents,
      indemnityCents,
      totalDueCents: account.principalCents + interestCents + indemnityCents,
      prescriptionDate: prescription.deadline,
      prescribed: prescription.reached,
      prescription: {
        kind: prescription.kind,
        suspended: prescription.suspended,
        courtClaimPending: prescription.courtClaimPending,
        chain: prescription.chain,
      },
      interest: {
        regime: terms.regime,
        runsFrom: terms.startsAfter ? addDays(terms.startsAfter, 1) : null,
        segments: account.segments,
      },
      payments: account.imputations,
      paymentTerms,
      basis: basisOf({ b2b, terms, account, prescription, debtorType: input.debtor.type }),
    };
  });

  const all = [...accounts.values()].map((entry) => entry.account);
  const interestComputedThrough =
    minDate([input.asOf, ...all.flatMap((a) => a.interestComputedThrough ?? [])]) ?? input.asOf;
  const missingRatePeriods = [...new Set(all.flatMap((a) => a.missingRatePeriods))].sort();
  if (missingRatePeriods.length > 0)
    warnings.push(
      `interest computed to ${interestComputedThrough}, sauf à parfaire: no rate for ${missingRatePeriods.join(', ')} in the rate table (recouvrement rates add; docs/legal.md "Rates")`,
    );

  const live = statements.filter((s) => !s.prescribed);
  const barred = statements.filter((s) => s.prescribed && s.totalDueCents > 0);
  const totals = totalsOf(live);
  for (const s of barred)
    warnings.push(
      `invoice ${s.number} is time-barred since ${addDays(s.prescriptionDate, 1)}: excluded from the totals`,
    );
  for (const s of statements)
    for (const f of s.paymentTerms) warnings.push(`invoice ${s.number}: ${f.message} (${f.article})`);
  const procedure = recommendProcedure(
    {
      asOf: input.asOf,
      nature,
      debtorType: input.debtor.type,
      debtor: input.debtor,
      claimableCents: totals.principalDueCents + totals.interestCents,
      disputed: input.disputed,
      prescribed: barred.length > 0 && live.every((s) => s.totalDueCents === 0),
      ...(input.minimumCourtClaimCents !== undefined ? { minimumCents: input.minimumCourtClaimCents } : {}),
    },
    table,
  );
  return {
    asOf: input.asOf,
    interestComputedThrough,
    missingRatePeriods,
    nature,
    invoices: statements,
    totals,
    prescribedTotals: totalsOf(barred),
    procedure,
    warnings,
  };
}

function totalsOf(statements: readonly InvoiceStatement[]): ClaimTotals {
  return {
    principalDueCents: sumCents(statements.map((s) => s.principalDueCents)),
    interestCents: sumCents(statements.map((s) => s.interestCents)),
    indemnityCents: sumCents(statements.map((s) => s.indemnityCents)),
    totalDueCents: sumCents(statements.map((s) => s.totalDueCents)),
  };
}

function basisOf(facts: {
  b2b: boolean;
  terms: ReturnType<typeof interestTerms>;
  account: InvoiceInterestAccount;
  prescription: ReturnType<typeof computePrescription>;
  debtorType: string;
}): Reason[] {
  const reasons: Reason[] = [];
  const start = facts.prescription.chain[0];
  if (start)
    reasons.push({
      text: `limitation: ${start.note ?? ''}, last day ${facts.prescription.deadline}`,
      article: start.article,
    });
  for (const link of facts.prescription.chain.slice(1)) {
    reasons.push({
      text: `${link.date} ${link.event}: ${link.effect}${link.note ? ` — ${link.note}` : ''}`,
      article: link.article,
    });
  }
  const bases = new Map<string, string>();
  for (const segment of facts.account.segments) bases.set(segment.basis, segment.article);
  for (const [text, article] of bases) reasons.push({ text: `interest: ${text}`, article });
  if (facts.terms.startsAfter === undefined) {
    reasons.push({
      text: 'no interest yet: legal-rate interest runs only from a formal notice',
      article: 'C.civ. 1231-6, 1344-1',
    });
  }
  if (facts.b2b && facts.account.indemnityCents > 0) {
    reasons.push({
      text: 'fixed recovery indemnity, invoice paid late by a professional',
      article: 'C.com. L441-10 II, D441-5',
    });
  } else if (!facts.b2b) {
    reasons.push({
      text: `no recovery indemnity: the debtor (${facts.debtorType}) is not a professional; amicable collection costs stay with the creditor`,
      article: 'C.com. L441-10 II; CPCE L111-8',
    });
  }
  reasons.push({ text: 'payments imputed to interest first, then principal', article: 'C.civ. 1343-1' });
  return reasons;
}
