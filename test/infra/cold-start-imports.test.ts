import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { constructBuildOptions } from '../../infra/local/bench/bundles';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every input a cold start evaluates: reached from the entry by static imports only, not `import()`. */
function loadedAtInit(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const input = queue.pop()!;
    if (seen.has(input)) continue;
    seen.add(input);
    for (const imported of metafile.inputs[input]?.imports ?? [])
      if (imported.kind !== 'dynamic-import' && !imported.external) queue.push(imported.path);
  }
  return seen;
}

/**
 * pdf-lib (with its standard fonts, pako and upng: ~430 KB minified) reads Factur-X PDFs, a
 * rare file in the intake and the API: it must be loaded with the first PDF, never at a cold start.
 */
describe.each(['intake', 'api'])('the %s cold start', (name) => {
  it('evaluates no PDF library until a PDF arrives', async () => {
    const entry = `functions/${name}/index.ts`;
    const { metafile } = await build({
      ...constructBuildOptions('runtime'),
      entryPoints: [join(ROOT, entry)],
      outfile: join(ROOT, '.tmp-cold-start', name, 'index.mjs'),
      write: false,
      metafile: true,
    });

    const atInit = [...loadedAtInit(metafile, entry)];

    expect(atInit.length).toBeGreaterThan(50);
    expect(atInit.filter((input) => /node_modules\/(pdf-lib|@pdf-lib|pako)\//.test(input))).toEqual([]);
    // …and it is still in the bundle, behind the lazy import.
    expect(Object.keys(metafile.inputs).some((input) => input.includes('node_modules/pdf-lib/'))).toBe(true);
  });
});

describe('the lazily loaded PDF reader in a Lambda bundle', () => {
  it('reads a Factur-X PDF, loading pdf-lib from inside the one bundle file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lazy-pdf-'));
    try {
      const outfile = join(dir, 'index.mjs');
      const entry = `
        import { readFileSync } from 'node:fs';
        import { readEInvoice } from './shared/use-cases/intake/e-invoices/read-e-invoice';
        const { invoice, document } = await readEInvoice(readFileSync(process.argv[2]));
        process.stdout.write(JSON.stringify({ syntax: invoice.syntax, number: invoice.number, type: document.contentType }));
      `;
      const { logLevel: _, ...options } = constructBuildOptions('bundled');
      await build({ ...options, stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, outfile });

      // Run outside the repository: no node_modules beside the bundle to load pdf-lib from.
      const run = spawnSync(
        process.execPath,
        [outfile, join(ROOT, 'test/fixtures/e-invoices/factur-x-invoice.pdf')],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );

      // The last lines only: a thrown error prints the minified source line first.
      expect(run.stderr.slice(-300)).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ syntax: 'factur-x', type: 'application/pdf' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
