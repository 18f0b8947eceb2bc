import { ValidationError } from '../errors';
import type { MessageContext } from './message-context';
import { MAX_SMS_SEGMENTS } from './sms';
import { renderSms, TEMPLATES, templateIds } from './templates';

/**
 * The longest values an SMS can carry besides the creditor's name: a reference built from a
 * 64-character debtor_ref (intake's bound) and a total of 12 integer digits (thousands of
 * invoices at intake's 10^11-cent cap). Plain letters: one septet each, as references are.
 */
const WORST_CASE: Omit<MessageContext, 'creditorName' | 'language'> = {
  creditorEmail: 'x@x.example',
  debtorName: 'X',
  reference: `DOS-${'X'.repeat(64)}`,
  day: '2026-12-31',
  invoices: [],
  totalCents: 999_999_999_999_99,
};

/**
 * Whether every SMS template, in every language, still fits MAX_SMS_SEGMENTS GSM-7 segments
 * with this creditor name and the longest other values: checked when the tenant registers, so
 * an over-long name is refused once, by name, rather than failing SMS steps later.
 */
export function creditorNameFitsSms(creditorName: string): boolean {
  for (const language of Object.keys(TEMPLATES) as MessageContext['language'][]) {
    for (const template of templateIds()) {
      try {
        renderSms(template, { ...WORST_CASE, creditorName, language });
      } catch (error) {
        if (error instanceof ValidationError && error.field === 'sms') return false;
        throw error;
      }
    }
  }
  return true;
}

export { MAX_SMS_SEGMENTS };
