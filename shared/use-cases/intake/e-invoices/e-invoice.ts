/**
 * An electronic invoice as EN 16931 (the semantic model behind UBL 2.1, CII D16B and Factur-X)
 * defines it, reduced to what collection needs. Each field names its business term (BT-…): the
 * rejects report and the README use the same names, whatever the syntax the invoice came in.
 * Values are the document's own text; checking and conversion happen in e-invoice-row.ts.
 */
export type EInvoiceSyntax = 'ubl' | 'cii' | 'factur-x';

/** UNTDID 1001 document type codes: 380 commercial invoice, 381 credit note (BT-3). */
export type EInvoiceKind = 'invoice' | 'credit-note';

export interface EInvoiceParty {
  /** BT-27 (seller) / BT-44 (buyer): legal name. */
  name?: string;
  /** BT-46 buyer identifier (the seller's reference of its customer); BT-29 for the seller. */
  identifier?: string;
  /** BT-30 / BT-47: legal registration identifier, with its scheme (0002 SIREN, 0009 SIRET). */
  legalId?: { value: string; scheme?: string };
  /** BT-31 / BT-48: VAT identifier. */
  vatId?: string;
  /** BT-50..BT-55 for the buyer (BG-8): lines, city, postal code, subdivision, country. */
  address?: {
    line1?: string;
    line2?: string;
    line3?: string;
    city?: string;
    postalCode?: string;
    country?: string;
  };
  /** BT-56 contact point, BT-57 telephone, BT-58 e-mail (BG-9). */
  contact?: { name?: string; phone?: string; email?: string };
}

export interface EInvoice {
  syntax: EInvoiceSyntax;
  kind: EInvoiceKind;
  /** BT-3 as written. */
  typeCode?: string;
  /** BT-1 */
  number?: string;
  /** BT-2 (YYYY-MM-DD once read) */
  issueDate?: string;
  /** BT-9 */
  dueDate?: string;
  /** BT-5 */
  currency?: string;
  /** BT-20: payment terms as written (where French invoices carry the penalty and indemnity mentions). */
  paymentTerms?: string;
  /** BT-22 invoice notes (some issuers put the C.com. L441-10 mentions there). */
  notes: string[];
  /** BT-112 invoice total amount with VAT, as written (decimal with a dot). */
  totalWithVat?: string;
  /** BT-115 amount due for payment. */
  amountDue?: string;
  /** BT-25 preceding invoice reference(s): what a credit note corrects. */
  precedingInvoices: string[];
  seller: EInvoiceParty;
  buyer: EInvoiceParty;
}

/** The business terms a reject may name, with their EN 16931 labels. */
export const BUSINESS_TERMS = {
  'BT-1': 'invoice number',
  'BT-2': 'invoice issue date',
  'BT-3': 'invoice type code',
  'BT-5': 'invoice currency code',
  'BT-9': 'payment due date',
  'BT-20': 'payment terms',
  'BT-25': 'preceding invoice reference',
  'BT-27': 'seller name',
  'BT-30': 'seller legal registration identifier',
  'BT-44': 'buyer name',
  'BT-46': 'buyer identifier',
  'BT-47': 'buyer legal registration identifier',
  'BT-48': 'buyer VAT identifier',
  'BT-50': 'buyer address line 1',
  'BT-51': 'buyer address line 2',
  'BT-52': 'buyer city',
  'BT-53': 'buyer post code',
  'BT-55': 'buyer country code',
  'BT-57': 'buyer contact telephone number',
  'BT-58': 'buyer contact email address',
  'BT-112': 'invoice total amount with VAT',
  'BT-115': 'amount due for payment',
} as const;
export type BusinessTerm = keyof typeof BUSINESS_TERMS;

/** ISO 6523 ICD scheme identifiers France uses for legal ids (BT-30/BT-47 schemeID). */
export const SIREN_SCHEME = '0002';
export const SIRET_SCHEME = '0009';
