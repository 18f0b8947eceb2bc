import type { Language } from './templates';

/**
 * Invoices the debtor disputes are left out of a message's list and total while the dispute runs
 * (disputes.ts): the message names them, so the debtor sees they are neither forgotten nor
 * claimed. '' when none. At most ten numbers, then a count.
 */
export function disputedNote(
  numbers: readonly string[] | undefined,
  language: Language,
  medium: 'letter' | 'message' = 'letter',
): string {
  if (!numbers || numbers.length === 0) return '';
  const shown = numbers.slice(0, 10).join(', ');
  const rest = numbers.length - 10;
  const fr = language === 'fr';
  const more = rest > 0 ? (fr ? ` et ${rest} autres` : ` and ${rest} more`) : '';
  const what = fr ? (medium === 'letter' ? 'Ce courrier' : 'Ce message') : `This ${medium}`;
  return fr
    ? `${what} ne réclame pas les factures que vous contestez (${shown}${more}) : elles restent en attente de l'examen de votre contestation.`
    : `${what} does not claim the invoices you dispute (${shown}${more}): they wait for your dispute to be examined.`;
}
