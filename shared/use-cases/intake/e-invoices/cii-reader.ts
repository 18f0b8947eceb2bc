import type { EInvoice, EInvoiceParty } from './e-invoice';
import { defined } from './ubl-reader';
import { at, childrenNamed, textAt, type XmlElement } from './xml-document';

/** UN/CEFACT Cross Industry Invoice D16B namespaces (EN 16931 CII binding, Factur-X's XML). */
export const CII_ROOT = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const RAM = 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const UDT = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100';

const rsm = (local: string): [string, string] => [CII_ROOT, local];
const ram = (local: string): [string, string] => [RAM, local];

export function isCii(root: XmlElement): boolean {
  return root.ns === CII_ROOT && root.local === 'CrossIndustryInvoice';
}

/** udt:DateTimeString format 102 is YYYYMMDD; any other text is kept as written (and rejected later). */
function ciiDate(element: XmlElement | undefined): string | undefined {
  const value = textAt(element, [UDT, 'DateTimeString']);
  if (!value) return undefined;
  const format = at(element, [UDT, 'DateTimeString'])?.attributes.format ?? '102';
  return format === '102' && /^\d{8}$/.test(value)
    ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`
    : value;
}

function party(element: XmlElement | undefined): EInvoiceParty {
  const legal = at(element, ram('SpecifiedLegalOrganization'), ram('ID'));
  const vat = childrenNamed(element, RAM, 'SpecifiedTaxRegistration')
    .map((registration) => at(registration, ram('ID')))
    .find((id) => id?.attributes.schemeID === 'VA');
  const address = at(element, ram('PostalTradeAddress'));
  const contact = at(element, ram('DefinedTradeContact'));
  const result: EInvoiceParty = {};
  const name = textAt(element, ram('Name'));
  if (name) result.name = name;
  const identifier = textAt(element, ram('ID'));
  if (identifier) result.identifier = identifier;
  if (legal?.text.trim())
    result.legalId = {
      value: legal.text.trim(),
      ...(legal.attributes.schemeID ? { scheme: legal.attributes.schemeID } : {}),
    };
  if (vat?.text.trim()) result.vatId = vat.text.trim();
  if (address)
    result.address = defined({
      line1: textAt(address, ram('LineOne')),
      line2: textAt(address, ram('LineTwo')),
      line3: textAt(address, ram('LineThree')),
      city: textAt(address, ram('CityName')),
      postalCode: textAt(address, ram('PostcodeCode')),
      country: textAt(address, ram('CountryID')),
    });
  if (contact)
    result.contact = defined({
      name: textAt(contact, ram('PersonName')),
      phone: textAt(contact, ram('TelephoneUniversalCommunication'), ram('CompleteNumber')),
      email: textAt(contact, ram('EmailURIUniversalCommunication'), ram('URIID')),
    });
  return result;
}

/** A CrossIndustryInvoice, each BT read where the EN 16931 CII binding (and Factur-X EN16931) puts it. */
export function readCii(root: XmlElement, syntax: 'cii' | 'factur-x' = 'cii'): EInvoice {
  const document = at(root, rsm('ExchangedDocument'));
  const transaction = at(root, rsm('SupplyChainTradeTransaction'));
  const agreement = at(transaction, ram('ApplicableHeaderTradeAgreement'));
  const settlement = at(transaction, ram('ApplicableHeaderTradeSettlement'));
  const terms = childrenNamed(settlement, RAM, 'SpecifiedTradePaymentTerms');
  const totals = at(settlement, ram('SpecifiedTradeSettlementHeaderMonetarySummation'));
  const typeCode = textAt(document, ram('TypeCode'));
  // BT-112 may be written once per currency (the VAT accounting currency has its own): take the
  // one without currencyID or in the invoice currency.
  const currency = textAt(settlement, ram('InvoiceCurrencyCode'));
  const grandTotal = childrenNamed(totals, RAM, 'GrandTotalAmount').find(
    (amount) => !amount.attributes.currencyID || amount.attributes.currencyID === currency,
  );
  return {
    syntax,
    kind: typeCode === '381' ? 'credit-note' : 'invoice',
    notes: childrenNamed(document, RAM, 'IncludedNote')
      .map((note) => textAt(note, ram('Content')))
      .filter((note): note is string => note !== undefined),
    precedingInvoices: childrenNamed(settlement, RAM, 'InvoiceReferencedDocument')
      .map((reference) => textAt(reference, ram('IssuerAssignedID')))
      .filter((id): id is string => id !== undefined),
    seller: party(at(agreement, ram('SellerTradeParty'))),
    buyer: party(at(agreement, ram('BuyerTradeParty'))),
    ...defined({
      typeCode,
      number: textAt(document, ram('ID')),
      issueDate: ciiDate(at(document, ram('IssueDateTime'))),
      dueDate: terms.map((term) => ciiDate(at(term, ram('DueDateDateTime')))).find(Boolean),
      currency,
      paymentTerms:
        terms
          .map((term) => textAt(term, ram('Description')))
          .filter(Boolean)
          .join('\n') || undefined,
      totalWithVat: grandTotal?.text.trim() || undefined,
      amountDue: textAt(totals, ram('DuePayableAmount')),
    }),
  };
}
