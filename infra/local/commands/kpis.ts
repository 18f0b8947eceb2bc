import type { KpiReport } from '../../../shared/use-cases/kpis/compute-kpis';
import { kpiText } from '../report/kpi-text';
import { apiAccess, parseApiOptions } from './api-access';

const USAGE =
  'usage: recouvrement kpis --tenant <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json] [--url http://127.0.0.1:3000] [--data ./data | --token <jwt>]';

/** `recouvrement kpis`: GET /kpis of a running `serve` (or any deployment), printed or as JSON. */
export async function run(args: string[]): Promise<number> {
  const values = parseApiOptions(args, { json: { type: 'boolean', default: false } }, USAGE);
  if (!values) return 2;
  const query: Record<string, string> = {};
  if (typeof values.from === 'string') query.from = values.from;
  if (typeof values.to === 'string') query.to = values.to;
  try {
    const get = await apiAccess(values);
    const kpis = (await get('GET /kpis', query)) as KpiReport;
    process.stdout.write(values.json ? `${JSON.stringify(kpis, null, 2)}\n` : `${kpiText(kpis)}\n`);
    return 0;
  } catch (error) {
    // A bad date is the API's 400 (its detail names the field): bad input, exit 2.
    process.stderr.write(`${(error as Error).message}\n`);
    return /HTTP 400/.test((error as Error).message) ? 2 : 1;
  }
}
