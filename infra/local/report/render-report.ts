import { formatEuros } from '../../../shared/domain/money';
import { ageingSpec, chartSvg, funnelSpec, trendSpec } from './charts';
import type { ReportData } from './report-source';

/** HTML text: the five characters that could open markup or an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "42,1 %", or "—" when the ratio has no denominator. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1).replace('.', ',')} %`;
}

export function formatDays(days: number | null): string {
  return days === null ? '—' : `${String(days).replace('.', ',')} j`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:62rem;color:#1d2733;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d6dce3;padding-bottom:.3rem}
.sub{color:#5b6775;margin-top:0}.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.8rem}
.tile{border:1px solid #d6dce3;border-radius:6px;padding:.6rem .8rem}.tile .v{font-size:1.35rem;font-weight:600}
.tile .k{color:#5b6775;font-size:.85rem}table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}
th,td{text-align:left;padding:.25rem .7rem;border-bottom:1px solid #e6eaef}td.n,th.n{text-align:right}
.chart svg{max-width:100%;height:auto}.note{color:#5b6775;font-size:.82rem}`;

function tile(key: string, label: string, value: string, hint = ''): string {
  return `<div class="tile"><div class="v" data-kpi="${key}">${escapeHtml(value)}</div><div class="k">${escapeHtml(label)}${hint ? `<br><span class="note">${escapeHtml(hint)}</span>` : ''}</div></div>`;
}

function table(headers: string[], rows: string[][], numeric: number[] = [], id = ''): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="n"' : '');
  const head = headers.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('');
  return `<table${id ? ` id="${id}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The report: one HTML file that needs nothing else (no script, no font, no stylesheet from the
 * network: the charts are inline SVG, the style inline, the fonts the reader's own). Figures come
 * from the API's answers as they are; nothing personal beyond them (no names nor phones at all).
 */
export async function renderReport(data: ReportData, generatedAt: string): Promise<string> {
  const { kpis, judicialReviews, calls } = data;
  const [ageing, funnel, trend] = await Promise.all([
    chartSvg(ageingSpec(kpis)),
    kpis.funnel.length > 0 ? chartSvg(funnelSpec(kpis)) : Promise.resolve(''),
    chartSvg(trendSpec(kpis)),
  ]);
  const dso = kpis.dso.days === null ? '—' : `${kpis.dso.complete ? '' : '≥ '}${formatDays(kpis.dso.days)}`;
  const tiles = [
    tile('recoveryRate', 'recovery rate (recovered / entrusted)', formatRate(kpis.recoveryRate)),
    tile('entrusted', `entrusted (${kpis.entrusted.invoices} invoices)`, formatEuros(kpis.entrusted.cents)),
    tile('recovered', `recovered (${kpis.recovered.payments} payments)`, formatEuros(kpis.recovered.cents)),
    tile('dso', 'DSO (countback)', dso),
    tile('meanDelay', 'mean delay, due date → payment', formatDays(kpis.delay.meanDays)),
    tile('medianDelay', 'median delay, due date → payment', formatDays(kpis.delay.medianDays)),
    tile(
      'cost',
      'cost of recovery',
      formatEuros(kpis.cost.totalCents),
      `${formatRate(kpis.cost.shareOfRecovered)} of recovered`,
    ),
    tile('disputeRate', `dispute rate (${kpis.disputes.count} disputes)`, formatRate(kpis.disputes.rate)),
    tile('outstanding', `outstanding on ${kpis.ageing.asOf}`, formatEuros(kpis.ageing.totalCents)),
  ].join('');
  const ageingRows = kpis.ageing.buckets.map((b) => [b.bucket, String(b.invoices), formatEuros(b.cents)]);
  const costRows = kpis.cost.byKind.map((c) => [
    c.kind,
    String(c.count),
    formatEuros(c.unitCents),
    formatEuros(c.cents),
  ]);
  const reviews = judicialReviews.map((t) => [
    t.dossierId,
    t.createdAt.slice(0, 10),
    t.judicial?.path ?? '',
    t.judicial?.court ? [t.judicial.court.kind, t.judicial.court.city].filter(Boolean).join(', ') : '',
    formatEuros(t.judicial?.amount?.totalCents ?? t.outstandingCents),
  ]);
  const callRows = calls.map((c) => [
    c.dossierId,
    c.level,
    formatEuros(c.outstandingCents),
    String(c.score),
    formatEuros(c.expectedCents),
  ]);
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Recouvrement — ${escapeHtml(kpis.tenantId)} — ${kpis.from} → ${kpis.to}</title>
<style>${STYLE}</style></head><body>
<h1>Recouvrement: ${escapeHtml(kpis.tenantId)}</h1>
<p class="sub">Period ${kpis.from} → ${kpis.to} (Paris days, both included) · generated ${escapeHtml(generatedAt)}</p>
<h2>Indicators</h2><div class="tiles">${tiles}</div>
<h2>Ageing balance on ${kpis.ageing.asOf}</h2>
<div class="chart" id="ageing-chart">${ageing}</div>
${table(['days past due', 'invoices', 'outstanding'], ageingRows, [1, 2], 'ageing')}
<h2>Funnel: the level at which dossiers were paid</h2>
${funnel ? `<div class="chart" id="funnel-chart">${funnel}</div>` : '<p>No dossier was paid in the period.</p>'}
${table(
  ['paid after', 'dossiers'],
  kpis.funnel.map((f) => [f.level, String(f.dossiers)]),
  [1],
  'funnel',
)}
<h2>Trend over the period: entrusted and recovered, cumulated</h2>
<div class="chart" id="trend-chart">${trend}</div>
<h2>Cost of recovery</h2>
${table(['action', 'count', 'unit cost', 'cost'], costRows, [1, 2, 3], 'cost')}
<h2>Waiting for a decision</h2>
<h3>Judicial reviews (${judicialReviews.length})</h3>
${reviews.length > 0 ? table(['dossier', 'since', 'recommended', 'court', 'amount'], reviews, [4], 'judicial-reviews') : '<p>None.</p>'}
<h3>Calls to make, best expected recovery first (${calls.length})</h3>
${callRows.length > 0 ? table(['dossier', 'level', 'outstanding', 'score', 'expected'], callRows, [2, 3, 4], 'calls') : '<p>None.</p>'}
<p class="note">Definitions: recovery rate = recovered / entrusted over the period; DSO by the countback method (the outstanding balance walked back over the amounts entrusted day by day); delays from each invoice's due date to the payment that finished it; cost = actions × the creditor's unit costs; dispute rate = disputes / debtors entrusted. Expected = outstanding × recoverability score.</p>
</body></html>
`;
}
