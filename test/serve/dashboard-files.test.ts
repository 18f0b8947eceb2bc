import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, serveDashboard } from '../../infra/local/serve/dashboard-files';

/** The dashboard's files as `serve` answers them: the folder only, with the CSP, nothing around it. */
describe('serveDashboard', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (!(await serveDashboard(request.method ?? 'GET', url.pathname, response)))
        response.writeHead(418).end('not the dashboard');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves the page, its modules and config.json with the CSP', async () => {
    const page = await fetch(`${base}/dashboard/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(await page.text()).toContain('<script type="module" src="app.js">');
    const module = await fetch(`${base}/dashboard/views/kpis.js`);
    expect(module.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await fetch(`${base}/dashboard/config.json`)).json()).toEqual({ apiBaseUrl: '' });
  });

  it('redirects /dashboard to the folder, so the page`s relative links resolve', async () => {
    const response = await fetch(`${base}/dashboard`, { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/dashboard/');
  });

  it('never serves a file outside the folder, a hidden file or an unknown type', async () => {
    for (const path of [
      '/dashboard/%2e%2e%2fpackage.json',
      '/dashboard/..%2fREADME.md',
      '/dashboard/.hidden.js',
      '/dashboard/index.ts',
      '/dashboard/%E0%A4%A',
    ])
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
  });

  it('leaves other paths and methods to the API', async () => {
    expect((await fetch(`${base}/dossiers`)).status).toBe(418);
    expect((await fetch(`${base}/dashboard/index.html`, { method: 'POST' })).status).toBe(418);
  });
});
