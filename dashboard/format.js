/** How figures read on the page: French formats, as the creditor's letters print them. */
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** Integer cents as euros: 123456 → "1 234,56 €". */
export function eur(cents) {
  return typeof cents === 'number' ? euros.format(cents / 100) : '—';
}

/** A ratio (0.25) as a percentage ("25 %"); null (no denominator) as a dash. */
export function pct(ratio) {
  return typeof ratio === 'number' ? percent.format(ratio) : '—';
}

export function num(value) {
  return typeof value === 'number' ? decimal.format(value) : '—';
}

/** "2026-11-30" → "30/11/2026". */
export function day(value) {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? value.split('-').reverse().join('/')
    : '—';
}

/** An instant in Paris time, as the timeline's evidence is read in France. */
export function instant(value) {
  if (!value) return '—';
  return new Date(value).toLocaleString('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'short',
  });
}
