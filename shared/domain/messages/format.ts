import type { LocalDate } from '../calendar';
import { formatEuros } from '../money';

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function longDate(date: LocalDate, language: 'fr' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return language === 'fr'
    ? `${d === 1 ? '1er' : d} ${MONTHS_FR[m - 1]} ${y}`
    : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

export function shortDate(date: LocalDate, language: 'fr' | 'en'): string {
  const [y, m, d] = date.split('-');
  return language === 'fr' ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
}

export function amount(cents: number, language: 'fr' | 'en'): string {
  if (language === 'fr') return formatEuros(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}EUR ${Math.floor(abs / 100).toLocaleString('en-GB')}.${(abs % 100).toString().padStart(2, '0')}`;
}

/** Every value put in HTML goes through here: debtor names and invoice numbers come from files. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
