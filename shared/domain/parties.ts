import type { LocalDate } from './calendar';
import type { EInvoiceRecord } from './e-invoice-record';

/** Who owes: the debtor type drives fees (40 EUR indemnity), prescription (L218-2) and the court. */
export type DebtorType = 'professional' | 'consumer' | 'non-professional-legal-person';
export type CreditorType = 'professional' | 'individual';

/** Nature of the claim (docs/legal.md §1): decides the limitation period and the competent court. */
export type ClaimNature =
  | 'commercial'
  | 'civil'
  | 'consumer'
  | 'residential-rent'
  | 'consumer-credit'
  | 'salary'
  | 'judgment';

export type Channel = 'email' | 'sms' | 'letter' | 'call';

export interface PostalAddress {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

/** Personal data lives only here (and in rendered documents): never log a Debtor. */
export interface Debtor {
  /** The creditor's own reference of its customer. */
  ref: string;
  type: DebtorType;
  name: string;
  email?: string;
  phone?: string;
  address: PostalAddress;
  /** A company's SIRENE identifier (9 digits), when the creditor knows it: court documents name it. */
  siren?: string;
  language: 'fr' | 'en';
  /** Channels the debtor refused (opt-out): never used again. */
  optOuts: Channel[];
  /** The debtor asked for a statement of open invoices on the first working day of each month. */
  statement?: 'monthly';
  /**
   * Channels known not to reach the debtor (a wrong number, a bounced address): skipped like an
   * opt-out, so the level falls back to the channels left, or to a letter.
   */
  failingChannels?: Channel[];
  /**
   * The debtor is in insolvency proceedings (recorded through POST /dossiers/{id}/insolvency):
   * individual actions stop (C.com. L622-21; over-indebtedness: C.conso L722-2), the claim is
   * declared to the mandataire instead (C.com. L622-24). The judicial review recommends write-off.
   */
  insolvency?: DebtorInsolvency;
}

export type InsolvencyKind = 'safeguard' | 'receivership' | 'liquidation' | 'over-indebtedness';

export interface DebtorInsolvency {
  kind: InsolvencyKind;
  /** Day the court opened the proceedings (the judgment, or the commission's admissibility decision). */
  openedOn: LocalDate;
  /** Day of the BODACC publication: the claim is declared within 2 months of it (C.com. R622-24). */
  publishedOn?: LocalDate;
}

export interface Invoice {
  number: string;
  amountCents: number;
  paidCents: number;
  currency: 'EUR';
  issueDate: LocalDate;
  dueDate: LocalDate;
  /** Delivery or performance date: starts the consumer limitation period (C.conso L218-2). */
  performanceDate?: LocalDate;
  nature: ClaimNature;
  /** Last day the claim can be pursued (computed at qualification). */
  prescriptionDate: LocalDate;
  /** Set by the prescription sweep once the limitation period has run out: never pursued again. */
  prescribed?: boolean;
  /**
   * Day a payment closed the dossier with this invoice in it (paid in full, or its accessories
   * waived): the legal engine no longer computes on it, so a later ladder never claims it again.
   */
  settledOn?: LocalDate;
  /** The invoice came as an electronic invoice (UBL, CII, Factur-X): what it keeps of it. */
  eInvoice?: EInvoiceRecord;
  /** Lifecycle statuses an e-invoicing platform reported and the pipeline applied, in order (CDAR codes). */
  lifecycle?: { code: number; date: LocalDate }[];
  /** The amount before a dispute reduced or cancelled it (docs/data-model.md, "Disputes"). */
  originalAmountCents?: number;
}
