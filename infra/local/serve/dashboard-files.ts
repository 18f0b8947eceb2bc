import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `recouvrement serve` serves the dashboard from: the repo's `dashboard/` folder. */
export const DASHBOARD_PATH = '/dashboard/';
const ROOT = fileURLToPath(new URL('../../../dashboard/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * The page and its modules come from this origin only and the API is this origin too; no inline
 * script or style, no framing: a debtor's name that slipped past the escaping still could not run.
 * CloudFront sends the same policy (infra/aws/constructs/dashboard-site.ts), with the API's origin.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Answers GET /dashboard and /dashboard/* from the folder (static files, no token: they hold no
 * data; the page asks for the token and sends it to the API). False when the path is not the
 * dashboard's, so the API routes answer it.
 */
export async function serveDashboard(
  method: string,
  pathname: string,
  response: ServerResponse,
): Promise<boolean> {
  if (pathname === '/dashboard') {
    response.writeHead(308, { location: DASHBOARD_PATH }).end();
    return true;
  }
  if (!pathname.startsWith(DASHBOARD_PATH) || (method !== 'GET' && method !== 'HEAD')) return false;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(DASHBOARD_PATH.length)) || 'index.html';
  } catch {
    relative = '';
  }
  const file = normalize(join(ROOT, relative));
  const type = TYPES[extname(file)];
  if (!relative || !file.startsWith(ROOT) || file.includes(`${sep}.`) || !type) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return true;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return true;
  }
  response.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'cache-control': 'no-cache',
    'content-security-policy': DASHBOARD_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(method === 'HEAD' ? undefined : body);
  return true;
}
