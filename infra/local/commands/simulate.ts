import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isLocalDate } from '../../../shared/domain/calendar';
import { type Comparison, formatComparison } from '../simulate/comparison';
import { type LadderChoice, loadScenarioFile, ScenarioFileError } from '../simulate/scenario-file';
import { runScenario } from '../simulate/scenario-run';
import { parseOptions } from './options';

const USAGE = `usage: recouvrement simulate --scenario a.json --scenario b.json [--invoices samples/invoices.csv]
                            [--tenant samples/tenant.json] [--days 180] [--start 2026-01-05] [--seed 42] [--json]
  each --scenario file holds one ladder (the scenario schema of tenant.json's "scenarios") or an array of them`;

const MAX_COLUMNS = 6;

/**
 * `recouvrement simulate`: the same portfolio and the same seeded debtors under each ladder,
 * compared side by side (recovered, delay, cost, messages, disputes, complaints risk).
 */
export async function run(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      scenario: { type: 'string', multiple: true },
      invoices: { type: 'string', default: 'samples/invoices.csv' },
      tenant: { type: 'string', default: 'samples/tenant.json' },
      days: { type: 'string', default: '180' },
      start: { type: 'string', default: '2026-01-05' },
      seed: { type: 'string', default: '42' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (!values) return 2;
  const files = (values.scenario ?? []) as unknown as string[];
  const days = Number(values.days);
  const seed = Number(values.seed);
  const start = String(values.start);
  if (
    files.length < 1 ||
    files.length > MAX_COLUMNS ||
    !Number.isInteger(days) ||
    days < 1 ||
    days > 3660 ||
    !Number.isInteger(seed) ||
    !isLocalDate(start)
  ) {
    process.stderr.write(
      `1 to ${MAX_COLUMNS} --scenario files, --days 1..3660, --seed an integer, --start a date (YYYY-MM-DD)\n${USAGE}\n`,
    );
    return 2;
  }
  let choices: LadderChoice[];
  let tenantProfile: Record<string, unknown>;
  let invoices: Uint8Array;
  try {
    choices = await Promise.all(files.map(loadScenarioFile));
    tenantProfile = JSON.parse(await readFile(String(values.tenant), 'utf8'));
    invoices = await readFile(String(values.invoices));
  } catch (error) {
    const reason = error instanceof ScenarioFileError ? error.message : (error as Error).message;
    process.stderr.write(`simulate: ${reason}\n`);
    return 2;
  }
  const labels = choices.map((c) => c.label);
  choices.forEach((choice, i) => {
    // Two files of one name (a/x.json, b/x.json) would make two columns of one title.
    if (labels.indexOf(choice.label) !== i) choice.label = `${choice.label} (${i + 1})`;
  });
  const began = performance.now();
  const outcomes = [];
  for (const choice of choices) {
    process.stderr.write(`simulating ${choice.label}…\n`);
    outcomes.push(
      await runScenario(choice, {
        tenantProfile,
        invoices: { name: basename(String(values.invoices)), body: invoices },
        start,
        days,
        seed,
      }),
    );
  }
  const comparison: Comparison = {
    invoicesFile: String(values.invoices),
    start,
    days,
    seed,
    builtInFor: Object.fromEntries(
      choices.map((c) => [
        c.label,
        [...(c.covers.b2b ? [] : ['professionals']), ...(c.covers.b2c ? [] : ['consumers'])],
      ]),
    ),
    outcomes,
  };
  process.stdout.write(
    values.json ? `${JSON.stringify(comparison, null, 2)}\n` : `${formatComparison(comparison)}\n`,
  );
  // The time goes to stderr: stdout is the same for the same seed.
  process.stderr.write(
    `${choices.length} ladder(s) × ${days} days in ${((performance.now() - began) / 1000).toFixed(1)} s\n`,
  );
  return outcomes.some((o) => o.errors > 0) ? 1 : 0;
}
