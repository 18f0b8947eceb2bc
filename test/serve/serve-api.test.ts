import { readFile } from 'node:fs/promises';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, openTokenIssuer } from '../../infra/local/serve/auth';
import { type RunningServer, startServer } from '../../infra/local/serve/server';
import { call, invoicesCsv, putThroughS3, registerTenant, removeDir, tempDataDir, until } from './support';

/**
 * `serve` driven from outside, as a client would: HTTP on its API port, the AWS SDK on its S3
 * port, in a temporary data folder. The clock is pinned to a Monday 10:00 (factor 1), so no
 * schedule fires while the tests run.
 */
const CLOCK_START = new Date('2026-01-05T09:00:00Z');
let dataDir: string;
let server: RunningServer;
let tokenA: string;
let tokenB: string;
let dossiersA: string[];
let dossierB: string;

async function start(): Promise<RunningServer> {
  return startServer({ dataDir, port: 0, s3Port: 0, clockFactor: 1, clockStart: CLOCK_START });
}

beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await start();
  await registerTenant(server, 'tenant-a');
  await registerTenant(server, 'tenant-b');
  tokenA = await server.tokens.sign('tenant-a', '1h');
  tokenB = await server.tokens.sign('tenant-b', '1h');
  await putThroughS3(server, 'tenant-a/2026-01-05/invoices.csv', invoicesCsv('A'));
  await putThroughS3(server, 'tenant-b/2026-01-05/invoices.csv', invoicesCsv('B'));
  await server.idle();
  dossiersA = (await server.stack.repository.listDossiers('tenant-a')).map((d) => d.dossierId).sort();
  dossierB = (await server.stack.repository.listDossiers('tenant-b'))[0]!.dossierId;
});

afterAll(async () => {
  await server?.stop();
  await removeDir(dataDir);
});

describe('serve: the HTTP API', () => {
  it('answers GET /health without a token', async () => {
    const response = await call(server, '/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    // The server's clock (pinned here), not the machine's.
    expect(String(response.body.now).slice(0, 10)).toBe('2026-01-05');
  });

  it('turns a file put through the S3 endpoint into dossiers, read through the API', async () => {
    expect(dossiersA).toHaveLength(2);
    for (const id of dossiersA) {
      const dossier = await call(server, `/dossiers/${id}`, { token: tokenA });
      expect(dossier.status).toBe(200);
      expect(dossier.body.tenantId).toBe('tenant-a');
      const timeline = await call(server, `/dossiers/${id}/timeline`, { token: tokenA });
      expect(timeline.status).toBe(200);
      expect(
        (timeline.body.items as { type: string }[]).some((event) => event.type === 'invoice-added'),
      ).toBe(true);
    }
    // The intake saw the S3 event's time (the server's clock), not the machine's.
    const dossier = await call(server, `/dossiers/${dossiersA[0]}`, { token: tokenA });
    expect(JSON.stringify(dossier.body)).toContain('2026-01-05');
  });

  it('answers 401 problem+json without a token, or with one it did not sign or that expired', async () => {
    const stored = JSON.parse(await readFile(server.layout.signingKey, 'utf8')) as {
      issuer: string;
      privateJwk: JWK;
    };
    const key = await importJWK(stored.privateJwk, 'ES256');
    const signed = (claims: Record<string, unknown>, audience: string, issuer: string, exp: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: stored.privateJwk.kid! })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject('local-x')
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const other = await openTokenIssuer(`${dataDir}-other/signing-key.json`);
    const bad = [
      undefined,
      'not-a-jwt',
      await other.sign('tenant-a', '1h'),
      await signed({ 'custom:tenantId': 'tenant-a' }, LOCAL_AUDIENCE, stored.issuer, now - 60),
      await signed({ 'custom:tenantId': 'tenant-a' }, 'another-client', stored.issuer, now + 600),
      await signed({ 'custom:tenantId': 'tenant-a' }, LOCAL_AUDIENCE, 'urn:someone-else', now + 600),
      await signed({}, LOCAL_AUDIENCE, stored.issuer, now + 600),
    ];
    for (const token of bad) {
      const response = await call(server, `/dossiers/${dossiersA[0]}`, token ? { token } : {});
      expect(response.status).toBe(401);
      expect(response.contentType).toBe('application/problem+json');
    }
    await removeDir(`${dataDir}-other`);
  });

  it("answers 404 to tenant A for tenant B's dossier, on reads and writes, and changes nothing", async () => {
    const before = await call(server, `/dossiers/${dossierB}/timeline`, { token: tokenB });
    expect((await call(server, `/dossiers/${dossierB}`, { token: tokenA })).status).toBe(404);
    expect((await call(server, `/dossiers/${dossierB}/timeline`, { token: tokenA })).status).toBe(404);
    const payment = await call(server, `/dossiers/${dossierB}/payments`, {
      token: tokenA,
      method: 'POST',
      contentType: 'application/json',
      body: JSON.stringify({ paymentId: 'p-1', date: '2026-01-05', amountCents: 1000 }),
    });
    expect(payment.status).toBe(404);
    expect(await call(server, `/dossiers/${dossierB}/timeline`, { token: tokenB })).toEqual(before);
  });

  it('answers 413 above 1 MB and 415 for a body that is not JSON', async () => {
    const path = `/dossiers/${dossiersA[0]}/disputes`;
    const large = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const tooLarge = await call(server, path, {
      token: tokenA,
      method: 'POST',
      contentType: 'application/json',
      body: large,
    });
    expect(tooLarge.status).toBe(413);
    const text = await call(server, path, {
      token: tokenA,
      method: 'POST',
      contentType: 'text/plain',
      body: 'a dispute',
    });
    expect(text.status).toBe(415);
    expect(text.contentType).toBe('application/problem+json');
    const unknown = await call(server, '/nowhere', { token: tokenA });
    expect(unknown.status).toBe(404);
  });

  it('keeps every dossier and timeline across a restart on the same data folder', async () => {
    const read = async () => {
      const seen: unknown[] = [];
      for (const id of dossiersA)
        seen.push(
          (await call(server, `/dossiers/${id}`, { token: tokenA })).body,
          (await call(server, `/dossiers/${id}/timeline`, { token: tokenA })).body,
        );
      return seen;
    };
    const before = await read();
    await server.stop();
    server = await start();
    // The key is in the data folder too: the token signed before the restart still works.
    const after = await until(async () => {
      const seen = await read();
      return seen.length > 0 ? seen : undefined;
    });
    expect(after).toEqual(before);
    expect((await server.stack.repository.listDossiers('tenant-b')).length).toBe(2);
  });
});
