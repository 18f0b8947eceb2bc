import { ValidationError } from './errors';

/** Amounts are integer cents with an ISO 4217 currency: no float arithmetic ever touches money. */
export type Currency = 'EUR';

export interface Money {
  readonly cents: number;
  readonly currency: Currency;
}

export function money(cents: number, currency: Currency = 'EUR'): Money {
  if (!Number.isSafeInteger(cents))
    throw new ValidationError('amountCents', `not an integer amount of cents: ${cents}`);
  return { cents, currency };
}

export function sumCents(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** "1 234,56 €" — French formatting, from cents without going through a float division. */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${sign}${euros},${rest}\u00a0€`;
}

/** Parses "1234.56", "1 234,56" or "1234" (euros) into cents, exactly (string arithmetic, no float). */
export function parseEurosToCents(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}
