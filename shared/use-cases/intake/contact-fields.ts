import {
  type CountryCode,
  isSupportedCountry,
  type MetadataJson,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';
import type { Parsed } from './french-formats';
import trimmedMetadata from './phone-metadata.json' with { type: 'json' };

/**
 * libphonenumber-js' metadata for the countries whose debtors we serve (Europe and French
 * overseas, infra/local/tools/phone-metadata-subset.ts): the full set, 245 countries, was 83 KB
 * of the intake and api bundles.
 */
const metadata = trimmedMetadata as unknown as MetadataJson;

/**
 * A phone number as typed in a spreadsheet (`06 12 34 56 78`, `+33 6 12 34 56 78`, `0033…`,
 * `06.12.34.56.78`) → E.164 (`+33612345678`), the form SMS providers take and the dossier
 * stores. National numbers are read in the row's country (FR by default). libphonenumber-js'
 * "min" metadata checks the country code and the length for that country, not which blocks
 * are allocated (the "max" metadata would, for 65 kB more in the intake bundle). Outside the
 * served countries only the international form is read.
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

/** What people put between digit groups; removed before telling the international form apart. */
const SEPARATORS = /[\s.\-/()]/g;
/**
 * `+` or `00`: every served country dials out with 00 (test/use-cases/intake/phone-metadata.test.ts),
 * so `0044…` written in any of them is the international form.
 */
const INTERNATIONAL_PREFIX = /^(?:\+|00)/;

function parsePhone(text: string, country: string): Parsed<string> {
  const compact = text.replace(SEPARATORS, '');
  const international = INTERNATIONAL_PREFIX.test(compact);
  if (international) {
    const digits = compact.replace(INTERNATIONAL_PREFIX, '');
    if (!servedCallingCode(digits)) return unservedInternational(digits);
  }
  const defaultCountry = isSupportedCountry(country as CountryCode, metadata)
    ? (country as CountryCode)
    : undefined;
  if (!defaultCountry && !international)
    return {
      ok: false,
      reason: `national form not read for ${country}: write it in international form (+…)`,
    };
  // Without a default country libphonenumber knows no exit code: `00` is spelt `+` for it.
  const typed = defaultCountry ? text : `+${compact.replace(INTERNATIONAL_PREFIX, '')}`;
  const phone = parsePhoneNumberFromString(typed, defaultCountry ? { defaultCountry } : {}, metadata);
  if (!phone?.isValid())
    return {
      ok: false,
      reason: `not a valid phone number for ${defaultCountry ?? 'an international number (+…)'}`,
    };
  return { ok: true, value: phone.number };
}

/** Calling codes are prefix-free and 1 to 3 digits long: at most one of these prefixes is one. */
function servedCallingCode(digits: string): boolean {
  return [1, 2, 3].some((length) => Object.hasOwn(metadata.country_calling_codes, digits.slice(0, length)));
}

/**
 * A number whose calling code is outside the served countries is taken as E.164 when it looks
 * like one (a country code not starting with 0, 8 to 15 digits in all): we store E.164, and
 * without the full metadata we cannot check such a number's length or blocks offline. The
 * SMS provider is the one to refuse a number that does not exist.
 */
function unservedInternational(digits: string): Parsed<string> {
  if (/^[1-9]\d{7,14}$/.test(digits)) return { ok: true, value: `+${digits}` };
  return { ok: false, reason: 'not a valid international number (+ then 8 to 15 digits)' };
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
