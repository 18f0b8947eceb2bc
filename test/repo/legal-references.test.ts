import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every legal rule cites its source next to the code, and the project's own legal reference is
 * docs/legal.md: a citation must lead a newcomer to a section that exists in the repository,
 * never to a file outside it.
 */
const ROOT = resolve(__dirname, '../..');
const SKIP = new Set(['node_modules', '.git', '.ci', 'cdk.out', 'out', 'data', 'bench']);
const TEXT = /\.(ts|mts|mjs|json|md|csv)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return TEXT.test(entry.name) && entry.name !== 'package-lock.json' ? [path] : [];
  });
}

// This file names the outside reference on purpose; nothing else may.
const sources = files(ROOT)
  .filter((f) => !f.endsWith('legal-references.test.ts'))
  .map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

const sections = new Set(
  [...readFileSync(join(ROOT, 'docs/legal.md'), 'utf8').matchAll(/^## (\d+)\. /gm)].map((m) => m[1]),
);

describe('legal citations', () => {
  it('never point to a legal reference outside the repository', () => {
    const outside = sources.filter((s) => /legal-fr/.test(s.text)).map((s) => s.file);
    expect(outside).toEqual([]);
  });

  it('point to sections docs/legal.md has', () => {
    const broken: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/docs\/legal\.md (§\d+(?:[,–-] ?§?\d+)*)/g)) {
        for (const n of (m[1] as string).match(/\d+/g) ?? []) {
          if (!sections.has(n)) broken.push(`${file}: ${m[0]}`);
        }
      }
    }
    expect(sections.size).toBeGreaterThanOrEqual(12);
    expect(broken).toEqual([]);
  });
});
