import { getJson } from '../api.js';
import { errorBox, h, show } from '../dom.js';
import { day, eur } from '../format.js';

const STATUSES = ['', 'open', 'paid', 'disputed', 'prescribed', 'judicial', 'closed'];
const SORTS = [
  ['dossierId', 'dossier'],
  ['-outstandingCents', 'outstanding, highest first'],
  ['-daysOverdue', 'days overdue, most first'],
  ['nextActionOn', 'next action, soonest first'],
  ['prescriptionDate', 'prescription, soonest first'],
];

/** Euros typed in the filter ("1 200,50") as integer cents for the API, or '' when empty. */
function centsOf(text) {
  const value = String(text ?? '')
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (value === '') return '';
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? String(Math.round(number * 100)) : '';
}

function row(item) {
  const open = () => {
    window.location.hash = `#/dossiers/${encodeURIComponent(item.dossierId)}`;
  };
  return h(
    'tr',
    {
      class: 'clickable',
      tabindex: '0',
      dataset: { dossierId: item.dossierId },
      onclick: open,
      onkeydown: (e) => e.key === 'Enter' && open(),
    },
    h('td', {}, item.dossierId),
    h('td', { class: 'debtor' }, item.debtor.name),
    h('td', {}, item.debtor.type),
    h('td', {}, h('span', { class: `status ${item.status}` }, item.status)),
    h('td', { class: 'num' }, String(item.levelIndex)),
    h('td', { class: 'num', dataset: { cents: String(item.outstandingCents) } }, eur(item.outstandingCents)),
    h('td', { class: 'num' }, item.daysOverdue ?? '—'),
    h('td', {}, day(item.nextActionOn)),
  );
}

/** `#/dossiers?status=&level=&minAmount=&maxAmount=&sort=`: GET /dossiers, page by page. */
export async function renderDossiers(view, params) {
  const select = (name, options, current) =>
    h(
      'select',
      { name },
      options.map(([value, label]) => h('option', { value, selected: value === current }, label)),
    );
  const form = h(
    'form',
    { class: 'filters', id: 'dossier-filters' },
    h(
      'label',
      {},
      'Status',
      select(
        'status',
        STATUSES.map((s) => [s, s || 'any']),
        params.get('status') ?? '',
      ),
    ),
    h(
      'label',
      {},
      'Level reached',
      h('input', { type: 'number', name: 'level', min: '-1', step: '1', value: params.get('level') ?? '' }),
    ),
    h(
      'label',
      {},
      'Outstanding from (€)',
      h('input', {
        type: 'text',
        inputmode: 'decimal',
        name: 'minAmount',
        value: params.get('minAmount') ?? '',
      }),
    ),
    h(
      'label',
      {},
      'to (€)',
      h('input', {
        type: 'text',
        inputmode: 'decimal',
        name: 'maxAmount',
        value: params.get('maxAmount') ?? '',
      }),
    ),
    h('label', {}, 'Sort', select('sort', SORTS, params.get('sort') ?? 'dossierId')),
    h('button', { type: 'submit' }, 'Filter'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams([...new FormData(form)].filter(([, v]) => v !== ''));
    window.location.hash = `#/dossiers?${query}`;
  });
  const tbody = h('tbody', {});
  const more = h('button', { type: 'button', hidden: true }, 'More');
  const status = h('p', { class: 'detail' }, 'Loading…');
  const table = h(
    'table',
    { id: 'dossiers' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Dossier', 'Debtor', 'Type', 'Status', 'Level'].map((t) => h('th', {}, t)),
        h('th', { class: 'num' }, 'Outstanding'),
        h('th', { class: 'num' }, 'Days overdue'),
        h('th', {}, 'Next action'),
      ),
    ),
    tbody,
  );
  show(view, h('h2', {}, 'Dossiers'), form, status, table, more);
  const query = {
    status: params.get('status'),
    level: params.get('level'),
    minOutstandingCents: centsOf(params.get('minAmount')),
    maxOutstandingCents: centsOf(params.get('maxAmount')),
    sort: params.get('sort'),
    limit: 50,
  };
  let shown = 0;
  const load = async (cursor) => {
    more.hidden = true;
    try {
      const page = await getJson('/dossiers', { ...query, cursor });
      tbody.append(...page.items.map(row));
      shown += page.items.length;
      status.textContent = `${shown} dossier(s)${page.cursor ? ', more below' : ''}`;
      more.hidden = !page.cursor;
      more.onclick = () => load(page.cursor);
    } catch (error) {
      show(status, errorBox(error));
    }
  };
  await load(undefined);
}
