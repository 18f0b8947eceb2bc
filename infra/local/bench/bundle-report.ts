import type { BuildFigure, BundlesResult } from './bundles';

const KB = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const figure = (b: BuildFigure) => `${KB(b.bytes)} / ${Math.round(b.initMs)} ms`;
/** The two heaviest parts of the deployed build: where to cut next. */
const heaviest = (b: BuildFigure) =>
  b.heaviest.length === 0
    ? ''
    : ` (${b.heaviest
        .slice(0, 2)
        .map((part) => `${part.module} ${KB(part.bytes)}`)
        .join(', ')})`;

/**
 * The cold-start rows of the bench report: per function, both builds (runtime SDK, SDK
 * bundled) as size / init, the one the construct deploys, and its verdict against the targets.
 * Rows are [measurement, figure, target, verdict, peak RSS] like the rest of the report.
 */
export function bundleRows(result: BundlesResult, limits: { bytes: number; initMs: number }): string[][] {
  const rows: string[][] = [
    [
      `cold start (median of ${result.runs ?? '?'})`,
      'runtime SDK  |  SDK bundled  → deployed',
      `≤ ${KB(limits.bytes)}, ≤ ${limits.initMs} ms`,
      '',
      '',
    ],
  ];
  for (const bundle of result.bundles) {
    if (bundle.error) {
      rows.push([`  ${bundle.name}`, `failed: ${bundle.error}`, '', 'MISSED', '']);
      continue;
    }
    const chosen = bundle[bundle.chosen];
    const met = chosen.bytes <= limits.bytes && chosen.initMs <= limits.initMs;
    rows.push([
      `  ${bundle.name}`,
      `${figure(bundle.runtime)}  |  ${figure(bundle.bundled)}  → ${bundle.chosen}${heaviest(chosen)}`,
      '',
      met ? 'ok' : 'MISSED',
      '',
    ]);
  }
  if (!result.keepNames)
    rows.push(['  keepNames', 'OFF in the construct: error names are minified', 'on', 'MISSED', '']);
  return rows;
}
