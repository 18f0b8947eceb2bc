import type { LocalDate } from './calendar';

/**
 * What an invoice that came as an electronic invoice (UBL 2.1, UN/CEFACT CII, Factur-X) keeps of
 * it beside the intake fields: the amounts as written, the mentions the invoice itself carries
 * (C.com. L441-9: late-payment penalty rate and the 40 EUR recovery indemnity), the document the
 * court file lists as an exhibit, and the credit notes that reduced it.
 */
export interface EInvoiceRecord {
  syntax: 'ubl' | 'cii' | 'factur-x';
  /** BT-112, in cents. */
  totalWithVatCents: number;
  /** BT-115, in cents: what the invoice asked (the claim before credit notes). */
  amountDueCents: number;
  /** BT-20 as written. */
  paymentTerms?: string;
  /** The sentences of BT-20 / BT-22 stating the late-payment penalties and the recovery indemnity (C.com. L441-9 I). */
  mentions?: { latePenalty?: string; recoveryIndemnity?: string };
  /** The due date was not written (BT-9 absent): how it was derived from BT-20 or the law. */
  dueDateBasis?: string;
  /** BT-47 / BT-48 of the buyer, as written. */
  buyerIds?: { legalId?: string; vatId?: string };
  /** The invoice as received (the Factur-X PDF, or the XML), in the documents bucket. */
  document?: { key: string; sha256: string; contentType: string };
  /** Credit notes (BT-3 381, BT-25 → this invoice) already deducted from amountCents. */
  credits?: { number: string; amountCents: number; issueDate: LocalDate }[];
}
