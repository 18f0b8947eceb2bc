import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Parsed } from './french-formats';

/**
 * A phone number as typed in a spreadsheet (`06 12 34 56 78`, `+33 6 12 34 56 78`, `0033…`,
 * `06.12.34.56.78`) → E.164 (`+33612345678`), the form SMS providers take and the dossier
 * stores. National numbers are read in the row's country (FR by default). libphonenumber-js'
 * default metadata checks the country code and the length for that country, not which blocks
 * are allocated (the "max" metadata would, for 65 kB more in the intake bundle).
 */
export function e164Phone(text: string, country: string): Parsed<string> {
  // A debtor's number repeats on each of their invoices: parsed once per file, not per row.
  const key = `${country} ${text}`;
  const known = parsedPhones.get(key);
  if (known) return known;
  if (parsedPhones.size >= PHONES_KEPT) parsedPhones.clear();
  const parsed = parsePhone(text, country);
  parsedPhones.set(key, parsed);
  return parsed;
}

const PHONES_KEPT = 10_000;
const parsedPhones = new Map<string, Parsed<string>>();

function parsePhone(text: string, country: string): Parsed<string> {
  const defaultCountry = isSupportedCountry(country) ? (country as CountryCode) : undefined;
  const phone = parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry } : {});
  if (!phone?.isValid())
    return {
      ok: false,
      reason: `not a valid phone number for ${defaultCountry ?? 'an international number (+…)'}`,
    };
  return { ok: true, value: phone.number };
}

/**
 * A French postal code has five digits; Excel reads `01000` as a number and writes `1000`, so
 * four digits in a French address get their leading zero back (Ain, Aisne… 01–09).
 */
export function postalCode(text: string, country: string): Parsed<string> {
  const code = text.trim();
  if (country !== 'FR') return { ok: true, value: code };
  const restored = /^\d{4}$/.test(code) ? `0${code}` : code;
  if (!/^\d{5}$/.test(restored)) return { ok: false, reason: 'not a French postal code (5 digits)' };
  return { ok: true, value: restored };
}
