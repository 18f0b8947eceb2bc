import { addYears, isLocalDate, type LocalDate } from '../../domain/calendar';

/**
 * Amounts and dates as French spreadsheets write them. Every parser returns a value or the
 * reason it refuses one; a reason never quotes the value (it may be a debtor's data).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Largest invoice amount accepted: 10^11 cents (one billion euros). Far above any real invoice,
 * it catches a misplaced column (an IBAN, a SIREN read as an amount) and keeps totals exact
 * (well inside Number.MAX_SAFE_INTEGER).
 */
export const MAX_INVOICE_CENTS = 100_000_000_000;

/** Spaces a spreadsheet groups thousands with: space, no-break space, narrow and figure no-break spaces. */
const GROUPING_SPACE = /[ \u00a0\u202f\u2007]/g;

const EXPECTED_AMOUNT = 'expected euros such as 1234,56, 1 234,56 € or 1.234,56';

/**
 * Euros written as text → cents, exactly (string arithmetic, no float): `1234,56`, `1 234,56`
 * (space, NBSP U+00A0, narrow NBSP U+202F), `1.234,56`, `1234,56 €`, `1 234,56 EUR`, and the
 * export formats `1234.56` and `1,234.56`. More than two decimals is refused (`1,234` is not
 * guessed between 1.234 € and 1 234 €).
 */
export function parseEuros(text: string): Parsed<number> {
  const bare = text
    .trim()
    .replace(/^(€|EUR)\s*|\s*(€|EUR)$/i, '')
    .trim();
  const negative = /^[-−]/.test(bare);
  const digits = bare.replace(/^[-−+]/, '').replace(GROUPING_SPACE, ' ');
  // "12.500": 12 500 € in French grouping, or 12,50 € from an export with three decimals.
  if (/^\d{1,3}\.\d{3}$/.test(digits))
    return {
      ok: false,
      reason: 'ambiguous amount (a dot before three digits): write decimals after a comma',
    };
  const split =
    /^(\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(\d+))?$/.exec(digits) ?? // French: 1 234,56 / 1.234,56 / 1234,56
    /^(\d{1,3}(?:[ ,]\d{3})+|\d+)(?:\.(\d+))?$/.exec(digits); // export: 1234.56 / 1,234.56
  if (!split) return { ok: false, reason: `not an amount (${EXPECTED_AMOUNT})` };
  const [, whole = '', fraction = ''] = split;
  if (fraction.length > 2) return { ok: false, reason: 'more than two decimals' };
  const cents = Number(whole.replace(/[ .,]/g, '')) * 100 + Number(fraction.padEnd(2, '0'));
  return checkedCents(negative ? -cents : cents);
}

/** A JSON number of euros: its shortest decimal writing must have at most two decimals. */
export function parseEurosNumber(value: number): Parsed<number> {
  if (!Number.isFinite(value)) return { ok: false, reason: `not an amount (${EXPECTED_AMOUNT})` };
  // String(0.29) is "0.29": the decimals as written, not the float's binary expansion.
  const written = String(value);
  if (/e/i.test(written))
    return Math.abs(value) < 1
      ? { ok: false, reason: 'more than two decimals' }
      : checkedCents(Math.sign(value) * Infinity);
  return parseEuros(written.replace('.', ','));
}

/** Whole cents (`amount_cents`), as text or a JSON number. */
export function parseCents(value: string | number): Parsed<number> {
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text)) return { ok: false, reason: 'not a whole number of cents' };
  return checkedCents(Number(text));
}

function checkedCents(cents: number): Parsed<number> {
  if (cents <= 0) return { ok: false, reason: 'not a positive amount' };
  if (cents > MAX_INVOICE_CENTS)
    return { ok: false, reason: 'above the limit of 1 000 000 000,00 € (10^11 cents) per invoice' };
  return { ok: true, value: cents };
}

/**
 * Earliest date accepted: a bound against typos (1926 for 2026), not a legal rule. It is older
 * than any claim the ladder can still pursue: the longest period is a judgment's 10 years to
 * enforce (CPCE L111-4, docs/legal.md §1); the prescription sweep judges each claim.
 */
export const EARLIEST_DATE: LocalDate = '1990-01-01';
/** Latest date accepted, in years after the file's day: further is a typo (2062 for 2026). */
export const LATEST_DATE_YEARS = 10;

let latestOf: { today: LocalDate; latest: LocalDate } | undefined;
/** `today` + LATEST_DATE_YEARS, computed once per file day rather than once per date. */
function latestDate(today: LocalDate): LocalDate {
  if (latestOf?.today !== today) latestOf = { today, latest: addYears(today, LATEST_DATE_YEARS) };
  return latestOf.latest;
}

/**
 * A calendar day: ISO `2026-01-31` or French `31/01/2026` (also `31/1/2026`, as Excel shows an
 * unpadded day), between EARLIEST_DATE and `today` + LATEST_DATE_YEARS years.
 */
export function parseLocalDate(text: string, today: LocalDate): Parsed<LocalDate> {
  const trimmed = text.trim();
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const iso = french ? `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}` : trimmed;
  if (!isLocalDate(iso)) return { ok: false, reason: 'not a date (expected YYYY-MM-DD or DD/MM/YYYY)' };
  const latest = latestDate(today);
  if (iso < EARLIEST_DATE || iso > latest)
    return { ok: false, reason: `outside ${EARLIEST_DATE} … ${latest}` };
  return { ok: true, value: iso };
}
