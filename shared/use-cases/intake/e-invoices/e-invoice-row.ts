import { addDays, isLocalDate, type LocalDate } from '../../../domain/calendar';
import type { EInvoiceRecord } from '../../../domain/e-invoice-record';
import type { RowProblem } from '../invoice-row';
import { BUSINESS_TERMS, type BusinessTerm, type EInvoice, SIREN_SCHEME, SIRET_SCHEME } from './e-invoice';

/**
 * An e-invoice as an intake row (the columns of intake-columns.ts), so it is validated, deduplicated
 * and qualified by the very code CSV rows go through; plus the checks only an e-invoice has
 * (the seller is the tenant, the amounts, the legal ids). Problems name the EN 16931 business term.
 */

/** The intake column each business term lands in: a row problem on the column names the BT. */
export const TERM_OF_COLUMN: Record<string, BusinessTerm> = {
  invoice_number: 'BT-1',
  issue_date: 'BT-2',
  due_date: 'BT-9',
  currency: 'BT-5',
  amount: 'BT-115',
  amount_cents: 'BT-115',
  debtor_ref: 'BT-46',
  debtor_name: 'BT-44',
  address_line1: 'BT-50',
  address_line2: 'BT-51',
  city: 'BT-52',
  postal_code: 'BT-53',
  country: 'BT-55',
  debtor_phone: 'BT-57',
  debtor_email: 'BT-58',
};

export function termProblem(term: BusinessTerm, reason: string): RowProblem {
  return { field: term, reason: `${BUSINESS_TERMS[term]}: ${reason}` };
}

/** A row problem on an intake column, renamed to the business term the value came from. */
export function asTermProblem(problem: RowProblem): RowProblem {
  const term = TERM_OF_COLUMN[problem.field];
  return term ? termProblem(term, problem.reason) : problem;
}

/** EN 16931 amounts: a decimal with a dot, at most 2 decimals (BR-DEC-12/14/18). Integer cents, no float. */
export function amountCents(text: string | undefined): number | undefined {
  const match = text?.trim().match(/^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/);
  if (!match) return undefined;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** SIREN and SIRET carry a Luhn check digit (INSEE); 9 and 14 digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The SIREN a legal id (BT-30/BT-47: SIREN, SIRET) or a French VAT id (FRkk + SIREN) stands for. */
export function sirenOf(
  legalId: { value: string; scheme?: string } | undefined,
  vatId?: string,
): string | undefined {
  const id = legalId?.value.replace(/\s/g, '');
  if (id && (legalId?.scheme === SIREN_SCHEME || !legalId?.scheme) && /^\d{9}$/.test(id)) return id;
  if (id && (legalId?.scheme === SIRET_SCHEME || !legalId?.scheme) && /^\d{14}$/.test(id))
    return id.slice(0, 9);
  const vat = vatId?.replace(/\s/g, '').toUpperCase();
  return vat && /^FR[0-9A-Z]{2}\d{9}$/.test(vat) ? vat.slice(4) : undefined;
}

/** C.com. L441-10 I: without agreed terms, 30 days; agreed terms at most 60 days from the issue date. */
const DEFAULT_PAYMENT_DAYS = 30;
const MAX_AGREED_DAYS = 60;

/**
 * BT-9 absent (allowed when BT-20 is there, EN 16931 BR-CO-25): "N jours" / "N days" read from
 * the terms when it says one delay, within the 60-day cap; else the legal 30 days.
 */
function derivedDueDate(issue: LocalDate, terms: string | undefined): { due: LocalDate; basis: string } {
  const delays = [...(terms ?? '').matchAll(/(\d{1,3})\s*(?:jours|jour|days|day|j)\b/gi)].map((m) =>
    Number(m[1]),
  );
  const single = new Set(delays).size === 1 ? delays[0]! : undefined;
  if (single !== undefined && single <= MAX_AGREED_DAYS)
    return { due: addDays(issue, single), basis: `BT-20: ${single} days from the issue date` };
  return {
    due: addDays(issue, DEFAULT_PAYMENT_DAYS),
    basis: 'C.com. L441-10 I: 30 days (no due date, terms unread)',
  };
}

/** The sentences stating the penalties and the indemnity (C.com. L441-9 I), from BT-20 then BT-22. */
function mentionsOf(invoice: EInvoice): EInvoiceRecord['mentions'] {
  // Line by line, not sentence by sentence: "C.com. L441-10" would cut a sentence in two.
  const sentences = [invoice.paymentTerms ?? '', ...invoice.notes]
    .flatMap((text) => text.split('\n'))
    .map((line) => line.trim().slice(0, 300))
    .filter(Boolean);
  const latePenalty = sentences.find((s) => /p[ée]nalit|late payment|int[ée]r[êe]ts? de retard/i.test(s));
  const recoveryIndemnity = sentences.find((s) =>
    /indemnit[ée] forfaitaire|recovery (?:fee|indemnity|costs)|40\s*(?:€|eur)/i.test(s),
  );
  if (!latePenalty && !recoveryIndemnity) return undefined;
  return { ...(latePenalty ? { latePenalty } : {}), ...(recoveryIndemnity ? { recoveryIndemnity } : {}) };
}

export type MappedInvoice =
  | {
      ok: true;
      values: Record<string, unknown>;
      record: EInvoiceRecord;
      debtorRef: string;
      buyerSiren?: string;
    }
  | { ok: false; problems: RowProblem[] };

/** The tenant's identifiers an e-invoice's seller is checked against (tenant.json). */
export interface TenantIds {
  siren?: string | undefined;
  siret?: string | undefined;
}

/**
 * The seller must be the tenant: its SIREN (BT-30, or inside the FR VAT id BT-31) the profile's,
 * and, when both the profile and the invoice give a SIRET, the same establishment. An invoice of
 * another company is never pursued in the tenant's name.
 */
export function sellerProblem(seller: EInvoice['seller'], tenant: TenantIds): RowProblem | undefined {
  const tenantSiren = tenant.siren ?? tenant.siret?.slice(0, 9);
  if (!tenantSiren)
    return termProblem(
      'BT-30',
      'the tenant profile has no siren to check the seller against: add it to tenant.json',
    );
  const sellerSiren = sirenOf(seller.legalId, seller.vatId);
  if (!sellerSiren) return termProblem('BT-30', 'missing (no SIREN/SIRET, nor a French VAT id in BT-31)');
  if (sellerSiren !== tenantSiren)
    return termProblem('BT-30', "the seller is not this tenant (its SIREN differs from the profile's)");
  const sellerSiret = seller.legalId?.value.replace(/\s/g, '');
  if (tenant.siret && sellerSiret && /^\d{14}$/.test(sellerSiret) && sellerSiret !== tenant.siret)
    return termProblem('BT-30', "another establishment of the tenant (its SIRET differs from the profile's)");
  return undefined;
}

/** Checks an invoice (not a credit note) and maps it to an intake row. */
export function mapEInvoice(invoice: EInvoice, tenant: TenantIds): MappedInvoice {
  const problems: RowProblem[] = [];
  const seller = sellerProblem(invoice.seller, tenant);
  if (seller) problems.push(seller);

  const buyer = invoice.buyer;
  const buyerLegal = buyer.legalId?.value.replace(/\s/g, '');
  if (
    buyerLegal &&
    (/^\d{9}$|^\d{14}$/.test(buyerLegal)
      ? !luhnValid(buyerLegal)
      : buyer.legalId?.scheme === SIREN_SCHEME || buyer.legalId?.scheme === SIRET_SCHEME)
  )
    problems.push(termProblem('BT-47', 'not a valid SIREN/SIRET (9 or 14 digits with their check digit)'));
  const buyerSiren = problems.some((p) => p.field === 'BT-47')
    ? undefined
    : sirenOf(buyer.legalId, buyer.vatId);
  const debtorRef = buyer.identifier ?? buyerSiren ?? buyer.vatId?.replace(/\s/g, '').toUpperCase();
  if (!debtorRef)
    problems.push(
      termProblem(
        'BT-46',
        'the buyer has no identifier: BT-46, BT-47 (SIREN/SIRET) or BT-48 (VAT id) is needed',
      ),
    );

  const total = amountCents(invoice.totalWithVat);
  if (invoice.totalWithVat === undefined) problems.push(termProblem('BT-112', 'missing'));
  else if (total === undefined)
    problems.push(termProblem('BT-112', 'not an amount (decimal with a dot, 2 decimals at most)'));
  const due = invoice.amountDue === undefined ? total : amountCents(invoice.amountDue);
  if (invoice.amountDue !== undefined && due === undefined)
    problems.push(termProblem('BT-115', 'not an amount (decimal with a dot, 2 decimals at most)'));
  else if (due !== undefined && due <= 0)
    problems.push(termProblem('BT-115', 'nothing is due on this invoice'));

  if (!invoice.issueDate) problems.push(termProblem('BT-2', 'missing'));
  else if (!isLocalDate(invoice.issueDate))
    problems.push(termProblem('BT-2', 'not a date (YYYY-MM-DD, or CII format 102)'));
  let dueDate = invoice.dueDate;
  let dueDateBasis: string | undefined;
  if (!dueDate && !invoice.paymentTerms)
    problems.push(termProblem('BT-9', 'missing, and no payment terms (BT-20) either (BR-CO-25)'));
  else if (dueDate && !isLocalDate(dueDate))
    problems.push(termProblem('BT-9', 'not a date (YYYY-MM-DD, or CII format 102)'));
  else if (!dueDate && invoice.issueDate && isLocalDate(invoice.issueDate)) {
    const derived = derivedDueDate(invoice.issueDate, invoice.paymentTerms);
    dueDate = derived.due;
    dueDateBasis = derived.basis;
  }
  if (!invoice.number) problems.push(termProblem('BT-1', 'missing'));
  if (!invoice.currency) problems.push(termProblem('BT-5', 'missing'));
  if (!buyer.name) problems.push(termProblem('BT-44', 'missing'));
  if (!buyer.address?.postalCode)
    problems.push(termProblem('BT-53', 'missing: a letter needs the postal code'));
  if (!buyer.address?.city) problems.push(termProblem('BT-52', 'missing: a letter needs the city'));
  if (!buyer.address?.line1 && !buyer.address?.line3)
    problems.push(termProblem('BT-50', 'missing: a letter needs the street'));
  if (problems.length > 0) return { ok: false, problems };

  const address = buyer.address!;
  const values: Record<string, unknown> = {
    invoice_number: invoice.number,
    debtor_ref: debtorRef,
    // Only companies receive e-invoices (CGI 289 bis: between taxable persons established in France).
    debtor_type: 'professional',
    debtor_name: buyer.name,
    address_line1: address.line1 ?? address.line3,
    ...(address.line1 && (address.line2 ?? address.line3)
      ? { address_line2: address.line2 ?? address.line3 }
      : {}),
    postal_code: address.postalCode,
    city: address.city,
    ...(address.country ? { country: address.country } : {}),
    ...(buyer.contact?.email ? { debtor_email: buyer.contact.email } : {}),
    ...(buyer.contact?.phone ? { debtor_phone: buyer.contact.phone } : {}),
    amount_cents: due,
    currency: invoice.currency,
    issue_date: invoice.issueDate,
    due_date: dueDate,
    nature: 'commercial',
  };
  const mentions = mentionsOf(invoice);
  const record: EInvoiceRecord = {
    syntax: invoice.syntax,
    totalWithVatCents: total!,
    amountDueCents: due!,
    ...(invoice.paymentTerms ? { paymentTerms: invoice.paymentTerms.slice(0, 1000) } : {}),
    ...(mentions ? { mentions } : {}),
    ...(dueDateBasis ? { dueDateBasis } : {}),
    ...(buyer.legalId || buyer.vatId
      ? {
          buyerIds: {
            ...(buyerLegal ? { legalId: buyerLegal } : {}),
            ...(buyer.vatId ? { vatId: buyer.vatId } : {}),
          },
        }
      : {}),
  };
  return { ok: true, values, record, debtorRef: debtorRef!, ...(buyerSiren ? { buyerSiren } : {}) };
}
