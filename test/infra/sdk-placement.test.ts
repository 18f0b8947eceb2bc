import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { SDK_PLACEMENT, sdkExternals, sdkPlacementOf } from '../../infra/aws/constructs/sdk-placement';
import { constructBuildOptions, LAMBDA_ENV } from '../../infra/local/bench/bundles';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('AWS SDK placement per function', () => {
  it('has a measured choice for every functions/<name>', () => {
    const folders = readdirSync(join(ROOT, 'functions')).sort();

    expect(Object.keys(SDK_PLACEMENT).sort()).toEqual(folders);
  });

  it('takes the deploy-wide forced placement over the measured one', () => {
    expect(sdkPlacementOf('intake', true)).toBe('bundled');
    expect(sdkPlacementOf('intake', false)).toBe('runtime');
    expect(sdkPlacementOf('intake')).toBe(SDK_PLACEMENT.intake);
  });

  it('leaves out every SDK v3 package for the runtime, none when bundled', () => {
    expect(sdkExternals('runtime')).toEqual(['@aws-sdk/*', '@smithy/*']);
    expect(sdkExternals('bundled')).toEqual([]);
  });
});

/**
 * The intake as Lambda loads it when its SDK is bundled: built with the construct's options
 * into a folder outside the repository, where no node_modules holds an SDK to fall back on.
 */
describe('a function bundled with its SDK', () => {
  const bundleIntake = async (sdk: 'bundled' | 'runtime') => {
    const dir = mkdtempSync(join(tmpdir(), `sdk-${sdk}-`));
    dirs.push(dir);
    const outfile = join(dir, 'index.mjs');
    const { logLevel: _, ...options } = constructBuildOptions(sdk);
    await build({ ...options, entryPoints: [join(ROOT, 'functions', 'intake', 'index.ts')], outfile });
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', `await import('./index.mjs')`], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', AWS_LAMBDA_FUNCTION_NAME: 'intake', ...LAMBDA_ENV },
    });
    return { run, code: readFileSync(outfile, 'utf8') };
  };

  it('loads with no SDK installed beside it, and imports none at run time', async () => {
    const { run, code } = await bundleIntake('bundled');

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
  });

  it('needs the runtime SDK when it is left out (what the bundled build spares)', async () => {
    const { run } = await bundleIntake('runtime');

    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("Cannot find package '@aws-sdk/");
  });
});
