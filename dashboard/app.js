import { loadConfig, session } from './api.js';
import { renderDossier } from './views/dossier.js';
import { renderDossiers } from './views/dossiers.js';
import { renderKpis } from './views/kpis.js';
import { renderTasks } from './views/tasks.js';

const view = document.getElementById('view');
const signInForm = document.getElementById('sign-in');
const nav = document.getElementById('nav');

function signedIn(yes) {
  signInForm.hidden = yes;
  nav.hidden = !yes;
  view.hidden = !yes;
}

/** `#/kpis`, `#/dossiers?…`, `#/dossiers/{id}`, `#/tasks?kind=…`; the KPIs by default. */
async function route() {
  if (!session.token()) return signedIn(false);
  signedIn(true);
  const [path, search] = window.location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(search ?? '');
  const parts = (path || '/kpis').split('/').filter(Boolean);
  for (const link of nav.querySelectorAll('a'))
    link.classList.toggle('active', link.hash === `#/${parts[0]}`);
  if (parts[0] === 'dossiers' && parts[1]) return renderDossier(view, decodeURIComponent(parts[1]));
  if (parts[0] === 'dossiers') return renderDossiers(view, params);
  if (parts[0] === 'tasks') return renderTasks(view, params);
  return renderKpis(view, params);
}

signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  session.signIn(new FormData(signInForm).get('token'));
  document.getElementById('sign-in-error').textContent = '';
  signInForm.reset();
  route();
});
document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  route();
});
// An expired or foreign token: back to the sign-in form, saying why.
window.addEventListener('unauthorized', (event) => {
  session.signOut();
  signedIn(false);
  document.getElementById('sign-in-error').textContent = event.detail.message;
});
window.addEventListener('hashchange', route);

try {
  await loadConfig();
} catch {
  // No readable config.json: the API is taken to be this origin, as with `serve`.
}
route();
