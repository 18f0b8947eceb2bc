import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { NO_OVERRIDES, parseRateOverrides, type RateOverrides } from '../../domain/legal/rate-overrides';
import type { Logger } from '../../use-cases/ports';
import { OverlayRateSource } from '../rates/overlay-rate-source';

/**
 * The embedded stack's rate overrides: `<data>/rates.json` (default `data/rates.json`, relative to
 * where the command runs), written by `recouvrement rates add`, read by `demo`, `serve`, `claim`
 * and `preview`. Same format as `rates/overrides.json` in the config bucket on AWS, so a file
 * tried locally is the file uploaded (docs/legal.md §2, "Rates").
 */
export const DEFAULT_DATA_DIR = 'data';

export function rateOverridesPath(dataDir: string = DEFAULT_DATA_DIR): string {
  return join(dataDir, 'rates.json');
}

/** The file's text, or undefined when there is none yet (no overrides). */
export async function readRateOverridesText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Parsed and validated; a ValidationError names the field, a bad JSON says so. */
export async function loadRateOverrides(path: string): Promise<RateOverrides> {
  const text = await readRateOverridesText(path);
  return text === undefined ? NO_OVERRIDES : parseRateOverrides(JSON.parse(text));
}

const COMMENT =
  'Rate half-years added by operators (recouvrement rates add), winning over shared/domain/legal/data/rates.json per half-year. Each entry names its source. docs/legal.md §2, "Rates".';

/** Writes through a temporary file and a rename: a crash never leaves half a file. */
export async function saveRateOverrides(path: string, overrides: RateOverrides): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(
    temporary,
    `${JSON.stringify({ $comment: COMMENT, entries: overrides.entries }, null, 2)}\n`,
  );
  await rename(temporary, path);
}

/** The embedded pipeline's RateSource: packaged table + this folder's overrides. */
export function localRateSource(dataDir: string, logger: Logger, cacheMs?: number): OverlayRateSource {
  const path = rateOverridesPath(dataDir);
  return new OverlayRateSource(
    () => readRateOverridesText(path),
    logger,
    cacheMs === undefined ? {} : { cacheMs },
  );
}
