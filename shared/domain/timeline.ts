import type { LocalDate } from './calendar';
import type { CallOutcomeRecord } from './call-outcome';
import type { DeliveryFailureKind } from './delivery-feedback';
import type { JudicialDecisionKind, JudicialRecommendation } from './judicial/judicial-state';
import type { Channel } from './parties';

export type TimelineEventType =
  | 'invoice-added'
  | 'action-sent'
  | 'task-created'
  | 'judicial-review-flagged'
  | 'court-event'
  | 'court-deadline'
  | 'enforcement-handed-off'
  | 'judicial-decision'
  | 'written-off'
  | 'insolvency-recorded'
  | 'payment-received'
  | 'dossier-paid'
  | 'accessories-waived'
  | 'dispute-opened'
  | 'prescription-warning'
  | 'invoice-prescribed'
  | 'dossier-prescribed'
  | 'delivery-failed'
  | 'action-postponed'
  | 'letter-posted'
  | 'letter-delivered'
  | 'letter-returned'
  | 'letter-undelivered'
  | 'statement-sent'
  | 'call-outcome'
  | 'opt-out-recorded'
  | 'escalation-parked'
  | 'escalation-resumed'
  /** A credit note (e-invoice, BT-3 381) reduced the invoice it references (BT-25). */
  | 'credit-note-applied'
  /** An e-invoicing platform reported a lifecycle status of one of the dossier's invoices. */
  | 'e-invoice-status'
  /** A payment plan agreed, cancelled by the creditor, kept to the end or lapsed (docs/legal.md §14). */
  | 'payment-plan-agreed'
  | 'payment-plan-cancelled'
  | 'payment-plan-completed'
  | 'payment-plan-lapsed'
  /** The court file (request, invitation or form A, and the exhibits bundle) was built: docs/legal.md §10. */
  | 'court-file-built'
  /** Dossier lifecycle (docs/data-model.md, "Lifecycle events"): disputes that end, promises, closure. */
  | 'dispute-resolved'
  | 'promise-made'
  | 'promise-kept'
  | 'promise-broken'
  | 'dossier-closed'
  /** Legal events that move the limitation period (docs/legal.md §1): C.civ. 2240 interruption, 2238 suspension. */
  | 'debt-acknowledged'
  | 'mediation-started'
  | 'mediation-ended'
  /** The debtor's personal data were erased (RGPD art. 17, or retention art. 5(1)(e)): docs/personal-data.md. */
  | 'personal-data-erased';

/**
 * Append-only evidence of what happened to a dossier. `eventId` is deterministic
 * (built from the day, the level, the channel or the external reference), so a
 * retried write lands on the same item and never duplicates an event.
 */
export interface TimelineEvent {
  tenantId: string;
  dossierId: string;
  eventId: string;
  type: TimelineEventType;
  /** Instant the event happened (UTC ISO). */
  at: string;
  /** Paris calendar day of the event (the key's prefix: the timeline sorts by day). */
  day: LocalDate;
  actor: 'pipeline' | 'debtor' | 'creditor' | 'agent' | 'court';
  /** Where a lifecycle event came from: the API, an events file, or a call agent's report. */
  source?: EventSource;
  /** The caller's key (an event id of a file row, a disputeId…): the same key twice changes nothing. */
  idempotencyKey?: string;
  level?: string;
  channel?: Channel;
  template?: string;
  /** Document key (S3) and SHA-256 of a letter or e-mail, for evidence. */
  document?: { key: string; sha256: string };
  /** Several documents at once (a court file): each key with its SHA-256. */
  documents?: { key: string; sha256: string }[];
  /** Article(s) the action rests on. */
  legalBasis?: string[];
  amountCents?: number;
  /** Side effects are claimed ('pending') before they run and marked 'done' after, so a retry resends only an unfinished one. */
  state?: 'pending' | 'done';
  invoiceNumbers?: string[];
  note?: string;
  /** What the provider reported about the message of `level` on `channel` (`delivery-failed` events). */
  deliveryFailure?: DeliveryFailureKind;
  /** Registered letter: the provider's tracking reference (on the sending and the receipt events). */
  trackingRef?: string;
  /** Registered letter posted by hand: the number on La Poste's proof of posting (`letter-posted`). */
  postalTrackingNumber?: string;
  /** A call task's outcome, as the agent reported it (`call-outcome` events). */
  call?: CallOutcomeRecord;
  /** `court-event`: what was recorded (POST /dossiers/{id}/court-events), its fingerprint for idempotency. */
  court?: { kind: string; date: LocalDate; stage: string; fingerprint: string; reference?: string };
  /** The judicial review's recommendation (`judicial-review-flagged`) or the decision taken on it. */
  judicial?: JudicialSummary;
}

/** What a judicial event shows: the path, the court and the itemised amount (judicial-state.ts). */
export type JudicialSummary = Pick<JudicialRecommendation, 'path' | 'court' | 'amount'> & {
  decision?: JudicialDecisionKind;
};

export type EventSource = 'api' | 'file' | 'agent';

export function actionEventId(day: LocalDate, level: string, channel: Channel): string {
  return `${day}#ACT#${level}#${channel}`;
}
