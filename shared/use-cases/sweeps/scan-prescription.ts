import { type LocalDate, parisDate } from '../../domain/calendar';
import { type Dossier, outstandingCents } from '../../domain/dossier';
import { judicialPrescriptionEvents } from '../../domain/judicial/court-title';
import { invoicePrescription } from '../../domain/legal/dossier-claim';
import { longDate } from '../../domain/messages/format';
import { DEFAULT_WARNING_DAYS, reviewPrescription } from '../../domain/prescription-watch';
import type { PipelineDeps } from '../escalation/deps';
import { findTenant } from '../find-tenant';
import { noteAndAlertOnce } from './alert-once';
import { checkRates } from './check-rates';
import type { CreditorAlert } from './creditor-alert';
import { type SweepPageInput, type SweepPageResult, scanCheckPages } from './dispatch-due';
import { selectedShards } from './shard-walk';

/**
 * One task of the prescription sweep, for one shard or a group: for each dossier whose check is due,
 * warn the creditor before the deadline (90/30/7 days by default), mark time-barred invoices
 * and stop pursuing a dossier once nothing claimable is left (C.civ. 2219: prescription
 * extinguishes the right to act).
 */
export async function scanPrescription(
  deps: Pick<
    PipelineDeps,
    'repository' | 'tenants' | 'messenger' | 'logger' | 'dispatchBatch' | 'senderEmail' | 'rates'
  >,
  input: SweepPageInput,
): Promise<SweepPageResult> {
  const day = parisDate(input.asOf);
  // Once a night, not once per shard: the first page of the task that starts at shard 0 checks the rate table.
  if (selectedShards(input)[0] === 0 && !input.cursor) await checkRates(deps, day);
  return scanCheckPages(
    deps,
    input,
    (shard, limit, cursor) => deps.repository.queryPrescriptionChecks(shard, day, limit, cursor),
    (dossier) => reviewDossier(deps, dossier, day, input.asOf),
  );
}

async function reviewDossier(
  deps: Pick<PipelineDeps, 'repository' | 'tenants' | 'messenger' | 'logger' | 'senderEmail'>,
  dossier: Dossier,
  day: LocalDate,
  at: string,
): Promise<void> {
  const { tenantId, dossierId } = dossier;
  // Deadlines as the legal engine sees them today: a partial payment since intake is an
  // acknowledgment that restarted the period (C.civ. 2240); a formal notice did not.
  const timeline = await deps.repository.listTimeline(tenantId, dossierId);
  const legalEvents = judicialPrescriptionEvents(dossier.judicial);
  const refreshed: Dossier = {
    ...dossier,
    invoices: dossier.invoices.map((inv) =>
      inv.prescribed || outstandingCents(inv) === 0
        ? inv
        : {
            ...inv,
            // In court: the service interrupts (C.civ. 2241), the title runs 10 years (CPCE L111-4).
            prescriptionDate: invoicePrescription(inv, dossier.debtor.type, timeline, day, legalEvents)
              .deadline,
          },
    ),
  };
  const tenant = await findTenant(deps.tenants, tenantId);
  const review = reviewPrescription(refreshed, day, tenant?.prescriptionWarningDays ?? DEFAULT_WARNING_DAYS);
  for (const warning of review.warnings) {
    // Told once, even when the step fails between the note and the e-mail (alert-once.ts).
    await noteAndAlertOnce(
      deps,
      dossier,
      {
        tenantId,
        dossierId,
        eventId: `${day}#PRESC-WARN#${warning.daysBefore}`,
        type: 'prescription-warning',
        at,
        day,
        actor: 'pipeline',
        invoiceNumbers: warning.invoiceNumbers,
        legalBasis: ['C.civ. 2219', 'C.civ. 2240-2244 (interruption)'],
        note: `deadline ${warning.deadline}, ${warning.daysBefore} days`,
      },
      prescriptionAlert(dossier, warning),
    );
  }
  for (const number of review.newlyPrescribed) {
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${day}#PRESCRIBED#${number}`,
      type: 'invoice-prescribed',
      at,
      day,
      actor: 'pipeline',
      invoiceNumbers: [number],
      legalBasis: ['C.civ. 2219'],
    });
  }
  if (review.dossierPrescribed) {
    await deps.repository.appendEvent({
      tenantId,
      dossierId,
      eventId: `${day}#STOP#prescribed`,
      type: 'dossier-prescribed',
      at,
      day,
      actor: 'pipeline',
      legalBasis: ['C.civ. 2219'],
    });
  }
  const { nextPrescriptionCheckOn: _n, nextActionOn, ...rest } = refreshed;
  const invoices = refreshed.invoices.map((inv) =>
    review.newlyPrescribed.includes(inv.number) ? { ...inv, prescribed: true } : inv,
  );
  const updated: Dossier = {
    ...rest,
    invoices,
    prescriptionWarnings: review.sentWarnings,
    ...(review.dossierPrescribed ? { status: 'prescribed' as const } : nextActionOn ? { nextActionOn } : {}),
    ...(review.nextCheckOn ? { nextPrescriptionCheckOn: review.nextCheckOn } : {}),
    updatedAt: at,
    version: dossier.version + 1,
  };
  const live = invoices
    .filter((inv) => !inv.prescribed && inv.amountCents > inv.paidCents)
    .map((inv) => inv.prescriptionDate);
  if (live.length > 0) updated.prescriptionDate = live.sort()[0]!;
  await deps.repository.saveDossier(updated);
}

/** The prescription warning, with what does and does not interrupt it (docs/legal.md §1). */
function prescriptionAlert(
  dossier: Dossier,
  warning: { daysBefore: number; deadline: LocalDate; invoiceNumbers: string[] },
): CreditorAlert {
  const deadline = longDate(warning.deadline, 'fr');
  return {
    level: `prescription-${warning.daysBefore}`,
    template: 'creditor-prescription-warning',
    subject: `Prescription le ${deadline} — dossier ${dossier.dossierId}`,
    paragraphs: [
      `Le dossier ${dossier.dossierId} sera prescrit le ${deadline} (dans ${warning.daysBefore} jours au plus) pour les factures ${warning.invoiceNumbers.join(', ')}.`,
      "Une mise en demeure n'interrompt pas la prescription (Cass. com. 18 mai 2022, n° 20-23.204).",
      "Pour l'interrompre : reconnaissance de dette ou paiement partiel du débiteur (C.civ. 2240), demande en justice — signification d'une ordonnance d'injonction de payer (C.civ. 2241), mesure d'exécution (C.civ. 2244).",
    ],
  };
}
