/**
 * A court event as the API receives it: the body's schema (a bad field is a 400 naming it), the
 * domain event it stands for, and the fingerprint that tells a redelivery from another content
 * under the same eventId. Apart from record-court-event.ts: the boundary, not the recording.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { isLocalDate } from '../../domain/calendar';
import type { CourtEvent } from '../../domain/judicial/court-events';
import type { CourtEventKind } from '../../domain/judicial/judicial-state';

const COURT_EVENT_KINDS = [
  'request-filed',
  'order-issued',
  'order-served',
  'opposition-received',
  'no-opposition',
  'enforceable-formula',
  'judgment',
  'small-claims-invited',
  'small-claims-agreed',
  'small-claims-refused',
  'enforcement-mandate',
  'enforcement-act',
] as const satisfies readonly CourtEventKind[];

export const courtEventSchema = z.object({
  eventId: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
  kind: z.enum(COURT_EVENT_KINDS),
  date: z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)'),
  /** The court's or the commissaire's reference (RG number, act number). */
  reference: z.string().trim().min(1).max(80).optional(),
  /** The court (e.g. "Tribunal judiciaire de Lyon"). */
  court: z.string().trim().min(1).max(120).optional(),
  details: z
    .object({
      /** enforcement-act: what was done, and what it brought in (cents). */
      act: z
        .enum(['saisie-attribution', 'saisie-remunerations', 'saisie-vente', 'saisie-conservatoire', 'other'])
        .optional(),
      recoveredCents: z.number().int().min(0).optional(),
      /** enforcement-mandate: the commissaire de justice's office (name, professional e-mail). */
      agentName: z.string().trim().min(1).max(120).optional(),
      agentEmail: z.string().trim().email().max(200).optional(),
    })
    .strict()
    .optional(),
});
export type CourtEventInput = z.infer<typeof courtEventSchema>;

export function toCourtEvent(event: CourtEventInput): CourtEvent {
  const details = event.details;
  return {
    kind: event.kind,
    date: event.date,
    ...(details?.act || details?.recoveredCents !== undefined
      ? {
          act: {
            kind: details?.act ?? 'other',
            ...(details?.recoveredCents !== undefined ? { recoveredCents: details.recoveredCents } : {}),
          },
        }
      : {}),
  };
}

/** Content that makes two deliveries of one eventId the same event (order-insensitive JSON). */
export function fingerprintOf(event: CourtEventInput): string {
  const canonical = JSON.stringify(event, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}
