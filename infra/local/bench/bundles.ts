import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { type SdkPlacement, sdkExternals, sdkPlacementOf } from '../../aws/constructs/sdk-placement';
import { withTempDir } from './support';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const CONSTRUCT = join(ROOT, 'infra', 'aws', 'constructs', 'pipeline-function.ts');

/**
 * The options infra/aws/constructs/pipeline-function.ts gives NodejsFunction, as esbuild API
 * options (NodejsFunction runs the esbuild CLI with the same flags). keepNames is read from
 * the construct: our errors name themselves with `new.target.name`, which minification
 * renames unless keepNames is on, and the escalation ASL retries on "ConflictError" by name.
 */
export function constructBuildOptions(sdk: SdkPlacement = 'runtime'): BuildOptions & { keepNames: boolean } {
  const source = readFileSync(CONSTRUCT, 'utf8');
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    // `runtime`: the nodejs22.x runtime's AWS SDK v3; `bundled`: the lockfile's, tree-shaken.
    external: sdkExternals(sdk),
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    keepNames: /keepNames:\s*true/.test(source),
    logLevel: 'silent',
  };
}

/** Environment each function gets from the stateless stack (shared/adapters/config.ts), with dummy values. */
export const LAMBDA_ENV: Record<string, string> = {
  TABLE_NAME: 'recouvrement-bench',
  SHARD_COUNT: '16',
  DOCUMENTS_BUCKET: 'documents-bench',
  INTAKE_BUCKET: 'intake-bench',
  SENDER_EMAIL: 'relances@recouvrement.example',
  SES_CONFIGURATION_SET: 'recouvrement',
  SMS_SENDER_ID: 'Recouvre',
  DISPATCH_BATCH: '2000',
  ESCALATION_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-3:000000000000:stateMachine:Escalation',
  JUDICIAL_STEP_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-3:000000000000:stateMachine:JudicialStep',
  CONFIG_BUCKET: 'config-bench',
  REGISTERED_MAIL_SECRET_NAME: 'recouvrement/registered-mail',
  POWERTOOLS_SERVICE_NAME: 'recouvrement',
  AWS_REGION: 'eu-west-3',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  NODE_OPTIONS: '--enable-source-maps',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** One build of one function: its size, its cold import time, and what weighs most in it. */
export interface BuildFigure {
  bytes: number;
  /** Median of `runs` imports of the bundle, each in a fresh node process (module evaluation only). */
  initMs: number;
  /** The fresh process from spawn to exit, node's own start-up included. */
  processMs: number;
  /** The heaviest packages (or source folders) in the minified output, from esbuild's metafile. */
  heaviest: { module: string; bytes: number }[];
}

export interface BundleFigure {
  name: string;
  /** `@aws-sdk/*` external: the runtime's SDK, resolved from node_modules as Lambda resolves its own. */
  runtime: BuildFigure;
  /** The SDK inside the bundle, tree-shaken to the commands used. */
  bundled: BuildFigure;
  /** What the construct deploys (infra/aws/constructs/sdk-placement.ts). */
  chosen: SdkPlacement;
  /** The build or the cold import failed (a missing variable in LAMBDA_ENV…): its figures are zero. */
  error?: string;
}

export interface BundlesResult {
  keepNames: boolean;
  runs: number;
  bundles: BundleFigure[];
}

async function importTime(file: string, name: string): Promise<{ initMs: number; processMs: number }> {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const began = performance.now();
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', AWS_LAMBDA_FUNCTION_NAME: name, ...LAMBDA_ENV },
  });
  return { initMs: Number(stdout), processMs: performance.now() - began };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Output bytes per npm package (scope included) or, for our code, per top-level folder pair. */
export function heaviestModules(metafile: Metafile, top = 5): { module: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs))
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const key = pkg ?? input.split('/').slice(0, 2).join('/');
      totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
    }
  return [...totals]
    .map(([module, bytes]) => ({ module, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/**
 * Measurement 4: every functions/<name>/index.ts bundled as the construct bundles it, both ways
 * (SDK external and SDK bundled), then imported cold `runs` times each, the two builds taking
 * turns so a change in the machine's load falls on both alike.
 */
export async function benchBundles(options: { runs: number; only?: string[] }): Promise<BundlesResult> {
  const names = readdirSync(join(ROOT, 'functions'))
    .filter((name) => statSync(join(ROOT, 'functions', name, 'index.ts'), { throwIfNoEntry: false }))
    .filter((name) => !options.only || options.only.includes(name))
    .sort();
  const placements: SdkPlacement[] = ['runtime', 'bundled'];
  // Built inside the repository so the external AWS SDK resolves from node_modules, as the
  // runtime's copy does on Lambda; its load time is part of the init measured.
  return withTempDir(
    'bench-bundles',
    async (dir) => {
      const bundles: BundleFigure[] = [];
      for (const name of names) {
        const figure = await measureOne(dir, name, placements, options.runs).catch(
          (error: Error): BundleFigure => {
            const none = { bytes: 0, initMs: 0, processMs: 0, heaviest: [] };
            const stderr = (error as Error & { stderr?: string }).stderr;
            const cause = stderr?.split('\n').find((line) => line.startsWith('Error')) ?? error.message;
            return {
              name,
              runtime: none,
              bundled: none,
              chosen: sdkPlacementOf(name),
              error: cause.slice(0, 200),
            };
          },
        );
        bundles.push(figure);
      }
      return { keepNames: Boolean(constructBuildOptions().keepNames), runs: options.runs, bundles };
    },
    join(ROOT, '.tmp-bench'),
  );
}

async function measureOne(
  dir: string,
  name: string,
  placements: SdkPlacement[],
  runs: number,
): Promise<BundleFigure> {
  const files = {} as Record<SdkPlacement, string>;
  const figures = {} as Record<SdkPlacement, BuildFigure>;
  for (const sdk of placements) {
    files[sdk] = join(dir, `${name}-${sdk}`, 'index.mjs');
    const { metafile } = await build({
      ...constructBuildOptions(sdk),
      entryPoints: [join(ROOT, 'functions', name, 'index.ts')],
      outfile: files[sdk],
      metafile: true,
    });
    figures[sdk] = {
      bytes: statSync(files[sdk]).size,
      initMs: 0,
      processMs: 0,
      heaviest: heaviestModules(metafile),
    };
  }
  const times: Record<SdkPlacement, { initMs: number; processMs: number }[]> = { runtime: [], bundled: [] };
  for (let i = 0; i < runs; i++)
    for (const sdk of placements) times[sdk].push(await importTime(files[sdk], name));
  for (const sdk of placements) {
    figures[sdk].initMs = median(times[sdk].map((t) => t.initMs));
    figures[sdk].processMs = median(times[sdk].map((t) => t.processMs));
  }
  return { name, runtime: figures.runtime, bundled: figures.bundled, chosen: sdkPlacementOf(name) };
}
