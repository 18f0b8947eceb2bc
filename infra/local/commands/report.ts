import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { renderReport } from '../report/render-report';
import { loadReportData } from '../report/report-source';
import { apiAccess, parseApiOptions } from './api-access';

const USAGE =
  'usage: recouvrement report --tenant <id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out report.html] [--url http://127.0.0.1:3000] [--data ./data | --token <jwt>]';

/**
 * `recouvrement report`: one self-contained HTML file (KPIs, ageing, funnel, trend, the dossiers
 * waiting for a decision) from the API of a running `serve`; opens offline in any browser.
 */
export async function run(args: string[]): Promise<number> {
  const values = parseApiOptions(args, { out: { type: 'string', default: 'report.html' } }, USAGE);
  if (!values) return 2;
  const to = typeof values.to === 'string' ? values.to : undefined;
  const from = typeof values.from === 'string' ? values.from : undefined;
  try {
    const get = await apiAccess(values);
    // Without dates the API's own default period (the 30 days to today) applies.
    const data = await loadReportData(get, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const out = resolve(String(values.out));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, await renderReport(data, new Date().toISOString()));
    process.stderr.write(`report: ${data.kpis.from} → ${data.kpis.to} written to ${out}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return /HTTP 400/.test((error as Error).message) ? 2 : 1;
  }
}
