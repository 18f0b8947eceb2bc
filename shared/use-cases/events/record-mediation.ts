import * as z from 'zod';
import type { LocalDate } from '../../domain/calendar';
import type { EventSource, TimelineEvent } from '../../domain/timeline';
import { pastDaySchema } from '../day-input';
import {
  type PrescriptionEventDeps,
  type PrescriptionEventOutcome,
  recordPrescriptionEvents,
} from './record-prescription-events';

/** `POST /dossiers/{id}/mediations`: a mediation or conciliation, its start, and its end once known. */
export function mediationSchema(today: LocalDate) {
  const day = pastDaySchema(today);
  return z
    .object({
      mediationId: z
        .string()
        .trim()
        .min(1)
        .max(80)
        .describe("The caller's key: send it again with `endedOn` when the mediation ends"),
      kind: z.enum(['mediation', 'conciliation']),
      startedOn: day.describe(
        'Day the parties agreed to mediate or conciliate (in writing), or the first meeting',
      ),
      endedOn: day
        .optional()
        .describe('Day one party or the mediator declared it over, or the agreement was signed'),
      invoices: z
        .array(z.string().trim().min(1))
        .min(1)
        .optional()
        .describe('Invoices the mediation is about; absent: every invoice of the dossier'),
    })
    .refine((m) => !m.endedOn || m.endedOn >= m.startedOn, {
      path: ['endedOn'],
      message: 'must not be before startedOn',
    });
}
export type Mediation = z.infer<ReturnType<typeof mediationSchema>>;

/**
 * A mediation or conciliation suspends the limitation period from the agreement to mediate until
 * it ends; the period then runs again for what was left, never less than 6 months (C.civ. 2238;
 * docs/legal.md §1). Start and end are two timeline events keyed on the mediation id: the start
 * alone first, the end when it comes (the same id again with `endedOn`).
 */
export function recordMediation(
  deps: PrescriptionEventDeps,
  input: {
    tenantId: string;
    dossierId: string;
    mediation: Mediation;
    receivedAt: string;
    source: EventSource;
  },
): Promise<PrescriptionEventOutcome> {
  const { tenantId, dossierId, mediation: m, receivedAt, source } = input;
  const base = {
    tenantId,
    dossierId,
    at: receivedAt,
    actor: 'creditor' as const,
    source,
    idempotencyKey: m.mediationId,
    ...(m.invoices ? { invoiceNumbers: m.invoices } : {}),
    note: m.kind,
  };
  const events: TimelineEvent[] = [
    {
      ...base,
      eventId: `${m.startedOn}#MEDIATION#${m.mediationId}#START`,
      type: 'mediation-started',
      day: m.startedOn,
      legalBasis: ['C.civ. 2238 (suspension while the mediation or conciliation runs)'],
    },
  ];
  if (m.endedOn)
    events.push({
      ...base,
      eventId: `${m.endedOn}#MEDIATION#${m.mediationId}#END`,
      type: 'mediation-ended',
      day: m.endedOn,
      legalBasis: ['C.civ. 2238 al. 2 (the period runs again, at least 6 months)'],
    });
  return recordPrescriptionEvents(deps, {
    tenantId,
    dossierId,
    receivedAt,
    invoices: m.invoices,
    sameKey: (e) =>
      (e.type === 'mediation-started' || e.type === 'mediation-ended') && e.idempotencyKey === m.mediationId,
    events,
  });
}
