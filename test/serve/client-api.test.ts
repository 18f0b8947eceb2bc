import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../infra/local/serve/server';
import { parseClaimInput } from '../../shared/domain/legal/claim-input';
import { claimStatement } from '../../shared/domain/legal/claim-statement';
import { call, ROOT, registerTenant, removeDir, tempDataDir } from './support';

/**
 * The client API of issue 11 driven over HTTP against `serve` (real handler, dynalite on disk,
 * s3rver, outbox) in a temporary data folder: invoices posted as JSON, the dossier list and its
 * cursor, documents, the claim calculator, and tenant isolation on every new route.
 */
const CLOCK_START = new Date('2026-01-05T09:00:00Z');
let dataDir: string;
let server: RunningServer;
let tokenA: string;
let tokenB: string;

type Body = Record<string, unknown>;

function row(prefix: string, debtor: number, invoice: number, amount: string): Body {
  return {
    invoice_number: `${prefix}-${debtor}-${invoice}`,
    debtor_ref: `${prefix}D${debtor}`,
    debtor_type: 'professional',
    debtor_name: `SARL Débiteur ${debtor}`,
    debtor_email: `compta${debtor}@debiteur.example`,
    address_line1: `${debtor} rue de la Paix`,
    postal_code: '75002',
    city: 'Paris',
    amount,
    issue_date: '2025-10-01',
    due_date: `2025-11-${String(debtor).padStart(2, '0')}`,
  };
}

/** Five debtors of tenant `prefix`, one invoice each, and a row whose debtor type is wrong. */
function batch(prefix: string): { invoices: Body[] } {
  const rows = [1, 2, 3, 4, 5].map((debtor) => row(prefix, debtor, 1, `${debtor * 100},50`));
  return { invoices: [...rows, { ...row(prefix, 9, 1, '10,00'), debtor_type: 'martian' }] };
}

const post = (path: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function jsonOf(response: Response): Promise<Body> {
  return (await response.json()) as Body;
}

async function idsOf(token: string, query = ''): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const separator = query ? '&' : '';
    const page = await call(
      server,
      `/dossiers?${query}${separator}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    expect(page.status).toBe(200);
    const items = page.body.items as { dossierId: string }[];
    expect(items.length).toBeLessThanOrEqual(2);
    ids.push(...items.map((item) => item.dossierId));
    cursor = page.body.cursor as string | undefined;
  } while (cursor);
  return ids;
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startServer({ dataDir, port: 0, s3Port: 0, clockFactor: 1, clockStart: CLOCK_START });
  await registerTenant(server, 'tenant-a');
  await registerTenant(server, 'tenant-b');
  tokenA = await server.tokens.sign('tenant-a', '1h');
  tokenB = await server.tokens.sign('tenant-b', '1h');
  expect((await post('/invoices', tokenB, batch('B'))).status).toBe(200);
});

afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

describe('serve: POST /invoices', () => {
  it('imports the batch through the intake: good rows stored, the bad one reported with its field', async () => {
    const response = await post('/invoices', tokenA, batch('A'), { 'idempotency-key': 'batch-a-1' });
    expect(response.status).toBe(200);
    const report = await jsonOf(response);
    expect(report).toMatchObject({ tenantId: 'tenant-a', rows: 6, accepted: 5, dossiers: 5 });
    expect(report.rejected).toEqual([
      expect.objectContaining({ row: 6, invoiceNumber: 'A-9-1', field: 'debtor_type' }),
    ]);
    expect(await server.stack.repository.listDossiers('tenant-a')).toHaveLength(5);
  });

  it('replays the first answer for the same key and body, and refuses the key with another body', async () => {
    const replay = await post('/invoices', tokenA, batch('A'), { 'idempotency-key': 'batch-a-1' });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await jsonOf(replay)).accepted).toBe(5);
    const other = { invoices: [row('A', 6, 1, '60,00')] };
    const conflict = await post('/invoices', tokenA, other, { 'idempotency-key': 'batch-a-1' });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('content-type')).toBe('application/problem+json');
    // Nothing of the conflicting body was imported.
    expect(await server.stack.repository.getDossier('tenant-a', 'DOS-AD6')).toBeUndefined();
    // Keys are per tenant: B may use the same one for its own batch.
    const b = await post(
      '/invoices',
      tokenB,
      { invoices: [row('B', 7, 1, '70,00')] },
      { 'idempotency-key': 'batch-a-1' },
    );
    expect(b.status).toBe(200);
    expect((await jsonOf(b)).accepted).toBe(1);
  });

  it('answers 400 naming the field for bad JSON and wrong types, 415 for text', async () => {
    const cases: [string, string][] = [
      ['{"invoices": [', '(body)'],
      [JSON.stringify({ invoices: 'all of them' }), 'invoices'],
      [JSON.stringify({ invoices: [row('A', 1, 2, '1,00'), 42] }), 'invoices.1'],
      [JSON.stringify({ invoices: [] }), 'invoices'],
      [JSON.stringify({ rows: [] }), 'invoices'],
    ];
    for (const [body, field] of cases) {
      const response = await post('/invoices', tokenA, body);
      expect(response.status, body).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect((await jsonOf(response)).field, body).toBe(field);
    }
    const badKey = await post('/invoices', tokenA, batch('A'), { 'idempotency-key': 'é' });
    expect((await jsonOf(badKey)).field).toBe('Idempotency-Key');
    const text = await call(server, '/invoices', {
      token: tokenA,
      method: 'POST',
      contentType: 'text/csv',
      body: 'a;b',
    });
    expect(text.status).toBe(415);
  });
});

describe('serve: GET /dossiers', () => {
  it('pages through every dossier of the tenant with an opaque cursor, and none of the other', async () => {
    const ids = await idsOf(tokenA);
    expect(ids).toEqual(['DOS-AD1', 'DOS-AD2', 'DOS-AD3', 'DOS-AD4', 'DOS-AD5']);
    const descending = await idsOf(tokenA, 'sort=-dossierId');
    expect(descending).toEqual([...ids].reverse());
    // Sorted by an amount, paged the same way: largest first, no dossier twice or missed.
    expect(await idsOf(tokenA, 'sort=-outstandingCents')).toEqual([...ids].reverse());
    expect(await idsOf(tokenB)).toEqual(['DOS-BD1', 'DOS-BD2', 'DOS-BD3', 'DOS-BD4', 'DOS-BD5', 'DOS-BD7']);
  });

  it('filters by status, debtor reference, overdue days and next action', async () => {
    const page = await call(server, '/dossiers?status=open,disputed&limit=100', { token: tokenA });
    expect((page.body.items as unknown[]).length).toBe(5);
    const first = (page.body.items as Body[])[0]!;
    expect(first).toMatchObject({
      dossierId: 'DOS-AD1',
      status: 'open',
      outstandingCents: 10_050,
      currency: 'EUR',
    });
    const paid = await call(server, '/dossiers?status=paid', { token: tokenA });
    expect(paid.body.items).toEqual([]);
    const one = await call(server, '/dossiers?debtorRef=AD3', { token: tokenA });
    expect((one.body.items as Body[]).map((item) => item.dossierId)).toEqual(['DOS-AD3']);
    // B's debtor reference from A's token: nothing.
    expect((await call(server, '/dossiers?debtorRef=BD3', { token: tokenA })).body.items).toEqual([]);
    // Due 2025-11-01 … 11-05, today 2026-01-05: 65 … 61 days overdue.
    const overdue = await call(server, '/dossiers?minDaysOverdue=63&sort=daysOverdue', { token: tokenA });
    expect((overdue.body.items as Body[]).map((item) => item.daysOverdue)).toEqual([63, 64, 65]);
    const next = first.nextActionOn as string;
    const scheduled = await call(server, `/dossiers?nextActionFrom=${next}&nextActionTo=${next}&limit=100`, {
      token: tokenA,
    });
    expect((scheduled.body.items as unknown[]).length).toBeGreaterThan(0);
  });

  it('answers 400 naming the parameter for a bad filter, limit or cursor', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['status=lost', 'status.0'],
      ['sort=debtorName', 'sort'],
      ['nextActionFrom=05/01/2026', 'nextActionFrom'],
      ['cursor=not-a-cursor', 'cursor'],
      ['colour=red', '(body)'],
    ];
    for (const [query, field] of cases) {
      const response = await call(server, `/dossiers?${query}`, { token: tokenA });
      expect(response.status, query).toBe(400);
      expect(response.body.field, query).toBe(field);
    }
    const page = await call(server, '/dossiers?limit=2', { token: tokenA });
    const reused = await call(server, `/dossiers?limit=2&sort=-dossierId&cursor=${page.body.cursor}`, {
      token: tokenA,
    });
    expect(reused.status).toBe(400);
    expect(reused.body.field).toBe('cursor');
  });
});

describe('serve: documents', () => {
  it('lists the e-mail evidence of the first reminder and serves its bytes with the recorded SHA-256', async () => {
    await server.stack.runOverdueSweep(CLOCK_START.toISOString());
    const list = await call(server, '/dossiers/DOS-AD1/documents', { token: tokenA });
    expect(list.status).toBe(200);
    const items = list.body.items as Body[];
    expect(items.length).toBeGreaterThan(0);
    const email = items.find((item) => item.kind === 'email')!;
    expect(email).toMatchObject({ contentType: 'message/rfc822', channel: 'email' });
    const response = await fetch(`${server.apiUrl}${email.href}`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('message/rfc822');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(email.sha256);
    expect(response.headers.get('x-document-sha256')).toBe(email.sha256);
    expect(bytes.toString('utf8')).toContain('compta1@debiteur.example');
  });
});

describe('serve: POST /claims/quote', () => {
  it('answers what `recouvrement claim` prints for the same input', async () => {
    const input = JSON.parse(await readFile(join(ROOT, 'examples', 'claim.json'), 'utf8'));
    const response = await post('/claims/quote', tokenA, input);
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual(
      JSON.parse(JSON.stringify(claimStatement(parseClaimInput(input)))),
    );
    const bad = await post('/claims/quote', tokenA, {
      ...input,
      invoices: [{ ...input.invoices[0], amountCents: '12' }],
    });
    expect(bad.status).toBe(400);
    expect((await jsonOf(bad)).field).toBe('invoices.0.amountCents');
  });
});

describe("serve: tenant A on tenant B's ids", () => {
  it('gets 404 on every read and write, and B sees nothing changed', async () => {
    await server.stack.runOverdueSweep(CLOCK_START.toISOString());
    const before = {
      dossier: await call(server, '/dossiers/DOS-BD1', { token: tokenB }),
      timeline: await call(server, '/dossiers/DOS-BD1/timeline', { token: tokenB }),
      documents: await call(server, '/dossiers/DOS-BD1/documents', { token: tokenB }),
    };
    const documentOfB = (before.documents.body.items as Body[])[0]!;
    expect(documentOfB).toBeDefined();
    const reads = [
      '/dossiers/DOS-BD1',
      '/dossiers/DOS-BD1/timeline',
      '/dossiers/DOS-BD1/documents',
      String(documentOfB.href),
    ];
    for (const path of reads) expect((await call(server, path, { token: tokenA })).status, path).toBe(404);
    const writes: [string, Body][] = [
      ['/dossiers/DOS-BD1/payments', { paymentId: 'p-a', date: '2026-01-05', amountCents: 1000 }],
      ['/dossiers/DOS-BD1/disputes', { disputeId: 'd-a', reason: 'amount' }],
      ['/dossiers/DOS-BD1/opt-outs', { optOutId: 'o-a', channel: 'email' }],
      ['/dossiers/DOS-BD1/resume', {}],
    ];
    for (const [path, body] of writes) expect((await post(path, tokenA, body)).status, path).toBe(404);
    // The tenant is the token's: B's debtor reference posted by A lands in A's own dossiers.
    expect((await post('/invoices', tokenA, { invoices: [row('B', 1, 99, '5,00')] })).status).toBe(200);
    expect(await server.stack.repository.getDossier('tenant-a', 'DOS-BD1')).toBeDefined();
    expect(await call(server, '/dossiers/DOS-BD1', { token: tokenB })).toEqual(before.dossier);
    expect(await call(server, '/dossiers/DOS-BD1/timeline', { token: tokenB })).toEqual(before.timeline);
    expect(await call(server, '/dossiers/DOS-BD1/documents', { token: tokenB })).toEqual(before.documents);
  });
});

describe('serve: public routes and body limits', () => {
  it('serves /health and /openapi.json without a token', async () => {
    expect((await call(server, '/health')).status).toBe(200);
    const document = await call(server, '/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
  });

  it('makes the handler itself answer 413 above 1 MB and 415 for text, as API Gateway lets those through', async () => {
    const event = (body: string, contentType: string) => ({
      version: '2.0',
      routeKey: 'POST /invoices',
      rawPath: '/invoices',
      rawQueryString: '',
      headers: { 'content-type': contentType },
      body,
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/invoices' },
        authorizer: { jwt: { claims: { 'custom:tenantId': 'tenant-a' }, scopes: [] } },
        requestId: 'r-1',
      },
    });
    const large = JSON.stringify({ invoices: [{ pad: 'x'.repeat(1024 * 1024) }] });
    const tooLarge = (await server.stack.functions.api!(event(large, 'application/json'))) as Body;
    expect(tooLarge.statusCode).toBe(413);
    const text = (await server.stack.functions.api!(event('a;b', 'text/csv'))) as Body;
    expect(text.statusCode).toBe(415);
  });
});
