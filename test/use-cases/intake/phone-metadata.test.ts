import { parsePhoneNumberFromString as parseWithAllCountries } from 'libphonenumber-js';
import { type CountryCode, type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import {
  SERVED_COUNTRIES,
  trimInstalledPhoneMetadata,
} from '../../../infra/local/tools/phone-metadata-subset';
import committed from '../../../shared/use-cases/intake/phone-metadata.json' with { type: 'json' };

/**
 * The intake reads phone numbers with a trimmed copy of libphonenumber-js' metadata (the
 * served countries only). It is generated, so an upgrade of the package must regenerate it:
 * otherwise the served countries would be checked against the old plans.
 */
const trimmed = committed as unknown as MetadataJson;
const planOf = (country: string) => trimmed.countries[country as CountryCode] as unknown as string[];

describe('the committed phone metadata', () => {
  it('is the trim of the installed libphonenumber-js (run infra/local/tools/trim-phone-metadata.ts)', () => {
    expect(committed).toEqual(trimInstalledPhoneMetadata());
  });

  it('holds every served country, and each calling code with all the countries sharing it', () => {
    const listed = Object.entries(trimmed.country_calling_codes).flatMap(([code, countries]) =>
      countries.map((country) => [country, code]),
    );
    expect(Object.fromEntries(listed)).toEqual(
      Object.fromEntries(Object.keys(trimmed.countries).map((country) => [country, planOf(country)[0]])),
    );
    expect(Object.keys(trimmed.countries)).toEqual(expect.arrayContaining([...SERVED_COUNTRIES]));
    expect(trimmed.nonGeographic).toEqual({});
  });

  it('has 00 as an exit code in every kept country (the intake reads 00… as international)', () => {
    for (const country of Object.keys(trimmed.countries))
      expect(new RegExp(`^(?:${planOf(country)[1]})$`).test('00'), country).toBe(true);
  });

  it('reads the kept countries as the full metadata does', () => {
    for (const country of Object.keys(trimmed.countries) as CountryCode[]) {
      const national = (examples as Record<string, string>)[country]!;
      const code = planOf(country)[0];
      // A valid example, one digit short, one too many, in national and international form.
      for (const digits of [national, national.slice(0, -1), `${national}5`])
        for (const typed of [digits, `0${digits}`, `+${code}${digits}`]) {
          const full = parseWithAllCountries(typed, { defaultCountry: country });
          const ours = parsePhoneNumberFromString(typed, { defaultCountry: country }, trimmed);
          expect([ours?.number, ours?.isValid()], `${country} ${typed}`).toEqual([
            full?.number,
            full?.isValid(),
          ]);
        }
    }
  });
});
