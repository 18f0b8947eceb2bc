import type { LocalDate } from './calendar';
import { type Dossier, outstandingCents, owedInvoices } from './dossier';
import { sumCents } from './money';
import type { EventSource } from './timeline';

/**
 * How a dossier ended otherwise than by the ladder (docs/data-model.md, "Closure and reopening"):
 * - paid: the creditor was paid outside the pipeline (cash, a cheque at the counter);
 * - settled: an agreement for less (a transaction, C.civ. 2044): the debtor paid `agreedCents`
 *   (recorded as payments first), the principal still owed is waived (remise de dette, C.civ. 1350);
 * - written-off: the creditor gives up (a reason is required: insolvent, unreachable, too small);
 * - cancelled: every disputed invoice was upheld, nothing is claimed any more;
 * - judicial: transferred to the judicial path before the ladder's end (the judicial review).
 */
export const CLOSURE_KINDS = ['paid', 'settled', 'written-off', 'judicial'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number] | 'cancelled';

export interface DossierClosure {
  closureId: string;
  kind: ClosureKind;
  on: LocalDate;
  reason?: string;
  /** settled: what the agreement had the debtor pay (received), and the principal it waives. */
  agreedCents?: number;
  waivedCents?: number;
  /** The principal still owed when it closed (time-barred invoices left out). */
  owedCents: number;
  source: EventSource;
}

/** Statuses a closure may end (a paid dossier is over already; a closed one closes once). */
export function closable(dossier: Dossier): boolean {
  return dossier.status === 'open' || dossier.status === 'disputed' || dossier.status === 'judicial';
}

/** Received on the current ladder (payments no closing settled yet): what a settlement's debtor paid. */
export function receivedCents(dossier: Dossier): number {
  return sumCents((dossier.payments ?? []).filter((p) => !p.settledOn).map((p) => p.amountCents));
}

/** The principal still owed, disputed invoices included: what a settlement or a write-off gives up. */
export function owedPrincipalCents(dossier: Dossier): number {
  return sumCents(
    owedInvoices(dossier)
      .filter((inv) => !inv.settledOn)
      .map(outstandingCents),
  );
}

/**
 * The dossier once closed: off both sweeps, and every invoice and payment of the ladder settled on
 * the closing day, so that the legal engine no longer computes on them and a new invoice opens a
 * fresh ladder (debtor-intake.ts). Pure; `judicial` is not handled here (the review decides).
 */
export function closedDossier(dossier: Dossier, closure: DossierClosure, at: string): Dossier {
  const { nextActionOn: _n, nextPrescriptionCheckOn: _p, resumeAfter: _r, ...rest } = dossier;
  return {
    ...rest,
    status: closure.kind === 'paid' ? 'paid' : 'closed',
    closure,
    invoices: dossier.invoices.map((inv) => (inv.settledOn ? inv : { ...inv, settledOn: closure.on })),
    ...(dossier.payments
      ? { payments: dossier.payments.map((p) => (p.settledOn ? p : { ...p, settledOn: closure.on })) }
      : {}),
    updatedAt: at,
  };
}
