import { getJson } from '../api.js';
import { errorBox, h, show } from '../dom.js';
import { day, eur, num, pct } from '../format.js';

/** A figure card; `data-kpi` and `data-value` carry the API's raw value (the browser test compares them). */
function figure(kpi, label, value, text, detail) {
  return h(
    'div',
    { class: 'figure', dataset: { kpi, value: value === null || value === undefined ? '' : String(value) } },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value' }, text),
    detail ? h('div', { class: 'detail' }, detail) : null,
  );
}

/** A bar of `percent` width, set through the CSSOM: the page's CSP refuses style attributes. */
function bar(percent) {
  const fill = h('div', { class: 'bar-fill' });
  fill.style.width = `${Math.round(percent)}%`;
  return fill;
}

function ageingTable(ageing) {
  const total = ageing.totalCents || 1;
  return h(
    'table',
    { id: 'ageing' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'Age'),
        h('th', { class: 'num' }, 'Outstanding'),
        h('th', { class: 'num' }, 'Invoices'),
        h('th', {}, ''),
      ),
    ),
    h(
      'tbody',
      {},
      ageing.buckets.map((bucket) =>
        h(
          'tr',
          { dataset: { bucket: bucket.bucket } },
          h('td', {}, bucket.bucket),
          h('td', { class: 'num' }, eur(bucket.cents)),
          h('td', { class: 'num' }, String(bucket.invoices)),
          h('td', { class: 'bar-cell' }, bar((100 * bucket.cents) / total)),
        ),
      ),
    ),
  );
}

function funnelTable(funnel) {
  return h(
    'table',
    { id: 'funnel' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Paid after level'), h('th', { class: 'num' }, 'Dossiers'))),
    h(
      'tbody',
      {},
      funnel.map((step) =>
        h('tr', {}, h('td', {}, step.level), h('td', { class: 'num' }, String(step.dossiers))),
      ),
    ),
  );
}

function costTable(cost) {
  return h(
    'table',
    { id: 'cost' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, 'Cost'),
        h('th', { class: 'num' }, 'Count'),
        h('th', { class: 'num' }, 'Unit'),
        h('th', { class: 'num' }, 'Total'),
      ),
    ),
    h(
      'tbody',
      {},
      cost.byKind.map((line) =>
        h(
          'tr',
          {},
          h('td', {}, line.kind),
          h('td', { class: 'num' }, String(line.count)),
          h('td', { class: 'num' }, eur(line.unitCents)),
          h('td', { class: 'num' }, eur(line.cents)),
        ),
      ),
    ),
  );
}

/** `#/kpis`: GET /kpis over a period (the API's default period when none is chosen). */
export async function renderKpis(view, params) {
  const form = h(
    'form',
    { class: 'filters', id: 'kpi-period' },
    h('label', {}, 'From', h('input', { type: 'date', name: 'from', value: params.get('from') ?? '' })),
    h('label', {}, 'To', h('input', { type: 'date', name: 'to', value: params.get('to') ?? '' })),
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const query = new URLSearchParams([...data].filter(([, v]) => v !== ''));
    window.location.hash = `#/kpis?${query}`;
  });
  const body = h('div', {}, h('p', {}, 'Loading…'));
  show(view, h('h2', {}, 'KPIs'), form, body);
  let k;
  try {
    k = await getJson('/kpis', { from: params.get('from'), to: params.get('to') });
  } catch (error) {
    return show(body, errorBox(error));
  }
  form.elements.from.value = k.from;
  form.elements.to.value = k.to;
  show(
    body,
    h('p', { class: 'detail' }, `Period ${day(k.from)} – ${day(k.to)} (Paris days)`),
    h(
      'div',
      { class: 'grid', id: 'kpis' },
      figure(
        'entrusted',
        'Entrusted',
        k.entrusted.cents,
        eur(k.entrusted.cents),
        `${k.entrusted.invoices} invoices, ${k.entrusted.dossiers} new debtors`,
      ),
      figure(
        'recovered',
        'Recovered',
        k.recovered.cents,
        eur(k.recovered.cents),
        `${k.recovered.payments} payments, ${k.recovered.paidDossiers} dossiers paid`,
      ),
      figure('recoveryRate', 'Recovery rate', k.recoveryRate, pct(k.recoveryRate)),
      figure(
        'dso',
        'DSO (countback)',
        k.dso.days,
        k.dso.days === null ? '—' : `${k.dso.complete ? '' : '≥ '}${num(k.dso.days)} d`,
        `outstanding ${eur(k.dso.outstandingCents)}`,
      ),
      figure(
        'meanDelay',
        'Mean delay to payment',
        k.delay.meanDays,
        k.delay.meanDays === null ? '—' : `${num(k.delay.meanDays)} d`,
        `${k.delay.invoices} invoices`,
      ),
      figure(
        'medianDelay',
        'Median delay',
        k.delay.medianDays,
        k.delay.medianDays === null ? '—' : `${num(k.delay.medianDays)} d`,
      ),
      figure(
        'cost',
        'Cost of recovery',
        k.cost.totalCents,
        eur(k.cost.totalCents),
        `${pct(k.cost.shareOfRecovered)} of recovered`,
      ),
      figure(
        'disputes',
        'Disputes',
        k.disputes.count,
        String(k.disputes.count),
        `rate ${pct(k.disputes.rate)}`,
      ),
      figure('deliveryFailures', 'Delivery failures', k.deliveryFailures, String(k.deliveryFailures)),
    ),
    h('h3', {}, `Ageing balance on ${day(k.ageing.asOf)}: ${eur(k.ageing.totalCents)}`),
    ageingTable(k.ageing),
    h('h3', {}, 'Funnel: the level after which dossiers were paid'),
    funnelTable(k.funnel),
    h('h3', {}, 'Cost by kind'),
    costTable(k.cost),
  );
}
