import { type LocalDate, parisDate } from '../../domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../domain/dossier';
import { NotFoundError } from '../../domain/errors';
import type { EscalationAction } from '../../domain/escalation';
import { claimDayOf } from '../../domain/level-claims';
import { expectedRecoveryCents } from '../../domain/recoverability-score';
import type { TimelineEvent } from '../../domain/timeline';
import { composePlanMessage } from '../payment-plans/plan-message';
import type { MessageMeta, SentReceipt, TenantProfile } from '../ports';
import { actionClaim } from './action-claim';
import { composeMessage } from './compose-message';
import type { PipelineDeps } from './deps';

export interface ActionResult {
  channel: EscalationAction['channel'];
  level: string;
  status: 'sent' | 'already-sent' | 'skipped';
  reference?: string;
}

/**
 * Performs one channel of one level, exactly once per (dossier, day, level, channel).
 * 1. load dossier and creditor profile; 2. claim the action on the timeline ('pending');
 *    an action already 'done' returns at once; 3. render and send through the messenger;
 * 4. mark the timeline event 'done' with the document's key and hash.
 * A crash between 3 and 4 leaves the claim 'pending': the retry sends through the messenger again,
 * which finds its evidence of the accepted e-mail or SMS (sent-messages.ts) and returns it without
 * sending; letters are one document per name and the registered post takes the key. Left: a crash
 * between the provider's acceptance and that evidence (docs/reliability.md, "Known limits").
 */
/** What performing an action needs: no launcher, no documents store (the messenger keeps the evidence). */
export type ActDeps = Pick<
  PipelineDeps,
  'repository' | 'tenants' | 'messenger' | 'letters' | 'registeredMail' | 'logger' | 'senderEmail' | 'rates'
>;

export async function performAction(
  deps: ActDeps,
  input: { tenantId: string; dossierId: string; asOf: string; action: EscalationAction },
  /** The dossier as its page read it (act-on-page.ts): the claim below still guards the send. */
  preloaded?: Dossier,
  /**
   * deferDone: the page writes the 'done' marks of its sends together (act-on-page.ts) and takes
   * this one instead of writing it. Until then the claim is 'pending', as after a crash: a retry
   * goes to the messenger, whose evidence answers without sending again.
   * claimed: the page wrote this action's claim (actionClaim) already, with the others of the page.
   */
  options: { deferDone?: (done: TimelineEvent) => void; claimed?: boolean } = {},
): Promise<ActionResult> {
  const { tenantId, dossierId, action } = input;
  const dossier = preloaded ?? (await deps.repository.getDossier(tenantId, dossierId));
  if (!dossier) throw new NotFoundError(`dossier ${dossierId} not found`);
  const claim = actionClaim(dossier, action, input.asOf);
  const { eventId } = claim;
  // The claim as the table holds it: a pending one of an earlier run keeps its own `at` and amount.
  let held = claim;
  if (!options.claimed && !(await deps.repository.appendEvent(claim))) {
    const previous = await deps.repository.getEvent(tenantId, dossierId, eventId);
    if (previous?.state === 'done')
      return { channel: action.channel, level: action.level, status: 'already-sent' };
    if (previous) held = previous;
  }
  const tenant = await deps.tenants.getTenant(tenantId);
  const receipt = await send(deps, dossier, tenant, action, input.asOf, eventId);
  if (action.channel === 'sms') {
    // SNS reports an undelivered SMS by message id only: remember whose it was (delivery feedback).
    await deps.repository.putMessageRef({
      messageId: receipt.reference,
      tenantId,
      dossierId,
      eventId,
      level: action.level,
      channel: action.channel,
    });
  }
  const done: TimelineEvent = {
    ...held,
    state: 'done',
    ...(receipt.document ? { document: receipt.document } : {}),
    ...(receipt.trackingRef ? { trackingRef: receipt.trackingRef } : {}),
  };
  if (options.deferDone) options.deferDone(done);
  else await deps.repository.markEventDone(done);
  deps.logger.info('action sent', {
    tenantId,
    dossierId,
    scenarioLevel: action.level,
    channel: action.channel,
  });
  return { channel: action.channel, level: action.level, status: 'sent', reference: receipt.reference };
}

/**
 * Renders the message (compose-message.ts) and hands it to the messenger. A registered letter
 * (the formal notice) is then posted through the RegisteredMail port once its PDF is stored;
 * the provider's tracking reference goes on the timeline, and its delivery receipt, later,
 * starts the payment deadline (notice-delivery.ts).
 */
async function send(
  deps: ActDeps,
  dossier: Dossier,
  tenant: TenantProfile,
  action: EscalationAction,
  at: string,
  eventId: string,
): Promise<SentReceipt & { trackingRef?: string }> {
  const day: LocalDate = parisDate(at);
  const meta: MessageMeta = {
    at,
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    debtorId: dossier.debtor.ref,
    level: action.level,
    template: action.template,
    idempotencyKey: `${dossier.tenantId}#${dossier.dossierId}#${eventId}`,
  };
  // Messages that may claim interest (letters, a formal notice by any channel) need the
  // timeline (payments, notices) and the effective rates.
  const claims = !action.plan && (action.channel === 'letter' || action.levelKind === 'formal-notice');
  const timeline = claims ? await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId) : [];
  const message = action.plan
    ? composePlanMessage({ dossier, tenant, ref: action.plan, channel: action.channel, day })
    : composeMessage({
        ...(claims ? { rates: (await deps.rates.current()).table } : {}),
        dossier,
        tenant,
        timeline,
        template: action.template,
        levelKind: action.levelKind,
        channel: action.channel,
        day,
        ...(action.paymentDeadlineDays !== undefined
          ? { paymentDeadlineDays: action.paymentDeadlineDays }
          : {}),
      });
  switch (message.channel) {
    case 'email':
      return deps.messenger.sendEmail({
        ...meta,
        subject: message.subject,
        text: message.text,
        html: message.html,
        to: dossier.debtor.email!,
        from: deps.senderEmail,
        replyTo: tenant.email,
      });
    case 'sms':
      return deps.messenger.sendSms({ ...meta, to: dossier.debtor.phone!, text: message.text });
    case 'letter': {
      const registered = action.levelKind === 'formal-notice';
      const pdf = await deps.letters.render(message.content);
      const receipt = await deps.messenger.sendLetter({
        ...meta,
        recipientName: dossier.debtor.name,
        recipientAddress: dossier.debtor.address,
        pdf,
        registered,
      });
      if (!registered) return receipt;
      const posted = await deps.registeredMail.post({
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        idempotencyKey: meta.idempotencyKey,
        day,
        at,
        level: action.level,
        recipientName: dossier.debtor.name,
        recipientAddress: dossier.debtor.address,
        pdf,
        ...(receipt.document ? { documentKey: receipt.document.key } : {}),
      });
      return { ...receipt, trackingRef: posted.trackingRef };
    }
    case 'call': {
      const outstanding = dossierOutstandingCents(dossier);
      await deps.repository.putTask({
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        // The task of the first claim: a level retried on a later day opens no second call.
        taskId: `${claimDayOf(action)}-${action.level}`,
        createdAt: at,
        dueOn: day,
        // Expected recovery (outstanding × recoverability score): the queue calls where it pays most.
        priority: expectedRecoveryCents(dossier, day),
        level: action.level,
        status: 'open',
        kind: 'call',
        outstandingCents: outstanding,
      });
      return deps.messenger.announceCall({ ...meta, priority: outstanding, summary: message.summary });
    }
  }
}
