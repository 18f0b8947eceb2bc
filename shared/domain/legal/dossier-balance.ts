import type { LocalDate } from '../calendar';
import type { Dossier } from '../dossier';
import { sumCents } from '../money';
import type { TimelineEvent } from '../timeline';
import { dossierClaimStatement, legacyPayments, withoutKept } from './dossier-claim';
import type { RateTable } from './rates';

/**
 * What a dossier's payments paid and what is still owed on a day, as the legal engine imputes
 * them (docs/legal.md §13): to the invoice the debtor designated, else the oldest due first
 * (C.civ. 1342-10), and within an invoice to interest and penalties before principal
 * (C.civ. 1343-1), then the recovery indemnity. The payment recorder, the formal notice and the
 * `claim` calculator all go through the same engine (claimStatement), so they agree on every cent.
 * Only what the current ladder holds counts: invoices and payments a closing settled are left out.
 */

export interface InvoiceBalance {
  number: string;
  principalCents: number;
  principalDueCents: number;
  /** Everything imputed to the invoice (principal, interest, indemnity). */
  imputedCents: number;
}

export interface DossierBalance {
  asOf: LocalDate;
  /** Open (unsettled) payments dated up to asOf. */
  receivedCents: number;
  /** Of which imputed to a debt; the rest exceeds everything due. */
  imputedCents: number;
  unimputedCents: number;
  /** Principal of the open invoices, time-barred ones included. */
  principalCents: number;
  /** Interest and penalties accrued to asOf, and indemnities owed, paid or not. */
  interestAccruedCents: number;
  indemnityOwedCents: number;
  /** What is claimed (time-barred invoices left out): the formal notice's totals. */
  principalDueCents: number;
  interestDueCents: number;
  indemnityDueCents: number;
  totalDueCents: number;
  /** Nothing left on any open invoice, time-barred ones included. */
  allPaid: boolean;
  invoices: InvoiceBalance[];
}

export function dossierBalance(
  dossier: Dossier,
  timeline: readonly TimelineEvent[],
  asOf: LocalDate,
  rates?: RateTable,
): DossierBalance {
  // Less what invoices settled on their own kept (withoutKept): that money is neither imputed nor a credit.
  const receivedCents = sumCents(
    withoutKept(
      dossier,
      (dossier.payments ?? legacyPayments(dossier, timeline, asOf)).filter(
        (p) => !p.settledOn && p.date <= asOf,
      ),
    ).map((p) => p.amountCents),
  );
  if (dossier.invoices.every((inv) => inv.settledOn)) return emptyBalance(asOf, receivedCents);
  const statement = dossierClaimStatement(dossier, timeline, asOf, rates ? { rates } : {});
  const invoices = statement.invoices.map((s) => ({
    number: s.number,
    principalCents: s.principalCents,
    principalDueCents: s.principalDueCents,
    imputedCents: s.paidCents,
  }));
  const imputedCents = sumCents(invoices.map((i) => i.imputedCents));
  return {
    asOf,
    receivedCents,
    imputedCents,
    unimputedCents: Math.max(0, receivedCents - imputedCents),
    principalCents: sumCents(invoices.map((i) => i.principalCents)),
    interestAccruedCents: sumCents(statement.invoices.map((s) => s.interestAccruedCents)),
    indemnityOwedCents: sumCents(
      statement.invoices.map((s) => s.indemnityCents + sumCents(s.payments.map((p) => p.toIndemnityCents))),
    ),
    principalDueCents: statement.totals.principalDueCents,
    interestDueCents: statement.totals.interestCents,
    indemnityDueCents: statement.totals.indemnityCents,
    totalDueCents: statement.totals.totalDueCents,
    allPaid: statement.invoices.every((s) => s.totalDueCents === 0),
    invoices,
  };
}

function emptyBalance(asOf: LocalDate, receivedCents: number): DossierBalance {
  return {
    asOf,
    receivedCents,
    imputedCents: 0,
    unimputedCents: receivedCents,
    principalCents: 0,
    interestAccruedCents: 0,
    indemnityOwedCents: 0,
    principalDueCents: 0,
    interestDueCents: 0,
    indemnityDueCents: 0,
    totalDueCents: 0,
    allPaid: true,
    invoices: [],
  };
}
