import { createHash } from 'node:crypto';
import * as z from 'zod';
import { isLocalDate, type LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, NotFoundError } from '../../domain/errors';
import {
  ARTICLES,
  applyCourtEvent,
  type CourtEffect,
  type CourtEvent,
  type CourtEventResult,
  effectsOf,
  titleDate,
} from '../../domain/judicial/court-events';
import type { CourtDeadline, CourtEventKind, JudicialStage } from '../../domain/judicial/judicial-state';
import { longDate } from '../../domain/messages/format';
import type { TimelineEvent } from '../../domain/timeline';
import { changeDossier } from '../events/change-dossier';
import { type PaymentDeps, recordPayment } from '../events/record-payment';
import { findTenant } from '../find-tenant';
import type { CallTask, DossierRepository, EnforcementHandOff, Logger, TenantDirectory } from '../ports';

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

export interface CourtEventOutcome {
  dossierId: string;
  stage: JudicialStage;
  deadlines: CourtDeadline[];
  nextCheckOn: LocalDate | null;
  duplicate: boolean;
}

export interface CourtEventDeps extends PaymentDeps {
  repository: DossierRepository;
  logger: Logger;
  tenants?: TenantDirectory | undefined;
  /** Absent: the mandate is recorded, the hand-off is left to the creditor (logged). */
  enforcementHandOff?: EnforcementHandOff | undefined;
}

/**
 * Records a court or enforcement event on a dossier in court (docs/legal.md §10): applies it to
 * the judicial state (court-events.ts), appends a `court-event` to the timeline, and carries out
 * what follows (a lawyer task on an opposition, a task to ask for the enforceable formula, the
 * hand-off to the commissaire de justice, a payment for what an enforcement act recovered).
 * Idempotent on eventId: the same content again is a duplicate, another content a 409.
 */
export async function recordCourtEvent(
  deps: CourtEventDeps,
  input: { tenantId: string; dossierId: string; event: CourtEventInput; receivedAt: string },
): Promise<CourtEventOutcome> {
  const { tenantId, dossierId, event, receivedAt } = input;
  const fingerprint = fingerprintOf(event);
  const timelineId = `${event.date}#COURT#${event.eventId}`;
  const dossier = await deps.repository.getDossier(tenantId, dossierId);
  if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
  const seen = await deps.repository.getEvent(tenantId, dossierId, timelineId);
  if (seen && (seen.court?.fingerprint !== fingerprint || seen.state !== 'pending')) {
    return duplicateOrConflict(dossier, seen.court?.fingerprint, fingerprint, event.eventId);
  }
  // Refused before anything is written: the reason goes back to the client (409).
  const courtEvent = toCourtEvent(event);
  const dryRun = applied(dossier, event) ? undefined : apply(dossier, courtEvent);
  const stageAfter = dryRun?.state.stage ?? dossier.judicial?.stage ?? 'review';
  const timelineEvent: TimelineEvent = {
    tenantId,
    dossierId,
    eventId: timelineId,
    type: 'court-event',
    at: receivedAt,
    day: event.date,
    actor: event.kind.startsWith('enforcement') ? 'creditor' : 'court',
    legalBasis: [dryRun?.article ?? ARTICLES.title],
    note: event.kind,
    state: 'pending',
    court: {
      kind: event.kind,
      date: event.date,
      stage: stageAfter,
      fingerprint,
      ...(event.reference ? { reference: event.reference } : {}),
    },
    ...(event.details?.recoveredCents ? { amountCents: event.details.recoveredCents } : {}),
  };
  // Claimed before the dossier changes, marked done after: a retry finishes an unfinished one.
  if (!seen && !(await deps.repository.appendEvent(timelineEvent))) {
    const other = await deps.repository.getEvent(tenantId, dossierId, timelineId);
    return duplicateOrConflict(dossier, other?.court?.fingerprint, fingerprint, event.eventId);
  }
  const { before, after } = await changeDossier(deps.repository, input, (current) => {
    if (applied(current, event)) return undefined;
    const result = apply(current, courtEvent);
    const state = result.state;
    if (event.kind === 'enforcement-act') {
      state.enforcementActs = [
        ...(current.judicial?.enforcementActs ?? []),
        {
          date: event.date,
          kind: event.details?.act ?? 'other',
          ...(event.details?.recoveredCents !== undefined
            ? { recoveredCents: event.details.recoveredCents }
            : {}),
          ...(event.reference ? { reference: event.reference } : {}),
        },
      ];
    }
    return { ...current, judicial: state, updatedAt: receivedAt };
  });
  const updated = after ?? before;
  // Each effect is idempotent: a retry of an unfinished delivery (`seen` pending) carries them out again.
  if (after || seen) await carryOut(deps, updated, event, effectsOf(courtEvent), receivedAt);
  await deps.repository.markEventDone(timelineEvent);
  deps.logger.info('court event recorded', {
    tenantId,
    dossierId,
    kind: event.kind,
    stage: updated.judicial?.stage,
  });
  return outcome(updated, !after);
}

function toCourtEvent(event: CourtEventInput): CourtEvent {
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

/** Applies the event or throws the refusal as a conflict (409, with the reason). */
function apply(dossier: Dossier, event: CourtEvent): Extract<CourtEventResult, { ok: true }> {
  if (dossier.status !== 'judicial' || !dossier.judicial) {
    throw new ConflictError(`dossier ${dossier.dossierId} is not in court (status ${dossier.status})`);
  }
  const result = applyCourtEvent(dossier.judicial, event);
  if (!result.ok) throw new ConflictError(result.reason);
  return result;
}

/** A crashed earlier delivery may have changed the dossier before marking its event done. */
function applied(dossier: Dossier, event: CourtEventInput): boolean {
  const acts = dossier.judicial?.enforcementActs ?? [];
  if (event.kind === 'enforcement-act') {
    return acts.some((act) => act.date === event.date && act.reference === event.reference && act.reference);
  }
  return dossier.judicial?.events[event.kind] === event.date;
}

function duplicateOrConflict(
  dossier: Dossier,
  stored: string | undefined,
  fingerprint: string,
  eventId: string,
): CourtEventOutcome {
  if (stored !== fingerprint) {
    throw new ConflictError(`court event ${eventId} was recorded before with another content`);
  }
  return outcome(dossier, true);
}

function outcome(dossier: Dossier, duplicate: boolean): CourtEventOutcome {
  const judicial = dossier.judicial;
  return {
    dossierId: dossier.dossierId,
    stage: judicial?.stage ?? 'review',
    deadlines: judicial?.deadlines ?? [],
    nextCheckOn: judicial?.nextCheckOn ?? null,
    duplicate,
  };
}

/** Content that makes two deliveries of one eventId the same event (order-insensitive JSON). */
function fingerprintOf(event: CourtEventInput): string {
  const canonical = JSON.stringify(event, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** The effects of an accepted event; each one idempotent (ids from the event), so a retry repeats none. */
async function carryOut(
  deps: CourtEventDeps,
  dossier: Dossier,
  event: CourtEventInput,
  effects: CourtEffect[],
  at: string,
): Promise<void> {
  for (const effect of effects) {
    switch (effect.kind) {
      case 'lawyer-task':
        await deps.repository.putTask(
          judicialTask(
            dossier,
            event,
            at,
            'lawyer',
            'opposition: the claim is contested, hand it to a lawyer',
          ),
        );
        break;
      case 'formula-task':
        await deps.repository.putTask(judicialTask(dossier, event, at, 'enforceable-formula', 'CPC 1422'));
        break;
      case 'enforcement-hand-off':
        await handOff(deps, dossier, event, at);
        break;
      case 'recovered':
        await recordPayment(deps, {
          tenantId: dossier.tenantId,
          dossierId: dossier.dossierId,
          payment: { paymentId: `court-${event.eventId}`, date: event.date, amountCents: effect.amountCents },
          receivedAt: at,
        });
        break;
    }
  }
}

export function judicialTask(
  dossier: Dossier,
  event: { eventId: string; date: LocalDate },
  at: string,
  kind: 'lawyer' | 'enforceable-formula',
  level: string,
): CallTask {
  const outstanding = dossier.invoices.reduce(
    (sum, inv) => sum + Math.max(0, inv.amountCents - inv.paidCents),
    0,
  );
  return {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    taskId: `${event.date}-${kind}-${event.eventId}`,
    createdAt: at,
    dueOn: event.date,
    priority: outstanding,
    level,
    status: 'open',
    kind,
    outstandingCents: outstanding,
  };
}

/** The mandate's hand-off: the title and the court file's bundle key, no personal data in logs. */
async function handOff(
  deps: CourtEventDeps,
  dossier: Dossier,
  event: CourtEventInput,
  at: string,
): Promise<void> {
  const { tenantId, dossierId } = dossier;
  const tenant = await findTenant(deps.tenants, tenantId);
  const to = event.details?.agentEmail ?? tenant?.email;
  const eventId = `${event.date}#HANDOFF#${event.eventId}`;
  if (!deps.enforcementHandOff || !to) {
    deps.logger.warn('enforcement hand-off not sent: no channel or no address', { tenantId, dossierId });
    return;
  }
  const judicial = dossier.judicial!;
  const title = titleDate(judicial) ?? judicial.events['small-claims-agreed'];
  const bundle = judicial.courtFile?.bundle?.key ?? judicial.courtFile?.request.key;
  const text = [
    `Mandat d'exécution — dossier ${dossierId}${event.details?.agentName ? ` (${event.details.agentName})` : ''}.`,
    title
      ? `Titre exécutoire du ${longDate(title, 'fr')} (${judicial.events['enforceable-formula'] ? 'ordonnance portant injonction de payer revêtue de la formule exécutoire, CPC 1422' : judicial.events.judgment ? 'jugement' : 'accord du débiteur, procédure simplifiée, CPCE L125-1'}).`
      : 'Titre exécutoire : voir le dossier.',
    bundle ? `Dossier de pièces : ${bundle}` : 'Dossier de pièces : non généré.',
    `Délai d'exécution du titre : 10 ans (CPCE L111-4). Référence : ${event.reference ?? event.eventId}.`,
  ].join('\n\n');
  const receipt = await deps.enforcementHandOff.handOff({
    at,
    tenantId,
    dossierId,
    debtorId: dossier.debtor.ref,
    to,
    idempotencyKey: `${tenantId}#${dossierId}#${eventId}`,
    subject: `Mandat d'exécution — dossier ${dossierId}`,
    text,
  });
  await deps.repository.appendEvent({
    tenantId,
    dossierId,
    eventId,
    type: 'enforcement-handed-off',
    at,
    day: event.date,
    actor: 'pipeline',
    channel: 'email',
    legalBasis: ['CPCE L122-1', 'CPCE L111-4'],
    ...(receipt.document ? { document: receipt.document } : {}),
    note: bundle ? 'bundle attached by key' : 'no bundle',
  });
  deps.logger.info('enforcement handed off', { tenantId, dossierId });
}
