/**
 * The lifecycle statuses French e-invoicing platforms exchange (CDAR messages: UN/CEFACT Cross
 * Domain Acknowledgement and Response), as the DGFiP external specifications for the
 * generalisation of e-invoicing (CGI 289 bis; "Dossier de spécifications externes", annexe
 * "cycle de vie") and AFNOR XP Z12-012 list them. Four are mandatory (Déposée 200, Rejetée 213,
 * Refusée 210, Encaissée 212); the others are optional and a platform may not send them.
 *
 * Confidence in the numbers: high for the four mandatory ones and for 207/208/211 (they are in
 * every published version of the list); medium for 201–206, 209 and 214, whose labels moved
 * between versions of the specifications. A code not in this table is reported, never applied.
 *
 * What each does to a dossier (`effect`):
 * - dispute: the buyer contests (refused, disputed) → the dossier's pursuit stops for a human;
 * - pause: the invoice is on hold at the platform (suspended, rejected for non-conformity) → the
 *   dossier leaves the daily sweep until a person resumes it or a later status lifts the hold;
 * - resume: the hold is over (approved, completed) → a dossier paused by a status goes back;
 * - promise: the buyer says the payment left (paiement transmis) → the ladder holds a few days;
 * - payment: the seller cashed it (encaissée) → recorded as a payment (record-payment.ts);
 * - none: the invoice moves along the platforms; kept on the timeline only.
 */
export type StatusEffect = 'dispute' | 'pause' | 'resume' | 'promise' | 'payment' | 'none';

export interface CdarStatus {
  code: number;
  label: string;
  effect: StatusEffect;
  /** A status after which no other may follow (anything later is reported). */
  final?: boolean;
}

export const CDAR_STATUSES: readonly CdarStatus[] = [
  { code: 200, label: 'Déposée', effect: 'none' },
  { code: 201, label: 'Émise par la plateforme', effect: 'none' },
  { code: 202, label: 'Reçue par la plateforme', effect: 'none' },
  { code: 203, label: 'Mise à disposition', effect: 'none' },
  { code: 204, label: 'Prise en charge', effect: 'none' },
  { code: 205, label: 'Approuvée', effect: 'resume' },
  { code: 206, label: 'Approuvée partiellement', effect: 'resume' },
  { code: 207, label: 'En litige', effect: 'dispute' },
  { code: 208, label: 'Suspendue', effect: 'pause' },
  { code: 209, label: 'Complétée', effect: 'resume' },
  { code: 210, label: 'Refusée', effect: 'dispute' },
  { code: 211, label: 'Paiement transmis', effect: 'promise' },
  { code: 212, label: 'Encaissée', effect: 'payment', final: true },
  // Rejected by a platform for non-conformity: the invoice must be issued again; not the debtor's doing.
  { code: 213, label: 'Rejetée', effect: 'pause' },
  { code: 214, label: 'Visée', effect: 'none' },
];

const normalised = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();

/** A status from its code (`210`) or its French label (`Refusée`, `refusee`); undefined when unknown. */
export function cdarStatus(value: unknown): CdarStatus | undefined {
  if (typeof value === 'number') return CDAR_STATUSES.find((status) => status.code === value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{3}$/.test(text)) return CDAR_STATUSES.find((status) => status.code === Number(text));
  return CDAR_STATUSES.find((status) => normalised(status.label) === normalised(text));
}
