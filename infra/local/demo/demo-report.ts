import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { addDays, type LocalDate } from '../../../shared/domain/calendar';
import { MAX_PERIOD_DAYS } from '../../../shared/use-cases/kpis/compute-kpis';
import type { SimulatedClock } from '../clock';
import type { startEmbeddedStack } from '../embedded-stack';
import { renderReport } from '../report/render-report';
import { inProcessApi, loadReportData } from '../report/report-source';

type Stack = Awaited<ReturnType<typeof startEmbeddedStack>>;

/**
 * The demo's last act: `out/report.html` over the simulated period, read from the API function
 * as `recouvrement report` reads it from `serve` (the same routes, the same figures).
 */
export async function writeDemoReport(options: {
  stack: Stack;
  clock: SimulatedClock;
  tenantId: string;
  start: LocalDate;
  outDir: string;
}): Promise<string> {
  const { stack, clock, tenantId, outDir } = options;
  const to = clock.today();
  const earliest = addDays(to, -(MAX_PERIOD_DAYS - 1));
  const from = options.start < earliest ? earliest : options.start;
  const at = () => new Date(clock.now()).toISOString();
  const data = await loadReportData(inProcessApi(stack.functions.api! as never, tenantId, at), { from, to });
  const path = join(outDir, 'report.html');
  await writeFile(path, await renderReport(data, at()));
  return path;
}
