import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { trimInstalledPhoneMetadata } from './phone-metadata-subset';

/**
 * Writes the phone metadata the intake reads (the served countries only, phone-metadata-subset.ts)
 * from the installed libphonenumber-js. Run after upgrading it: `npx tsx infra/local/tools/trim-phone-metadata.ts`.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const OUT = join(ROOT, 'shared', 'use-cases', 'intake', 'phone-metadata.json');

const trimmed = trimInstalledPhoneMetadata();
writeFileSync(OUT, `${JSON.stringify(trimmed, null, 2)}\n`);
// Written as the linter formats it, so `npm run lint` stays clean on a regenerated file.
execFileSync('npx', ['biome', 'format', '--write', OUT], { cwd: ROOT, stdio: 'inherit' });
const countries = Object.keys(trimmed.countries).length;
const codes = Object.keys(trimmed.country_calling_codes).length;
console.log(
  `${relative(ROOT, OUT)}: ${countries} countries, ${codes} calling codes, libphonenumber-js ${trimmed.libphonenumber_js}`,
);
