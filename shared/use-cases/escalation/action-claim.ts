import { type Dossier, dossierOutstandingCents } from '../../domain/dossier';
import type { EscalationAction } from '../../domain/escalation';
import { claimDayOf } from '../../domain/level-claims';
import { actionEventId, type TimelineEvent } from '../../domain/timeline';
import { planLegalBasis } from '../payment-plans/plan-legal-basis';

/** Legal basis recorded on the timeline with each kind of action (the evidence a court reads). */
function legalBasis(action: EscalationAction): string[] {
  if (action.plan) return planLegalBasis(action.plan);
  if (action.levelKind === 'formal-notice') return ['C.civ. 1344', 'C.civ. 1231-6', 'C.civ. 1344-1'];
  return ['C.civ. 1342 (amicable demand)'];
}

/**
 * The timeline event that claims one channel of one level before it is sent ('pending'; marked
 * 'done' once sent): its id is the (day, level, channel), so a second claim of it is refused.
 * A level retried on a later day keeps its first claim's day, so a message already out is not
 * sent again. Written by perform-action.ts alone, or by the page for all its actions at once.
 */
export function actionClaim(dossier: Dossier, action: EscalationAction, asOf: string): TimelineEvent {
  const claimDay = claimDayOf(action);
  return {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    eventId: actionEventId(claimDay, action.level, action.channel),
    type: action.channel === 'call' ? 'task-created' : 'action-sent',
    at: asOf,
    day: claimDay,
    actor: 'pipeline',
    level: action.level,
    channel: action.channel,
    template: action.template,
    legalBasis: legalBasis(action),
    invoiceNumbers: dossier.invoices
      .filter((i) => i.amountCents > i.paidCents && !i.prescribed)
      .map((i) => i.number),
    amountCents: dossierOutstandingCents(dossier),
    state: 'pending',
  };
}
