import type { EInvoice, EInvoiceParty } from './e-invoice';
import { at, childrenNamed, textAt, type XmlElement } from './xml-document';

/** OASIS UBL 2.1 namespaces (the EN 16931 UBL syntax binding). */
export const UBL_INVOICE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
export const UBL_CREDIT_NOTE = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

const cac = (local: string): [string, string] => [CAC, local];
const cbc = (local: string): [string, string] => [CBC, local];

export function isUbl(root: XmlElement): boolean {
  return (
    (root.ns === UBL_INVOICE && root.local === 'Invoice') ||
    (root.ns === UBL_CREDIT_NOTE && root.local === 'CreditNote')
  );
}

/** The party's legal id (BT-30/BT-47) and VAT id (BT-31/BT-48), address (BG-5/BG-8), contact (BG-9). */
function party(element: XmlElement | undefined): EInvoiceParty {
  const legal = at(element, cac('PartyLegalEntity'), cbc('CompanyID'));
  const vat = childrenNamed(element, CAC, 'PartyTaxScheme').find(
    (scheme) => (textAt(scheme, cac('TaxScheme'), cbc('ID')) ?? 'VAT') === 'VAT',
  );
  const address = at(element, cac('PostalAddress'));
  const contact = at(element, cac('Contact'));
  const result: EInvoiceParty = {};
  const name =
    textAt(element, cac('PartyLegalEntity'), cbc('RegistrationName')) ??
    textAt(element, cac('PartyName'), cbc('Name'));
  if (name) result.name = name;
  const identifier = textAt(element, cac('PartyIdentification'), cbc('ID'));
  if (identifier) result.identifier = identifier;
  if (legal?.text.trim())
    result.legalId = {
      value: legal.text.trim(),
      ...(legal.attributes.schemeID ? { scheme: legal.attributes.schemeID } : {}),
    };
  const vatId = textAt(vat, cbc('CompanyID'));
  if (vatId) result.vatId = vatId;
  if (address)
    result.address = defined({
      line1: textAt(address, cbc('StreetName')),
      line2: textAt(address, cbc('AdditionalStreetName')),
      line3: textAt(address, cac('AddressLine'), cbc('Line')),
      city: textAt(address, cbc('CityName')),
      postalCode: textAt(address, cbc('PostalZone')),
      country: textAt(address, cac('Country'), cbc('IdentificationCode')),
    });
  if (contact)
    result.contact = defined({
      name: textAt(contact, cbc('Name')),
      phone: textAt(contact, cbc('Telephone')),
      email: textAt(contact, cbc('ElectronicMail')),
    });
  return result;
}

/** An object without its undefined fields (exactOptionalPropertyTypes). */
export function defined<T extends Record<string, string | undefined>>(value: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: string;
  };
}

/** A UBL 2.1 Invoice or CreditNote, element by element as the EN 16931 UBL binding places each BT. */
export function readUbl(root: XmlElement): EInvoice {
  const creditNote = root.local === 'CreditNote';
  const typeCode = textAt(root, cbc(creditNote ? 'CreditNoteTypeCode' : 'InvoiceTypeCode'));
  const totals = at(root, cac('LegalMonetaryTotal'));
  // BT-9: Invoice/cbc:DueDate; a CreditNote has no DueDate element, it sits in PaymentMeans.
  const dueDate = textAt(root, cbc('DueDate')) ?? textAt(root, cac('PaymentMeans'), cbc('PaymentDueDate'));
  const invoice: EInvoice = {
    syntax: 'ubl',
    kind: creditNote || typeCode === '381' ? 'credit-note' : 'invoice',
    notes: childrenNamed(root, CBC, 'Note')
      .map((note) => note.text.trim())
      .filter(Boolean),
    precedingInvoices: childrenNamed(root, CAC, 'BillingReference')
      .map((reference) => textAt(reference, cac('InvoiceDocumentReference'), cbc('ID')))
      .filter((id): id is string => id !== undefined),
    seller: party(at(root, cac('AccountingSupplierParty'), cac('Party'))),
    buyer: party(at(root, cac('AccountingCustomerParty'), cac('Party'))),
    ...defined({
      typeCode,
      number: textAt(root, cbc('ID')),
      issueDate: textAt(root, cbc('IssueDate')),
      dueDate,
      currency: textAt(root, cbc('DocumentCurrencyCode')),
      paymentTerms:
        childrenNamed(root, CAC, 'PaymentTerms')
          .map((terms) => textAt(terms, cbc('Note')))
          .filter(Boolean)
          .join('\n') || undefined,
      totalWithVat: textAt(totals, cbc('TaxInclusiveAmount')),
      amountDue: textAt(totals, cbc('PayableAmount')),
    }),
  };
  return invoice;
}
