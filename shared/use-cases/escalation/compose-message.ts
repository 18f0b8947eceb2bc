import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ValidationError } from '../../domain/errors';
import { AGENCY_MENTIONS } from '../../domain/legal/formal-notice-content';
import { DEFAULT_RATES, type RateTable } from '../../domain/legal/rates';
import { buildMessageContext, type MessageContext } from '../../domain/messages/message-context';
import { smsSegments } from '../../domain/messages/sms';
import { renderEmail, renderSms } from '../../domain/messages/templates';
import type { Channel } from '../../domain/parties';
import type { LevelKind } from '../../domain/scenario';
import type { TimelineEvent } from '../../domain/timeline';
import type { LetterContent, TenantProfile } from '../ports';
import { assertFormalNoticeComplete, formalNoticeFigures, letterText } from './formal-notice';
import { type FirstLetter, letterContent, letterReference } from './letter-content';

export type ComposedMessage =
  | { channel: 'email'; subject: string; text: string; html: string }
  | { channel: 'sms'; text: string; segments: number }
  | { channel: 'letter'; content: LetterContent }
  | { channel: 'call'; summary: string };

export interface ComposeInput {
  dossier: Dossier;
  tenant: TenantProfile;
  timeline: readonly TimelineEvent[];
  template: string;
  levelKind: LevelKind;
  channel: Channel;
  day: LocalDate;
  paymentDeadlineDays?: number;
  /** Overrides the debtor's language (the preview command). */
  language?: MessageContext['language'];
  /**
   * The effective rate table (packaged + operators' overrides, RateSource) for messages that
   * claim interest; the packaged table when absent (messages that claim none).
   */
  rates?: RateTable;
}

/** The first letter the dossier's timeline shows as sent (CPCE R124-4: later letters recall it). */
export function firstLetterOf(
  dossierId: string,
  timeline: readonly TimelineEvent[],
): FirstLetter | undefined {
  const days = timeline
    .filter((e) => e.type === 'action-sent' && e.channel === 'letter' && e.state !== 'pending')
    .map((e) => e.day)
    .sort();
  return days[0] ? { reference: letterReference(dossierId, days[0]), day: days[0] } : undefined;
}

/**
 * What one channel of one level says, rendered from the templates: the same function serves
 * the escalation step and the preview command, so a preview is what the debtor would get.
 * Letters that claim amounts (a formal notice; every letter in agency mode, CPCE R124-4 3°)
 * carry what the legal engine computes, and are checked for their mentions before they leave.
 */
export function composeMessage(input: ComposeInput): ComposedMessage {
  const { dossier, tenant, day, channel } = input;
  const base = buildMessageContext(dossier, tenant, day, input.paymentDeadlineDays);
  const ctx: MessageContext = input.language ? { ...base, language: input.language } : base;
  const rates = input.rates ?? DEFAULT_RATES;
  switch (channel) {
    case 'email': {
      if (input.levelKind !== 'formal-notice') return { channel, ...renderEmail(input.template, ctx) };
      // A formal notice by e-mail claims what the letter claims, and says where interest stops.
      const claim = formalNoticeFigures(dossier, input.timeline, day, rates);
      return { channel, ...renderEmail(input.template, { ...ctx, claim, totalCents: claim.totalDueCents }) };
    }
    case 'sms': {
      const text = renderSms(input.template, ctx);
      return { channel, text, segments: smsSegments(text) };
    }
    case 'call':
      return { channel, summary: `${ctx.invoices.length} invoice(s) overdue` };
    case 'letter': {
      const formal = input.levelKind === 'formal-notice';
      const agency = tenant.mode === 'agency';
      let letterCtx = ctx;
      if (formal || agency) {
        // The letter claims what the legal engine computes today, with its basis.
        const claim = formalNoticeFigures(dossier, input.timeline, day, rates);
        letterCtx = { ...ctx, claim, totalCents: claim.totalDueCents };
      }
      const content = letterContent(
        input.template,
        letterCtx,
        dossier,
        tenant,
        firstLetterOf(dossier.dossierId, input.timeline),
      );
      if (formal && letterCtx.claim) assertFormalNoticeComplete(content, dossier, tenant, letterCtx.claim);
      else if (agency) assertAgencyLetterComplete(content);
      return { channel, content };
    }
  }
}

/** In agency mode every letter, not only the formal notice, carries the CPCE R124-4 mentions. */
export function assertAgencyLetterComplete(content: LetterContent): void {
  const text = letterText(content);
  const missing = AGENCY_MENTIONS.filter((mention) => !mention.pattern.test(text));
  if (missing.length > 0) {
    throw new ValidationError(
      'agency-letter',
      `missing mentions: ${missing.map((mention) => `${mention.label} (${mention.article})`).join('; ')}`,
    );
  }
}
