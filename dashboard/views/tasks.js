import { getJson } from '../api.js';
import { errorBox, h, show } from '../dom.js';
import { day, eur } from '../format.js';

const KINDS = [
  'call',
  'registered-letter',
  'judicial-review',
  'stuck-dossier',
  'lawyer',
  'enforceable-formula',
];

function detailOf(task) {
  if (task.kind === 'call' || task.kind === undefined) return task.debtorName ?? '';
  if (task.letter)
    return `${task.letter.stage}${task.letter.trackingNumber ? ` ${task.letter.trackingNumber}` : ''}`;
  if (task.stuck) return `${task.stuck.errorKind} × ${task.stuck.failures}`;
  if (task.judicial) return `${task.judicial.path}, ${eur(task.judicial.amount?.totalCents)}`;
  return '';
}

/** `#/tasks?kind=`: the call queue (highest priority first) and the other queues for a person. */
export async function renderTasks(view, params) {
  const kind = KINDS.includes(params.get('kind')) ? params.get('kind') : 'call';
  const tabs = h(
    'p',
    { class: 'filters', id: 'task-kinds' },
    KINDS.map((k) => h('a', { href: `#/tasks?kind=${k}`, class: k === kind ? 'active' : undefined }, k)),
  );
  const body = h('div', {}, h('p', {}, 'Loading…'));
  show(view, h('h2', {}, 'Task queues'), tabs, body);
  try {
    const { items } = await getJson('/tasks', { kind, limit: 100 });
    show(
      body,
      h('p', { class: 'detail' }, `${items.length} open ${kind} task(s)`),
      h(
        'table',
        { id: 'tasks' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'Dossier'),
            h('th', {}, 'Level'),
            h('th', {}, 'Due'),
            h('th', { class: 'num' }, 'Outstanding'),
            h('th', {}, 'Detail'),
          ),
        ),
        h(
          'tbody',
          {},
          items.map((task) =>
            h(
              'tr',
              { dataset: { taskId: task.taskId } },
              h(
                'td',
                {},
                h('a', { href: `#/dossiers/${encodeURIComponent(task.dossierId)}` }, task.dossierId),
              ),
              h('td', {}, task.level ?? ''),
              h('td', {}, day(task.dueOn)),
              h('td', { class: 'num' }, eur(task.outstandingCents)),
              h('td', { class: 'debtor' }, detailOf(task)),
            ),
          ),
        ),
      ),
    );
  } catch (error) {
    show(body, errorBox(error));
  }
}
