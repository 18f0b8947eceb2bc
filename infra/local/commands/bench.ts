import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import type { BundlesResult } from '../bench/bundles';
import { measureInChild } from '../bench/child';
import type { IntakeBenchResult } from '../bench/intake';
import { measureIntakeMemory } from '../bench/intake-memory';
import { type BenchResults, formatReport } from '../bench/report';
import type { SweepBenchResult } from '../bench/sweep';
import type { PortfolioResult } from '../bench/year';
import { compareEscalationTypes } from '../cost/measure';
import type { RunCounts } from '../cost/model';
import { DynamoDbLocalUnavailable, dynamoDbLocalFolder } from '../dynamodb-local';
import { parseOptions } from './options';

/** Why DynamoDB Local cannot run here (its devDependency absent), or undefined; Java is checked at start. */
function dynamoDbLocalMissing(): string | undefined {
  try {
    dynamoDbLocalFolder();
    return undefined;
  } catch (error) {
    if (error instanceof DynamoDbLocalUnavailable) return error.message;
    throw error;
  }
}

const USAGE = `usage: recouvrement bench [--scale 1] [--only intake,intake-memory,sweep,year,bundles,cost] [--seed 42] [--intake-rows N]
                         [--store dynalite|dynamodb-local] [--init-runs 5] [--out bench/results.json]`;
const ALL = ['intake', 'intake-memory', 'sweep', 'year', 'bundles', 'cost'] as const;

/**
 * `recouvrement bench` (npm run bench): the five measurements plus the cost line, each
 * in its own process (own peak RSS), on data generated from the seed. Sizes at scale 1:
 * intake 100,000 rows; sweep 100,000 dossiers, 10 % due; year 10,000 invoices over 365 days.
 */
export async function run(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      scale: { type: 'string', default: '1' },
      only: { type: 'string', default: ALL.join(',') },
      seed: { type: 'string', default: '42' },
      // CI runs a small file (--intake-rows 2000); the 200,000-row memory figure is run by hand.
      'intake-rows': { type: 'string' },
      // The intake measured on DynamoDB Local (devDependency, Java 17): ratio against its own floor.
      store: { type: 'string', default: 'dynalite' },
      'init-runs': { type: 'string', default: '5' },
      out: { type: 'string', default: 'bench/results.json' },
    },
    USAGE,
  );
  if (!values) return 2;
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  const initRuns = Number(values['init-runs']);
  const only = String(values.only).split(',').filter(Boolean);
  const unknown = only.filter((name) => !(ALL as readonly string[]).includes(name));
  if (!(scale > 0 && scale <= 10) || !Number.isInteger(seed) || !(initRuns >= 1) || unknown.length > 0) {
    process.stderr.write(
      `--scale must be in (0, 10], --seed an integer, --only among ${ALL.join(',')}\n${USAGE}\n`,
    );
    return 2;
  }
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  const results: BenchResults = {
    at: new Date().toISOString(),
    scale,
    seed,
    node: process.version,
    cpus: cpus().length,
    loadAverage: loadavg(),
  };
  const out = String(values.out);
  const save = async () => {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  };
  const failures: string[] = [];
  /** Each measurement's result is saved as soon as it is in; a failed one is reported, the others still run. */
  const measure = async <T>(name: string, work: () => Promise<T>, keep: (value: T) => void) => {
    process.stderr.write(`bench: ${name}...\n`);
    try {
      keep(await work());
      await save();
    } catch (error) {
      failures.push(name);
      process.stderr.write(`bench: ${name} failed: ${(error as Error).message}\n`);
    }
  };
  const months = 12;
  const intakeRows = values['intake-rows'] === undefined ? undefined : Number(values['intake-rows']);
  if (intakeRows !== undefined && !(Number.isInteger(intakeRows) && intakeRows >= 1)) {
    process.stderr.write(`--intake-rows must be a positive integer\n${USAGE}\n`);
    return 2;
  }
  const store = values.store === 'dynamodb-local' ? 'dynamodb-local' : 'dynalite';
  if (values.store !== store) {
    process.stderr.write(`--store must be dynalite or dynamodb-local\n${USAGE}\n`);
    return 2;
  }
  if (store === 'dynamodb-local' && only.includes('intake')) {
    const missing = dynamoDbLocalMissing();
    if (missing) {
      process.stderr.write(`bench: --store dynamodb-local: ${missing}\n`);
      return 2;
    }
  }
  if (only.includes('intake'))
    await measure(
      `intake (${store})`,
      () => measureInChild<IntakeBenchResult>('intake', { rows: intakeRows ?? n(100_000, 200), seed, store }),
      (value) => {
        results.intake = value;
      },
    );
  // The intake alone in its process (the table served by this one): its peak RSS, 200,000 rows at scale 1.
  if (only.includes('intake-memory'))
    await measure(
      'intake memory',
      () => measureIntakeMemory({ rows: intakeRows ?? n(200_000, 200), seed }),
      (value) => {
        results.intakeMemory = value;
      },
    );
  if (only.includes('sweep'))
    await measure(
      'sweep',
      () => measureInChild<SweepBenchResult>('sweep', { dossiers: n(100_000, 200), dueFraction: 0.1, seed }),
      (value) => {
        results.sweep = value;
      },
    );
  if (only.includes('year'))
    await measure(
      'year',
      () => measureInChild<PortfolioResult>('year', { invoices: n(10_000, 50), days: 365, seed }),
      (value) => {
        results.year = value;
      },
    );
  if (only.includes('bundles'))
    await measure(
      'bundles',
      () => measureInChild<BundlesResult>('bundles', { runs: initRuns }),
      (value) => {
        results.bundles = value;
      },
    );
  if (only.includes('cost'))
    await measure(
      'cost',
      () => measureInChild<RunCounts>('cost', { invoices: n(2_000, 100), months, seed }),
      (measured) => {
        const { express, standard } = compareEscalationTypes(measured.result, 100_000, months);
        results.cost = {
          ...measured,
          line: {
            sampleInvoices: n(2_000, 100),
            sampleDossiers: measured.result.dossiers,
            months,
            expressUsdPer1000: express.infraUsdPer1000DossierMonths,
            standardUsdPer1000: standard.infraUsdPer1000DossierMonths,
            messagesUsdPer1000: express.messagesUsdPer1000DossierMonths,
          },
        };
      },
    );
  process.stdout.write(`${formatReport(results)}\n`);
  await save();
  process.stdout.write(`Results written to ${out}\n`);
  if (failures.length > 0) process.stderr.write(`bench: failed: ${failures.join(', ')}\n`);
  return failures.length > 0 ? 1 : 0;
}
