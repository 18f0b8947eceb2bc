import type { LocalDate } from './calendar';
import { type Dossier, outstandingCents } from './dossier';
import { judicialPrescriptionEvents } from './judicial/court-title';
import { invoicePrescription } from './legal/dossier-claim';
import { DEFAULT_WARNING_DAYS } from './prescription-watch';
import { refreshPrescription } from './qualification';

/**
 * The dossier's prescription fields recomputed by the legal engine from what its timeline holds
 * (payments, acknowledgments, mediations: C.civ. 2240, 2238) and its court events, as the nightly
 * prescription sweep computes them (scan-prescription.ts): each owed invoice's deadline, the
 * dossier's earliest one, and the day the sweep must look again. Warnings sent for an earlier
 * deadline are forgotten when it moves (refreshPrescription). Pure.
 */
export function prescriptionFromTimeline(
  dossier: Dossier,
  timeline: Parameters<typeof invoicePrescription>[2],
  today: LocalDate,
  warningDays: readonly number[] = DEFAULT_WARNING_DAYS,
): Dossier {
  // A closed or paid ladder (every invoice settled) has nothing left to watch: an event recorded
  // on it afterwards (an acknowledgment) must not put it back on the prescription sweep, which
  // would mark its written-off invoices time-barred too (found by the lifecycle properties).
  if (dossier.invoices.every((invoice) => invoice.settledOn)) return dossier;
  const courtEvents = judicialPrescriptionEvents(dossier.judicial);
  const invoices = dossier.invoices.map((invoice) =>
    invoice.prescribed || outstandingCents(invoice) === 0
      ? invoice
      : {
          ...invoice,
          prescriptionDate: invoicePrescription(invoice, dossier.debtor.type, timeline, today, courtEvents)
            .deadline,
        },
  );
  return refreshPrescription({ ...dossier, invoices }, today, warningDays);
}
