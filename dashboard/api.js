/**
 * The API as the dashboard reads it: a bearer token from this tab's sessionStorage, the base URL
 * from config.json (empty when `recouvrement serve` serves the page: same origin; the API's URL
 * when the CDK app deploys it), and RFC 9457 problems turned into errors that say what failed.
 */
const TOKEN_KEY = 'recouvrement.token';
let baseUrl = '';

export class ApiError extends Error {
  constructor(status, problem) {
    super(`${problem?.title ?? 'Error'} (${status})${problem?.detail ? `: ${problem.detail}` : ''}`);
    this.status = status;
    this.field = problem?.field;
  }
}

export async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) return;
  const config = await response.json();
  baseUrl = String(config.apiBaseUrl ?? '').replace(/\/+$/, '');
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token.trim()),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

function urlOf(path, query = {}) {
  const url = new URL(`${baseUrl}${path}`, window.location.href);
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  return url;
}

async function request(path, query) {
  const response = await fetch(urlOf(path, query), {
    headers: { authorization: `Bearer ${session.token() ?? ''}`, accept: 'application/json' },
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => undefined);
    const error = new ApiError(response.status, problem);
    if (response.status === 401) window.dispatchEvent(new CustomEvent('unauthorized', { detail: error }));
    throw error;
  }
  return response;
}

export async function getJson(path, query) {
  return (await request(path, query)).json();
}

/** A document's bytes (the link needs the token, so a plain <a href> would get a 401). */
export async function download(href) {
  return (await request(href)).blob();
}

export const enc = encodeURIComponent;
