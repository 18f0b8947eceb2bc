import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letterFontCommands } from '../../infra/aws/constructs/pipeline-function';
import { constructBuildOptions } from '../../infra/local/bench/bundles';
import { extractPdfText } from '../support/pdf-text';

/**
 * The renderer as Lambda runs it: bundled with the construct's esbuild options into a folder
 * outside the repository (no node_modules to fall back on), the fonts copied by the
 * construct's afterBundling commands. CDK unit tests skip bundling, so this is where the
 * packaging is proven.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const ENTRY = `
import { PdfLetterRenderer } from './shared/adapters/pdf/pdf-letter-renderer';
const letter = {
  language: 'fr', place: 'Lyon', date: '2026-11-23', reference: 'Réf. DOS-1', title: 'MISE EN DEMEURE',
  sender: { name: "Société Générale d'Éclairage", address: { line1: '8 quai', postalCode: '69001', city: 'Lyon', country: 'FR' } },
  recipient: { name: 'Łukasz Żółć', address: { line1: 'ul. Dvořák 7', postalCode: '00-950', city: 'Warszawa', country: 'PL' } },
  paragraphs: ['Ştefan, Ümit : 12 €'], closing: ['Salutations.'],
};
const pdf = await new PdfLetterRenderer().render(letter);
process.stdout.write(Buffer.from(pdf).toString('base64'));
`;

let dir: string;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'letter-bundle-'));
  bundle = join(dir, 'index.mjs');
  const { logLevel: _, ...options } = constructBuildOptions();
  await build({
    ...options,
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'entry.ts' },
    outfile: bundle,
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runBundle = () => spawnSync(process.execPath, [bundle], { cwd: dir, encoding: 'utf8' });

describe('letter fonts in a Lambda bundle', () => {
  it('fails loudly, not with "?", when the fonts were not copied beside the bundle', () => {
    const run = runBundle();

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('letter fonts not found');
  });

  it('finds the fonts the afterBundling commands copy, and prints the names exactly', async () => {
    // Act: what NodejsFunction runs after esbuild (inputDir = project root, outputDir = the asset).
    for (const command of letterFontCommands(ROOT, dir)) execFileSync('sh', ['-c', command]);
    const run = runBundle();

    // Assess
    expect(run.stderr).toBe('');
    const pdf = Buffer.from(run.stdout, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await extractPdfText(new Uint8Array(pdf));
    for (const name of ['Łukasz Żółć', 'Dvořák', 'Ştefan', 'Ümit', "Société Générale d'Éclairage", '€']) {
      expect(text).toContain(name);
    }
    // The fonts stay files: the JS bundle carries none of their bytes.
    expect(readFileSync(bundle).length).toBeLessThan(100_000);
  });
});
