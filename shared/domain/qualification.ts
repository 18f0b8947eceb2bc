import type { LocalDate } from './calendar';
import type { Dossier } from './dossier';
import { earliestPrescriptionDate } from './dossier';
import { basePrescriptionDate } from './legal/limitation-period';
import type { ClaimNature, CreditorType, DebtorType, Invoice } from './parties';
import { DEFAULT_WARNING_DAYS, nextPrescriptionCheck } from './prescription-watch';

/**
 * Nature of the claim when the row does not say (documented defaults, docs/legal.md):
 * a professional creditor's claim on a professional is commercial (C.com. L110-4),
 * on a consumer it is a consumer claim (C.conso L218-2); an individual creditor's claim is civil.
 */
export function defaultNature(creditorType: CreditorType, debtorType: DebtorType): ClaimNature {
  if (creditorType === 'individual') return 'civil';
  if (debtorType === 'consumer') return 'consumer';
  if (debtorType === 'professional') return 'commercial';
  return 'civil';
}

export function qualifyInvoice(invoice: Omit<Invoice, 'prescriptionDate'>, debtorType: DebtorType): Invoice {
  const { date } = basePrescriptionDate(invoice.nature, debtorType, invoice);
  return { ...invoice, prescriptionDate: date };
}

/** Recomputes the prescription fields a dossier derives from its invoices. */
export function refreshPrescription(
  dossier: Dossier,
  today: LocalDate,
  warningDays: readonly number[] = DEFAULT_WARNING_DAYS,
): Dossier {
  const prescriptionDate = earliestPrescriptionDate(dossier);
  // Warnings already sent were for the previous deadline: a new, earlier one gets its own.
  const prescriptionWarnings =
    prescriptionDate === dossier.prescriptionDate ? dossier.prescriptionWarnings : [];
  const nextCheck = nextPrescriptionCheck(prescriptionDate, prescriptionWarnings, warningDays, today);
  const { prescriptionDate: _p, nextPrescriptionCheckOn: _n, ...rest } = dossier;
  return {
    ...rest,
    prescriptionWarnings,
    ...(prescriptionDate ? { prescriptionDate } : {}),
    ...(nextCheck ? { nextPrescriptionCheckOn: nextCheck } : {}),
  };
}
