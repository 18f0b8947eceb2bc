/**
 * What follows from an accepted court event (docs/legal.md §10): a lawyer task on an opposition,
 * a task to ask for the enforceable formula, the hand-off to the commissaire de justice, a payment
 * for what an enforcement act recovered. Apart from record-court-event.ts: each effect is
 * idempotent on its own and the judicial step opens the same tasks.
 */
import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import type { CourtEffect } from '../../domain/judicial/court-events';
import { titleDate } from '../../domain/judicial/court-title';
import { longDate } from '../../domain/messages/format';
import { recordPayment } from '../events/record-payment';
import { findTenant } from '../find-tenant';
import type { CallTask } from '../ports';
import type { CourtEventInput } from './court-event-input';
import type { CourtEventDeps } from './record-court-event';

/** The effects of an accepted event; each one idempotent (ids from the event), so a retry repeats none. */
export async function carryOut(
  deps: CourtEventDeps,
  dossier: Dossier,
  event: CourtEventInput,
  effects: CourtEffect[],
  at: string,
): Promise<void> {
  for (const effect of effects) {
    switch (effect.kind) {
      case 'lawyer-task':
        await deps.repository.putTask(lawyerTask(dossier, event.date, at));
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

/** The opposition's lawyer task: one id per opposition, whether the API or the judicial step opens it. */
export function lawyerTask(dossier: Dossier, opposedOn: LocalDate, at: string): CallTask {
  return judicialTask(
    dossier,
    { eventId: 'opposition', date: opposedOn },
    at,
    'lawyer',
    'opposition: the claim is contested, hand it to a lawyer',
  );
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
