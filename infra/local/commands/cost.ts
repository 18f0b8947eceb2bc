import { measureInChild } from '../bench/child';
import { compareEscalationTypes } from '../cost/measure';
import { ASSUMPTIONS, formatBill, type RunCounts } from '../cost/model';
import { PRICE_TABLE_DATE, REGION } from '../cost/prices';
import { parseOptions } from './options';

const USAGE = `usage: recouvrement cost [--dossiers 100000] [--months 12] [--sample 1000] [--seed 42] [--json]`;

/**
 * `recouvrement cost`: runs a metered embedded portfolio of `--sample` invoices for `--months`,
 * counts the billable units it used, scales them to `--dossiers` and prices them with the dated
 * table (infra/local/cost/prices.ts), the escalation step as Express and as Standard.
 */
export async function run(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    {
      dossiers: { type: 'string', default: '100000' },
      months: { type: 'string', default: '12' },
      sample: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      json: { type: 'boolean', default: false },
    },
    USAGE,
  );
  if (!values) return 2;
  const dossiers = Number(values.dossiers);
  const months = Number(values.months);
  const sample = Number(values.sample);
  const seed = Number(values.seed);
  if (
    !(dossiers >= 1) ||
    !(months > 0 && months <= 60) ||
    !(sample >= 10 && sample <= 100_000) ||
    !Number.isInteger(seed)
  ) {
    process.stderr.write(`--dossiers ≥ 1, --months in (0, 60], --sample 10..100000 invoices\n${USAGE}\n`);
    return 2;
  }
  process.stderr.write(`cost: simulating ${sample} invoices over ${months} months, every unit counted...\n`);
  const measured = await measureInChild<RunCounts & { seconds: number }>('cost', {
    invoices: sample,
    months,
    seed,
  });
  const run = measured.result;
  const { express, standard } = compareEscalationTypes(run, dossiers, months);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ run, express, standard, assumptions: ASSUMPTIONS }, null, 2)}\n`,
    );
    return 0;
  }
  const e = run.usage.executions.escalation;
  process.stdout.write(
    [
      `Measured: ${run.dossiers} dossiers over ${run.days} simulated days in ${measured.wallSeconds.toFixed(0)} s; ` +
        `${e?.count ?? 0} escalation steps, ${e ? (e.transitions / e.count).toFixed(1) : 0} transitions each.`,
      `Scaled to ${dossiers.toLocaleString('en-US')} dossiers × ${months} months, ${REGION} list prices of ${PRICE_TABLE_DATE} (verify before relying).`,
      '',
      formatBill(express),
      '',
      `Escalation as Standard instead: infrastructure ${standard.infrastructureUsd.toFixed(2)} USD, ` +
        `${standard.infraUsdPer1000DossierMonths.toFixed(4)} USD per 1,000 dossier-months ` +
        `(${(standard.infrastructureUsd / express.infrastructureUsd).toFixed(1)}× Express).`,
      `Target: ≤ 0.25 USD per 1,000 dossier-months (infrastructure): ${express.infraUsdPer1000DossierMonths <= 0.25 ? 'met' : 'MISSED'} with Express.`,
      '',
    ].join('\n'),
  );
  return 0;
}
