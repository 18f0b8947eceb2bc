import type { TimelineEvent } from '../timeline';
import type { ClaimInput } from './claim-input';

/**
 * The legal events recorded on a dossier's timeline that move the limitation period, as the
 * legal engine takes them (prescription.ts, the same input as the `claim` command's `events`):
 * - `debt-acknowledged` → `acknowledgment`: interruption, a new full period (C.civ. 2240, 2231);
 * - `mediation-started` / `mediation-ended` → `mediation-start` / `mediation-end`: suspension from
 *   the agreement to mediate or conciliate until it ends, then at least 6 months (C.civ. 2238).
 * An event naming invoices concerns only them; one without, every invoice of the dossier.
 */
export type TimelineLegalEvent = ClaimInput['events'][number];

const ENGINE_TYPE = {
  'debt-acknowledged': 'acknowledgment',
  'mediation-started': 'mediation-start',
  'mediation-ended': 'mediation-end',
} as const;

export function legalEventsFromTimeline(timeline: readonly TimelineEvent[]): TimelineLegalEvent[] {
  return timeline.flatMap((event): TimelineLegalEvent[] => {
    const type = ENGINE_TYPE[event.type as keyof typeof ENGINE_TYPE];
    if (!type) return [];
    return [
      {
        type,
        date: event.day,
        ...(event.invoiceNumbers?.length ? { invoices: event.invoiceNumbers } : {}),
      },
    ];
  });
}

/** The events that concern one invoice (named, or naming none). */
export function legalEventsOfInvoice(
  events: readonly TimelineLegalEvent[],
  invoiceNumber: string,
): { type: TimelineLegalEvent['type']; date: string }[] {
  return events
    .filter((event) => !event.invoices || event.invoices.includes(invoiceNumber))
    .map((event) => ({ type: event.type, date: event.date }));
}

/**
 * For the claim statement: invoice lists reduced to the invoices it holds (a settled invoice is
 * left out of it), an event whose invoices are all gone dropped.
 */
export function legalEventsForInvoices(
  events: readonly TimelineLegalEvent[],
  numbers: ReadonlySet<string>,
): TimelineLegalEvent[] {
  return events.flatMap((event) => {
    if (!event.invoices) return [event];
    const kept = event.invoices.filter((number) => numbers.has(number));
    return kept.length > 0 ? [{ ...event, invoices: kept }] : [];
  });
}
