import { addYears, type LocalDate, maxDate } from './calendar';
import { type Dossier, owedInvoices } from './dossier';
import type { JudicialStage } from './judicial/judicial-state';
import type { Debtor } from './parties';
import type { TimelineEvent } from './timeline';

/**
 * The debtor's personal data and what the GDPR lets the creditor keep of it (docs/personal-data.md).
 * Pure: the use cases (shared/use-cases/personal-data) read and write, this decides.
 */

/** What an erased name or address line reads as: a letter can never be sent with it. */
export const ERASED = '[effacé]';

/** Default retention after closure: the 5-year civil limitation period (C.civ. 2224), docs/personal-data.md. */
export const DEFAULT_RETENTION_YEARS = 5;

/** Accounting documents (invoices) are kept 10 years (C.com. L123-22), whatever the debtor asks. */
export const ACCOUNTING_RETENTION_YEARS = 10;

export type ErasureReason = 'request' | 'retention';

/** Marks an erased dossier: the retention sweep skips it, an erasure request changes nothing more. */
export interface PersonalDataErasure {
  on: LocalDate;
  reason: ErasureReason;
}

/**
 * Court stages during which the data are needed for a legal claim (RGPD art. 17(3)(e)): the
 * creditor refuses erasure until the proceedings end (a procedure pending, or a title being enforced).
 */
const PROCEEDINGS: ReadonlySet<JudicialStage> = new Set<JudicialStage>([
  'lawyer',
  'request-filed',
  'order-issued',
  'order-served',
  'opposition',
  'enforceable',
  'enforcement',
  'small-claims-invited',
  'small-claims-agreed',
  'european-order-filed',
]);

/**
 * Why the personal data of this dossier cannot be erased now, or undefined when they can.
 * A claim still pursued (open, disputed) or in court keeps its data: RGPD art. 17(3)(e)
 * (establishment, exercise or defence of legal claims). Closed, paid and time-barred dossiers can be erased.
 */
export function erasureRefusal(dossier: Dossier): string | undefined {
  if (dossier.judicial && PROCEEDINGS.has(dossier.judicial.stage))
    return `court proceedings are under way (stage ${dossier.judicial.stage}): the data are kept until they end (RGPD art. 17(3)(e))`;
  if (dossier.status === 'open' || dossier.status === 'disputed' || dossier.status === 'judicial')
    return `the claim is still pursued (status ${dossier.status}): close the dossier first (RGPD art. 17(3)(e))`;
  return undefined;
}

/**
 * The debtor without name, contact details or address. Kept: the ref's role is taken by the
 * dossier id, the type (it decides the claim's law), the language, opt-outs (never contact again),
 * the country (the competent court), and a legal person's SIREN (not personal data, RGPD recital 14).
 */
export function anonymisedDebtor(debtor: Debtor): Debtor {
  const legalPerson = debtor.type !== 'consumer';
  return {
    ref: ERASED,
    type: debtor.type,
    name: ERASED,
    address: { line1: ERASED, postalCode: '', city: '', country: debtor.address.country },
    ...(legalPerson && debtor.siren ? { siren: debtor.siren } : {}),
    language: debtor.language,
    optOuts: debtor.optOuts,
    ...(debtor.insolvency ? { insolvency: debtor.insolvency } : {}),
  };
}

/** The dossier with its personal data erased: invoices, payments, amounts and dates untouched. */
export function erasedDossier(dossier: Dossier, erasure: PersonalDataErasure): Dossier {
  return { ...dossier, debtor: anonymisedDebtor(dossier.debtor), personalDataErased: erasure };
}

/** A timeline event without free text (an agent's or creditor's note may quote the debtor). */
export function erasedEvent(event: TimelineEvent): TimelineEvent {
  const { note: _note, ...rest } = event;
  return rest;
}

/** Whether an event still carries personal data erasure removes. */
export function eventHasPersonalData(event: TimelineEvent): boolean {
  return event.note !== undefined;
}

/** A document the erasure keeps, with the obligation that keeps it. */
export interface DocumentHold {
  reason: string;
  articles: string[];
}

export type DocumentKind =
  | 'formal-notice'
  | 'letter'
  | 'email'
  | 'statement'
  | 'court-file'
  | 'invoice'
  | 'other';

/** Whether the claim can still be enforced: an unpaid invoice not time-barred (C.civ. 2224, L218-2). */
function claimEnforceable(dossier: Dossier, today: LocalDate): boolean {
  return owedInvoices(dossier).some((inv) => inv.prescriptionDate >= today);
}

/** An enforceable title (an order with the formula, a judgment) is enforced for 10 years (CPCE L111-4). */
function titleHeld(dossier: Dossier): boolean {
  const stage = dossier.judicial?.stage;
  return (
    stage === 'enforceable' || stage === 'enforcement' || !!dossier.judicial?.events['enforceable-formula']
  );
}

/**
 * Whether a document must be kept despite the erasure, and why (docs/personal-data.md, "Legal holds").
 * - invoices (the e-invoice received): accounting documents, 10 years (C.com. L123-22; RGPD art. 17(3)(b));
 * - the formal notice: proof the debtor was put on notice (C.civ. 1344, 1231-6), while the claim
 *   can be enforced (RGPD art. 17(3)(e));
 * - the court file: while the claim or a title can be enforced (CPCE L111-4; RGPD art. 17(3)(e)).
 * Reminders, e-mails, SMS evidence and statements are deleted.
 */
export function documentHold(
  kind: DocumentKind,
  dossier: Dossier,
  today: LocalDate,
  issuedOn?: LocalDate,
): DocumentHold | undefined {
  if (kind === 'invoice') {
    const until = issuedOn ? addYears(issuedOn, ACCOUNTING_RETENTION_YEARS) : undefined;
    if (!until || until >= today)
      return {
        reason: `accounting document kept 10 years${until ? ` (until ${until})` : ''}`,
        articles: ['C.com. L123-22', 'RGPD art. 17(3)(b)'],
      };
    return undefined;
  }
  if (kind === 'formal-notice' && claimEnforceable(dossier, today))
    return {
      reason: 'proof of the formal notice while the claim can be enforced',
      articles: ['C.civ. 1344', 'C.civ. 2224', 'RGPD art. 17(3)(e)'],
    };
  if (kind === 'court-file' && (claimEnforceable(dossier, today) || titleHeld(dossier)))
    return {
      reason: 'court file while the claim or its title can be enforced',
      articles: ['CPCE L111-4', 'RGPD art. 17(3)(e)'],
    };
  return undefined;
}

/**
 * The day a dossier ended, when it has: closed (its closure), paid (the last settled payment or
 * invoice), time-barred (the last prescription date). Undefined while it is pursued or in court.
 */
export function endedOn(dossier: Dossier): LocalDate | undefined {
  if (dossier.status === 'closed') return dossier.closure?.on ?? dossier.updatedAt.slice(0, 10);
  if (dossier.status === 'paid') {
    const settled = [
      ...(dossier.payments ?? []).flatMap((p) => (p.settledOn ? [p.settledOn] : [])),
      ...dossier.invoices.flatMap((inv) => (inv.settledOn ? [inv.settledOn] : [])),
    ];
    return maxDate(settled) ?? dossier.updatedAt.slice(0, 10);
  }
  if (dossier.status === 'prescribed') return maxDate(dossier.invoices.map((inv) => inv.prescriptionDate));
  return undefined;
}

/**
 * Whether the retention sweep erases this dossier today: ended more than `years` ago
 * (RGPD art. 5(1)(e), storage limitation; default 5 years, C.civ. 2224), not erased yet, no proceedings.
 */
export function pastRetention(dossier: Dossier, today: LocalDate, years: number): boolean {
  const ended = endedOn(dossier);
  if (ended === undefined || erasureRefusal(dossier)) return false;
  // Erased once, then reopened by new invoices and ended again: the new data are erased in turn.
  if (dossier.personalDataErased && dossier.personalDataErased.on >= ended) return false;
  return addYears(ended, years) < today;
}
