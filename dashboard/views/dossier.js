import { download, enc, getJson } from '../api.js';
import { errorBox, h, show } from '../dom.js';
import { day, eur, instant } from '../format.js';

/** Saves a document fetched with the token under its recorded file name. */
async function save(doc, button) {
  button.disabled = true;
  try {
    const blob = await download(doc.href);
    const url = URL.createObjectURL(blob);
    const link = h('a', { href: url, download: doc.fileName });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    button.after(errorBox(error));
  } finally {
    button.disabled = false;
  }
}

function documentLink(doc) {
  const button = h(
    'button',
    { type: 'button', class: 'document', dataset: { documentId: doc.documentId } },
    `⬇ ${doc.fileName}`,
  );
  button.addEventListener('click', () => save(doc, button));
  return h('span', {}, ' ', button, h('small', { title: `SHA-256 ${doc.sha256}` }, ` ${doc.kind}`));
}

function eventItem(event, documents) {
  const what = [event.type, event.level, event.channel].filter(Boolean).join(' · ');
  return h(
    'li',
    { dataset: { eventType: event.type } },
    h('div', { class: 'when' }, `${day(event.day)} — ${instant(event.at)} — ${event.actor}`),
    h('strong', {}, what),
    event.amountCents !== undefined ? ` ${eur(event.amountCents)}` : null,
    event.legalBasis?.length ? h('div', { class: 'when' }, event.legalBasis.join('; ')) : null,
    documents.map(documentLink),
  );
}

/** Oldest first by instant; events of one instant keep the API's order (a stable sort). */
function chronological(events) {
  return [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** `#/dossiers/{id}`: the dossier, its timeline (oldest first) and each event's documents. */
export async function renderDossier(view, dossierId) {
  show(view, h('p', {}, 'Loading…'));
  let dossier;
  let timeline;
  let documents;
  try {
    [dossier, timeline, documents] = await Promise.all([
      getJson(`/dossiers/${enc(dossierId)}`),
      getJson(`/dossiers/${enc(dossierId)}/timeline`),
      getJson(`/dossiers/${enc(dossierId)}/documents`),
    ]);
  } catch (error) {
    return show(view, h('p', {}, h('a', { href: '#/dossiers' }, '← Dossiers')), errorBox(error));
  }
  const byEvent = new Map();
  for (const doc of documents.items) byEvent.set(doc.eventId, [...(byEvent.get(doc.eventId) ?? []), doc]);
  const principal = dossier.invoices.reduce((sum, invoice) => sum + invoice.amountCents, 0);
  const paid = dossier.invoices.reduce((sum, invoice) => sum + invoice.paidCents, 0);
  show(
    view,
    h('p', {}, h('a', { href: '#/dossiers' }, '← Dossiers')),
    h(
      'h2',
      { id: 'dossier-title' },
      `${dossier.dossierId} — `,
      h('span', { class: 'debtor' }, dossier.debtor.name),
    ),
    h(
      'p',
      {},
      h('span', { class: `status ${dossier.status}` }, dossier.status),
      ` ${dossier.debtor.type}, scenario ${dossier.scenarioId}, ${dossier.invoices.length} invoice(s), principal ${eur(principal)}, paid ${eur(paid)}`,
      dossier.nextActionOn ? `, next action ${day(dossier.nextActionOn)}` : '',
    ),
    h('h3', {}, `Timeline: ${timeline.items.length} event(s), ${documents.items.length} document(s)`),
    h(
      'ol',
      { class: 'timeline', id: 'timeline' },
      chronological(timeline.items).map((event) => eventItem(event, byEvent.get(event.eventId) ?? [])),
    ),
  );
}
