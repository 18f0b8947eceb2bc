import * as z from 'zod';
import { daysBetween, type LocalDate } from '../../domain/calendar';
import { type Dossier, dossierOutstandingCents, referenceDueDate } from '../../domain/dossier';

/**
 * What `GET /dossiers` shows of each dossier: enough to pick one and to sort a work list, not
 * the invoices themselves (a dossier may hold 10,000: `GET /dossiers/{id}` gives them).
 */
export const dossierSummarySchema = z.object({
  dossierId: z.string(),
  status: z.enum(['open', 'paid', 'disputed', 'prescribed', 'judicial', 'closed']),
  /** Index in the scenario of the last level performed; -1 before the first. */
  levelIndex: z.number().int(),
  scenarioId: z.string(),
  debtor: z.object({
    ref: z.string(),
    name: z.string(),
    type: z.enum(['professional', 'consumer', 'non-professional-legal-person']),
  }),
  currency: z.literal('EUR'),
  invoiceCount: z.number().int(),
  /** Unpaid and not time-barred, in cents. */
  outstandingCents: z.number().int(),
  /** Oldest due date among the invoices still pursued. */
  oldestDueDate: z.string().optional(),
  /** Days from that due date to today (Paris); 0 when not yet due. */
  daysOverdue: z.number().int().optional(),
  nextActionOn: z.string().optional(),
  prescriptionDate: z.string().optional(),
  /** The steps kept failing: the dossier waits for a person (POST /dossiers/{id}/resume). */
  parked: z.boolean(),
  updatedAt: z.string(),
});

export type DossierSummary = z.infer<typeof dossierSummarySchema>;

export function summaryOf(dossier: Dossier, today: LocalDate): DossierSummary {
  const oldest = referenceDueDate(dossier);
  return {
    dossierId: dossier.dossierId,
    status: dossier.status,
    levelIndex: dossier.levelIndex,
    scenarioId: dossier.scenarioId,
    debtor: { ref: dossier.debtor.ref, name: dossier.debtor.name, type: dossier.debtor.type },
    currency: 'EUR',
    invoiceCount: dossier.invoices.length,
    outstandingCents: dossierOutstandingCents(dossier),
    ...(oldest ? { oldestDueDate: oldest, daysOverdue: Math.max(0, daysBetween(oldest, today)) } : {}),
    ...(dossier.nextActionOn ? { nextActionOn: dossier.nextActionOn } : {}),
    ...(dossier.prescriptionDate ? { prescriptionDate: dossier.prescriptionDate } : {}),
    parked: dossier.parked !== undefined,
    updatedAt: dossier.updatedAt,
  };
}
