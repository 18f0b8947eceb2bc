import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrueTypeFont } from './truetype';

/**
 * The letters' typeface: DejaVu Sans, which covers Latin (Ł, ő, ș, Ğ…), Greek and Cyrillic,
 * so a debtor's name prints as written. Font files are data, not code: the Lambda bundle gets
 * them copied next to it (infra/aws/constructs/pipeline-function.ts, `letterFonts`), embedded
 * and test runs read them from the dejavu-fonts-ttf package.
 */
export const LETTER_FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;
/** Folder beside the bundled handler (index.mjs) the deployment copies the files into. */
export const BUNDLED_FONT_DIR = 'fonts';
/** Where the package keeps them, relative to its folder in node_modules. */
export const PACKAGE_FONT_DIR = 'ttf';
export const FONT_PACKAGE = 'dejavu-fonts-ttf';

export interface LetterFonts {
  regular: TrueTypeFont;
  bold: TrueTypeFont;
}

let loaded: LetterFonts | undefined;

/** Read once per process (first letter), then shared by every document: parsing is cheap, the files are not. */
export function letterFonts(): LetterFonts {
  if (loaded) return loaded;
  const folder = fontFolder();
  loaded = {
    regular: new TrueTypeFont(readFileSync(join(folder, LETTER_FONT_FILES.regular))),
    bold: new TrueTypeFont(readFileSync(join(folder, LETTER_FONT_FILES.bold))),
  };
  return loaded;
}

/** Beside the module first (a bundle on Lambda), else the package in node_modules (source runs). */
function fontFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, BUNDLED_FONT_DIR)];
  try {
    const manifest = createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`);
    candidates.push(join(dirname(manifest), PACKAGE_FONT_DIR));
  } catch {
    // Not resolvable from a bundle without node_modules: the bundled folder must then exist.
  }
  const found = candidates.find((folder) => existsSync(join(folder, LETTER_FONT_FILES.regular)));
  if (!found) throw new Error(`letter fonts not found (looked in ${candidates.join(', ')})`);
  return found;
}
