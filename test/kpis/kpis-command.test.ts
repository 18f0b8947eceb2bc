import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as kpisCommand } from '../../infra/local/commands/kpis';
import { run as reportCommand } from '../../infra/local/commands/report';
import { type RunningServer, startServer } from '../../infra/local/serve/server';
import { call, invoicesCsv, putThroughS3, registerTenant, removeDir, tempDataDir } from '../serve/support';

/** `recouvrement kpis` and `report` against a running `serve`, as an operator runs them. */
const CLOCK_START = new Date('2026-11-30T09:00:00Z');
let server: RunningServer;
let dataDir: string;

async function captured(command: () => Promise<number>) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await command(), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startServer({ dataDir, port: 0, s3Port: 0, clockFactor: 1, clockStart: CLOCK_START });
  await registerTenant(server, 'kpi-cli');
  await putThroughS3(server, 'kpi-cli/2026-11/invoices.csv', invoicesCsv('K'));
  await server.idle();
});

afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

describe('recouvrement kpis', () => {
  it('prints the JSON of GET /kpis, with a token signed from the data folder', async () => {
    const { code, stdout } = await captured(() =>
      kpisCommand([
        '--tenant',
        'kpi-cli',
        '--url',
        server.apiUrl,
        '--data',
        dataDir,
        '--from',
        '2026-11-01',
        '--json',
      ]),
    );
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    const token = await server.tokens.sign('kpi-cli', '1h');
    const api = await call(server, '/kpis?from=2026-11-01', { token });
    expect(printed).toEqual(api.body);
    // Three invoices of two debtors entrusted today: 180.00 + 420.50 + 1,250.00.
    expect(printed.entrusted).toEqual({ cents: 185_050, invoices: 3, dossiers: 2 });
  });

  it('counts a file dropped twice once', async () => {
    await putThroughS3(server, 'kpi-cli/2026-11/invoices-again.csv', invoicesCsv('K'));
    await server.idle();
    const token = await server.tokens.sign('kpi-cli', '1h');
    const api = await call(server, '/kpis?from=2026-11-01', { token });
    expect(api.body.entrusted).toEqual({ cents: 185_050, invoices: 3, dossiers: 2 });
  });

  it('prints a table for a terminal, and exits 2 naming the field of a bad date', async () => {
    const table = await captured(() =>
      kpisCommand(['--tenant', 'kpi-cli', '--url', server.apiUrl, '--data', dataDir]),
    );
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^entrusted\s+1 850,50 € \(3 invoices, 2 debtors\)$/m);
    const bad = await captured(() =>
      kpisCommand(['--tenant', 'kpi-cli', '--url', server.apiUrl, '--data', dataDir, '--from', '30/11/2026']),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/HTTP 400.*\(from\)/);
  });
});

describe('recouvrement report', () => {
  it('writes one HTML file with the figures of the API', async () => {
    const out = join(dataDir, 'reports', 'report.html');
    const { code } = await captured(() =>
      reportCommand(['--tenant', 'kpi-cli', '--url', server.apiUrl, '--data', dataDir, '--out', out]),
    );
    expect(code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toMatch(/data-kpi="entrusted">1\u202f850,50\u00a0€</);
  });
});
