import * as z from 'zod';
import type { LocalDate } from '../../domain/calendar';
import type { EventSource } from '../../domain/timeline';
import { pastDaySchema } from '../day-input';
import {
  type PrescriptionEventDeps,
  type PrescriptionEventOutcome,
  recordPrescriptionEvents,
} from './record-prescription-events';

/** `POST /dossiers/{id}/acknowledgments`, or an `acknowledgment` row of an events file. */
export function acknowledgmentSchema(today: LocalDate) {
  return z.object({
    acknowledgmentId: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .describe("The caller's key: the same acknowledgment sent twice is recorded once"),
    date: pastDaySchema(today).describe(
      'Day the debtor acknowledged the debt (signed letter, e-mail, request for time)',
    ),
    invoices: z
      .array(z.string().trim().min(1))
      .min(1)
      .optional()
      .describe('Invoices acknowledged; absent: every invoice of the dossier'),
    note: z
      .string()
      .trim()
      .max(500)
      .optional()
      .describe('What the evidence is (kept on the timeline, never logged)'),
  });
}
export type Acknowledgment = z.infer<ReturnType<typeof acknowledgmentSchema>>;

/**
 * The debtor acknowledged the debt: an interruption, a new full limitation period starts on that
 * day (C.civ. 2240, 2231; docs/legal.md §1). Recorded on the timeline as `debt-acknowledged`,
 * keyed on the acknowledgment id; the engine then moves the invoices' deadlines.
 */
export function recordAcknowledgment(
  deps: PrescriptionEventDeps,
  input: {
    tenantId: string;
    dossierId: string;
    acknowledgment: Acknowledgment;
    receivedAt: string;
    source: EventSource;
  },
): Promise<PrescriptionEventOutcome> {
  const { tenantId, dossierId, acknowledgment: ack, receivedAt, source } = input;
  return recordPrescriptionEvents(deps, {
    tenantId,
    dossierId,
    receivedAt,
    invoices: ack.invoices,
    sameKey: (e) => e.type === 'debt-acknowledged' && e.idempotencyKey === ack.acknowledgmentId,
    events: [
      {
        tenantId,
        dossierId,
        eventId: `${ack.date}#ACK#${ack.acknowledgmentId}`,
        type: 'debt-acknowledged',
        at: receivedAt,
        day: ack.date,
        actor: 'debtor',
        source,
        idempotencyKey: ack.acknowledgmentId,
        ...(ack.invoices ? { invoiceNumbers: ack.invoices } : {}),
        legalBasis: ['C.civ. 2240 (interruption: a new period starts)', 'C.civ. 2231'],
        ...(ack.note ? { note: ack.note } : {}),
      },
    ],
  });
}
