import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type BuildOptions, build } from 'esbuild';
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
export function constructBuildOptions(): BuildOptions & { keepNames: boolean } {
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
    // As deployed by default (DeployConfig.bundleAwsSdk false): the runtime's AWS SDK v3.
    external: ['@aws-sdk/*', '@smithy/*'],
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
  CONFIG_BUCKET: 'config-bench',
  REGISTERED_MAIL_SECRET_NAME: 'recouvrement/registered-mail',
  POWERTOOLS_SERVICE_NAME: 'recouvrement',
  AWS_REGION: 'eu-west-3',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  NODE_OPTIONS: '--enable-source-maps',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

export interface BundleFigure {
  name: string;
  bytes: number;
  /** Size with keepNames on, when the construct has it off (what fixing it would cost). */
  bytesWithKeepNames?: number;
  /** Median of `runs` imports of the bundle, each in a fresh node process (module evaluation only). */
  initMs: number;
  /** The fresh process from spawn to exit, node's own start-up included. */
  processMs: number;
}

export interface BundlesResult {
  keepNames: boolean;
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

/** Measurement 4: every functions/<name>/index.ts, bundled as CDK bundles it, then imported cold. */
export async function benchBundles(options: { runs: number; only?: string[] }): Promise<BundlesResult> {
  const base = constructBuildOptions();
  const names = readdirSync(join(ROOT, 'functions'))
    .filter((name) => statSync(join(ROOT, 'functions', name, 'index.ts'), { throwIfNoEntry: false }))
    .filter((name) => !options.only || options.only.includes(name))
    .sort();
  // Built inside the repository so the external AWS SDK resolves from node_modules, as the
  // runtime's copy does on Lambda; its load time is part of the init measured.
  return withTempDir(
    'bench-bundles',
    async (dir) => {
      const bundles: BundleFigure[] = [];
      for (const name of names) {
        const outfile = join(dir, name, 'index.mjs');
        await build({ ...base, entryPoints: [join(ROOT, 'functions', name, 'index.ts')], outfile });
        const figure: BundleFigure = { name, bytes: statSync(outfile).size, initMs: 0, processMs: 0 };
        if (!base.keepNames) {
          const keptFile = join(dir, `${name}-keepnames`, 'index.mjs');
          await build({
            ...base,
            keepNames: true,
            entryPoints: [join(ROOT, 'functions', name, 'index.ts')],
            outfile: keptFile,
          });
          figure.bytesWithKeepNames = statSync(keptFile).size;
        }
        const times = [];
        for (let i = 0; i < options.runs; i++) times.push(await importTime(outfile, name));
        figure.initMs = median(times.map((t) => t.initMs));
        figure.processMs = median(times.map((t) => t.processMs));
        bundles.push(figure);
      }
      return { keepNames: Boolean(base.keepNames), bundles };
    },
    join(ROOT, '.tmp-bench'),
  );
}
