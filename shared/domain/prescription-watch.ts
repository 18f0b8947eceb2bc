import { addDays, daysBetween, type LocalDate, minDate } from './calendar';
import { type Dossier, outstandingCents } from './dossier';

/** Default warnings to the creditor before a claim is time-barred (design.md, configurable per tenant). */
export const DEFAULT_WARNING_DAYS = [90, 30, 7] as const;

export interface PrescriptionReview {
  /** Invoices whose limitation period ended before today: pursuit stops (C.civ. 2219). */
  newlyPrescribed: string[];
  /** Warnings due today, by days-before the deadline. */
  warnings: { daysBefore: number; deadline: LocalDate; invoiceNumbers: string[] }[];
  /** Every unpaid invoice is now time-barred. */
  dossierPrescribed: boolean;
  /** Thresholds to record as sent (a tighter warning also covers the wider ones). */
  sentWarnings: number[];
  nextCheckOn?: LocalDate;
}

/**
 * The next day the prescription sweep must look at a dossier: the next warning not yet
 * sent, or the day after the deadline (the claim is time-barred once its last day has passed).
 */
export function nextPrescriptionCheck(
  deadline: LocalDate | undefined,
  sentWarnings: readonly number[],
  warningDays: readonly number[],
  today: LocalDate,
): LocalDate | undefined {
  if (!deadline) return undefined;
  const candidates = warningDays
    .filter((days) => !sentWarnings.includes(days))
    .map((days) => addDays(deadline, -days))
    .filter((date) => date > today);
  candidates.push(addDays(deadline, 1));
  return minDate(candidates.filter((date) => date > today)) ?? addDays(today, 1);
}

/** What the prescription sweep must do for one dossier today. Pure. */
export function reviewPrescription(
  dossier: Dossier,
  today: LocalDate,
  warningDays: readonly number[] = DEFAULT_WARNING_DAYS,
): PrescriptionReview {
  const unpaid = dossier.invoices.filter((inv) => outstandingCents(inv) > 0 && !inv.prescribed);
  const newlyPrescribed = unpaid.filter((inv) => inv.prescriptionDate < today).map((inv) => inv.number);
  const stillLive = unpaid.filter((inv) => inv.prescriptionDate >= today);
  const deadline = minDate(stillLive.map((inv) => inv.prescriptionDate));
  // Warnings sent count for the deadline they were sent for (the dossier's recorded one): once that
  // invoice is time-barred or paid, the next deadline gets its own 90/30/7 warnings.
  const alreadySent =
    dossier.prescriptionDate === undefined || dossier.prescriptionDate === deadline
      ? dossier.prescriptionWarnings
      : [];
  const warnings: PrescriptionReview['warnings'] = [];
  if (deadline) {
    const daysLeft = daysBetween(today, deadline);
    // Only the tightest threshold reached is sent: a dossier that enters 20 days before its
    // deadline gets the 30-day warning, not the 90-day one too.
    const due = warningDays.filter((days) => daysLeft <= days && !alreadySent.includes(days));
    const tightest = due.length > 0 ? Math.min(...due) : undefined;
    if (tightest !== undefined) {
      warnings.push({
        daysBefore: tightest,
        deadline,
        invoiceNumbers: stillLive.filter((inv) => inv.prescriptionDate === deadline).map((inv) => inv.number),
      });
    }
  }
  const dossierPrescribed = newlyPrescribed.length > 0 && stillLive.length === 0;
  const sent = [
    ...alreadySent,
    ...warnings.flatMap((w) => warningDays.filter((days) => days >= w.daysBefore)),
  ];
  const nextCheckOn = dossierPrescribed
    ? undefined
    : nextPrescriptionCheck(deadline, sent, warningDays, today);
  const sentWarnings = [...new Set(sent)].sort((a, b) => b - a);
  return {
    newlyPrescribed,
    warnings,
    dossierPrescribed,
    sentWarnings,
    ...(nextCheckOn ? { nextCheckOn } : {}),
  };
}
