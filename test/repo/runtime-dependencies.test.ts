import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci --omit=dev && npm run demo` must work: whatever the CLI's run-time commands load is a
 * dependency, not a devDependency. This walks the static import graph from the CLI entry and
 * each run-time command (the bench builds bundles with esbuild: a developer's tool, left out)
 * and checks every package it reaches against package.json's `dependencies`.
 */
const ROOT = resolve(__dirname, '../..');
const DEV_ONLY_COMMANDS = new Set(['bench.ts']);
/** Loaded inside a try with a fallback when absent (preview reads its PDF back if it can). */
const OPTIONAL = new Set(['unpdf']);

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function entryPoints(): string[] {
  const commands = readdirSync(join(ROOT, 'infra/local/commands'))
    .filter((f) => f.endsWith('.ts') && !DEV_ONLY_COMMANDS.has(f))
    .map((f) => join(ROOT, 'infra/local/commands', f));
  return [join(ROOT, 'bin/recouvrement.mjs'), join(ROOT, 'infra/local/polyfills.ts'), ...commands];
}

/** Specifiers that load code at run time (type-only imports are erased). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms;
  for (const m of source.matchAll(statement)) if (!m[2]) found.push(m[3] as string);
  for (const m of source.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(m[1] as string);
  for (const m of source.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(m[1] as string);
  // A worker thread's script: new Worker(new URL('./x.mjs', import.meta.url)).
  for (const m of source.matchAll(/new URL\(\s*'(\.[^']+)',\s*import\.meta\.url\s*\)/g))
    found.push(m[1] as string);
  return found;
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.mjs`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && /\.(ts|mjs|js)$/.test(candidate)) return candidate;
  }
  return undefined; // JSON and other assets
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}

function packagesReachedFrom(entries: string[]): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>(); // package -> first file importing it
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const next = resolveRelative(file, spec);
        if (next) queue.push(next);
      } else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) {
        const name = packageName(spec);
        if (!packages.has(name)) packages.set(name, file.slice(ROOT.length + 1));
      }
    }
  }
  return packages;
}

describe('run-time dependencies', () => {
  const reached = packagesReachedFrom(entryPoints());

  it('walks the CLI graph (the demo loads the embedded stack)', () => {
    expect(reached.has('dynalite')).toBe(true);
    expect(reached.has('aws-local-stepfunctions')).toBe(true);
    expect(reached.has('tsx')).toBe(true);
  });

  it('declares every package the CLI loads at run time in dependencies', () => {
    const missing = [...reached]
      .filter(([name]) => !OPTIONAL.has(name) && !(name in pkg.dependencies))
      .map(([name, file]) => `${name} (imported by ${file})`);
    expect(missing).toEqual([]);
  });
});
