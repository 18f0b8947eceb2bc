import { addDays, daysBetween, type LocalDate, maxDate } from '../calendar';

/**
 * B2B payment terms caps (C.com. L441-10 I), information for the creditor: terms beyond the cap
 * expose it to an administrative fine (C.com. L441-16) — the claim itself stays due.
 *
 * - Agreed terms may not exceed 60 days from the invoice date, or, if the contract says so,
 *   45 days end of month. The administration accepts both readings of "45 days end of month"
 *   (end of month then + 45 days, or + 45 days then end of month): we flag only terms beyond
 *   the most generous of the three limits.
 * - Without agreed terms, payment is due 30 days after receipt of the goods or performance.
 * Sector caps (transport L441-11, perishable food, etc.) are not handled: they are stricter,
 * and the invoice data does not say which sector the creditor is in.
 */

const AGREED_MAX_DAYS = 60;
const END_OF_MONTH_DAYS = 45;
const DEFAULT_DAYS = 30;

export interface PaymentTermsFinding {
  code: 'exceeds-agreed-cap' | 'exceeds-default-term';
  message: string;
  limit: LocalDate;
  article: string;
}

export interface PaymentTermsCheck {
  applicable: boolean;
  compliant: boolean;
  /** Latest due date any agreed terms could lawfully set. */
  latestAgreedDueDate?: LocalDate;
  findings: PaymentTermsFinding[];
}

function endOfMonth(date: LocalDate): LocalDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function checkPaymentTerms(invoice: {
  issueDate: LocalDate;
  dueDate: LocalDate;
  performanceDate?: LocalDate;
  /** The terms were agreed in the contract (otherwise the 30-day default applies). */
  agreedTerms?: boolean;
  betweenProfessionals: boolean;
}): PaymentTermsCheck {
  if (!invoice.betweenProfessionals) return { applicable: false, compliant: true, findings: [] };
  const latest = maxDate([
    addDays(invoice.issueDate, AGREED_MAX_DAYS),
    addDays(endOfMonth(invoice.issueDate), END_OF_MONTH_DAYS),
    endOfMonth(addDays(invoice.issueDate, END_OF_MONTH_DAYS)),
  ])!;
  const findings: PaymentTermsFinding[] = [];
  if (invoice.dueDate > latest) {
    findings.push({
      code: 'exceeds-agreed-cap',
      message: `due ${daysBetween(invoice.issueDate, invoice.dueDate)} days after the invoice: beyond 60 days or 45 days end of month`,
      limit: latest,
      article: 'C.com. L441-10 I',
    });
  }
  if (invoice.agreedTerms === false && invoice.performanceDate) {
    const defaultDue = addDays(invoice.performanceDate, DEFAULT_DAYS);
    if (invoice.dueDate > defaultDue) {
      findings.push({
        code: 'exceeds-default-term',
        message: 'no agreed terms: payment is due 30 days after delivery or performance',
        limit: defaultDue,
        article: 'C.com. L441-10 I',
      });
    }
  }
  return { applicable: true, compliant: findings.length === 0, latestAgreedDueDate: latest, findings };
}
