import type { KpiReport } from '../../../shared/use-cases/kpis/compute-kpis';

/**
 * The report's charts: vega-lite specifications compiled to vega, rendered to SVG in Node
 * (renderer `none`: no canvas, no DOM). The SVG goes inline in the HTML, so the page needs nothing
 * from the network to show them. vega is ESM with top-level await: imported, never required.
 */
export async function chartSvg(spec: Record<string, unknown>): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(spec as never).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const euros = (cents: number) => Math.round(cents) / 100;
/** System fonts only: a named web font would be fetched at view time. */
const CONFIG = { font: 'sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 } };

const AGEING_LABELS: Record<string, string> = {
  'not-due': 'not due',
  '0-30': '0–30 days',
  '31-60': '31–60 days',
  '61-90': '61–90 days',
  'over-90': '> 90 days',
};

export function ageingSpec(kpis: KpiReport): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Ageing balance as of ${kpis.ageing.asOf}`,
    width: 420,
    height: 200,
    config: CONFIG,
    data: {
      values: kpis.ageing.buckets.map((b) => ({
        bucket: AGEING_LABELS[b.bucket] ?? b.bucket,
        euros: euros(b.cents),
        invoices: b.invoices,
      })),
    },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: { field: 'bucket', type: 'nominal', sort: null, title: 'days past due', axis: { labelAngle: 0 } },
      y: { field: 'euros', type: 'quantitative', title: 'outstanding (EUR)' },
    },
  };
}

export function funnelSpec(kpis: KpiReport): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Dossiers paid, by the level reached when they were paid',
    width: 420,
    height: Math.max(60, 28 * kpis.funnel.length),
    config: CONFIG,
    data: { values: kpis.funnel.map((f, order) => ({ ...f, order })) },
    mark: { type: 'bar', color: '#54a24b' },
    encoding: {
      y: { field: 'level', type: 'nominal', sort: { field: 'order' }, title: 'paid after' },
      x: { field: 'dossiers', type: 'quantitative', title: 'dossiers paid', axis: { tickMinStep: 1 } },
    },
  };
}

/**
 * The period's progress: entrusted and recovered, cumulated day by day from `from` (a day's bars
 * would be unreadable: intake comes in a few large files, payments in many small ones).
 */
export function trendSpec(kpis: KpiReport): Record<string, unknown> {
  let entrusted = 0;
  let recovered = 0;
  const values = [
    { day: kpis.from, series: 'entrusted', euros: 0 },
    { day: kpis.from, series: 'recovered', euros: 0 },
  ];
  for (const d of kpis.trend) {
    entrusted += d.entrustedCents;
    recovered += d.recoveredCents;
    values.push({ day: d.day, series: 'entrusted', euros: euros(entrusted) });
    values.push({ day: d.day, series: 'recovered', euros: euros(recovered) });
  }
  values.push({ day: kpis.to, series: 'entrusted', euros: euros(entrusted) });
  values.push({ day: kpis.to, series: 'recovered', euros: euros(recovered) });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'Entrusted and recovered, cumulated over the period',
    width: 560,
    height: 200,
    config: CONFIG,
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: {
      x: { field: 'day', type: 'temporal', title: 'day' },
      y: { field: 'euros', type: 'quantitative', title: 'cumulated (EUR)' },
      color: { field: 'series', type: 'nominal', scale: { range: ['#4c78a8', '#54a24b'] }, title: null },
    },
  };
}
