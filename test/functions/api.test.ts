import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { DEFAULT_SHARD_COUNT } from '../../shared/adapters/dynamodb/table-schema';
import type { Dossier } from '../../shared/domain/dossier';
import { withStoredScore } from '../../shared/domain/recoverability-score';
import { answer, apiEvent } from '../support/api-events';
import { aDossier } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { storedDossier, twoInvoices } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { RecordingLogger } from '../support/recording-ports';

/** The API handler on the real repository over dynalite, fed API Gateway HTTP API (v2) events with a JWT authorizer. */

const NOW = '2026-03-12T09:15:00.000Z';

let repository: DynamoDossierRepository;
const logger = new RecordingLogger();
let api: ReturnType<typeof makeHandler>;
let counter = 0;

useDynalite((dynamo) => {
  repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, DEFAULT_SHARD_COUNT);
  api = makeHandler({ repository, logger }, () => new Date(NOW));
});

/** A tenant of its own per test, with one open dossier of two invoices (1 200 + 300 EUR). */
const newDossier = (overrides: Partial<Dossier> = {}): Promise<Dossier> =>
  storedDossier(repository, `tenant-api-${++counter}`, { ...twoInvoices(), ...overrides });

async function call(e: APIGatewayProxyEventV2WithJWTAuthorizer) {
  const result = answer(await api(e, {} as Context));
  expectDocumentedAnswer(e.routeKey, result.status, result.body);
  return result;
}

const get = (tenantId: string | undefined, dossierId: string, suffix = '') =>
  call(
    apiEvent(`GET /dossiers/{dossierId}${suffix}`, {
      ...(tenantId !== undefined ? { tenantId } : {}),
      pathParameters: { dossierId },
    }),
  );

const post = (
  tenantId: string | undefined,
  dossierId: string,
  what: 'payments' | 'disputes' | 'opt-outs',
  body: unknown,
) =>
  call(
    apiEvent(`POST /dossiers/{dossierId}/${what}`, {
      ...(tenantId !== undefined ? { tenantId } : {}),
      pathParameters: { dossierId },
      body,
    }),
  );

describe('GET /dossiers/{dossierId}', () => {
  it("returns the tenant's dossier as JSON, without storage keys", async () => {
    const dossier = await newDossier();

    const res = await get(dossier.tenantId, dossier.dossierId);

    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    expect(res.body).toEqual(JSON.parse(JSON.stringify(withStoredScore(dossier))));
    expect(Object.keys(res.body!)).not.toEqual(expect.arrayContaining(['PK']));
    expect(Object.keys(res.body!).filter((key) => /^(PK|SK|GSI\d(PK|SK)|entity)$/.test(key))).toEqual([]);
  });

  it('answers 404 problem+json for a dossier that does not exist', async () => {
    const dossier = await newDossier();

    const res = await get(dossier.tenantId, 'DOS-NOBODY');

    expect(res.status).toBe(404);
    expect(res.contentType).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Not found', status: 404 });
    expect(res.body?.detail).toContain('DOS-NOBODY');
  });

  it("hides a dossier from another tenant: tenant B gets 404 for tenant A's dossier", async () => {
    const a = await newDossier();
    const b = await newDossier();
    // Same dossier id in both tenants is possible (ids derive from the creditor's customer ref).
    expect(a.dossierId).toBe(b.dossierId);
    await repository.saveDossier({
      ...a,
      debtor: { ...a.debtor, name: 'Only in A' },
      version: a.version + 1,
    });

    const fromB = await get(b.tenantId, a.dossierId);
    const fromA = await get(a.tenantId, a.dossierId);
    const otherId = await newDossier({ dossierId: 'DOS-A-ONLY' });
    const crossed = await get(b.tenantId, otherId.dossierId);

    expect(fromA.body?.debtor).toMatchObject({ name: 'Only in A' });
    expect(fromB.status).toBe(200);
    expect(fromB.body?.tenantId).toBe(b.tenantId);
    expect(fromB.body?.debtor).not.toMatchObject({ name: 'Only in A' });
    expect(crossed.status).toBe(404);
    expect(crossed.contentType).toBe('application/problem+json');
  });

  it('takes the tenant from the token only: a tenantId in the path parameters is ignored', async () => {
    const a = await newDossier({ dossierId: 'DOS-PATH' });
    const b = await newDossier({ dossierId: 'DOS-OTHER' });
    const e = apiEvent('GET /dossiers/{dossierId}', {
      tenantId: b.tenantId,
      pathParameters: { dossierId: a.dossierId, tenantId: a.tenantId },
    });

    const res = await call(e);

    expect(res.status).toBe(404);
  });
});

describe('GET /dossiers/{dossierId}/timeline', () => {
  it("lists the dossier's timeline events", async () => {
    const dossier = await newDossier();
    await repository.appendEvent({
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      eventId: '2026-03-04#ACT#reminder-1#email',
      type: 'action-sent',
      at: '2026-03-04T05:00:00.000Z',
      day: '2026-03-04',
      actor: 'pipeline',
      level: 'reminder-1',
      channel: 'email',
      state: 'done',
    });

    const res = await get(dossier.tenantId, dossier.dossierId, '/timeline');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      items: [
        expect.objectContaining({
          eventId: '2026-03-04#ACT#reminder-1#email',
          type: 'action-sent',
          level: 'reminder-1',
        }),
      ],
    });
    expect((res.body!.items as Record<string, unknown>[])[0]).not.toHaveProperty('PK');
  });

  it("answers 404 for another tenant's timeline, even when the dossier exists", async () => {
    const a = await newDossier({ dossierId: 'DOS-TL' });
    await repository.appendEvent({
      tenantId: a.tenantId,
      dossierId: a.dossierId,
      eventId: '2026-03-01#INV#F-001',
      type: 'invoice-added',
      at: '2026-03-01T08:00:00.000Z',
      day: '2026-03-01',
      actor: 'creditor',
    });
    const b = await newDossier({ dossierId: 'DOS-B' });

    const res = await get(b.tenantId, a.dossierId, '/timeline');

    expect(res.status).toBe(404);
    expect(res.contentType).toBe('application/problem+json');
  });
});

describe('POST /dossiers/{dossierId}/payments', () => {
  it('records a partial payment and keeps the dossier open', async () => {
    const dossier = await newDossier();

    const res = await post(dossier.tenantId, dossier.dossierId, 'payments', {
      paymentId: 'VIR-2026-0042',
      date: '2026-03-11',
      amountCents: 50_000,
    });

    expect(res.status).toBe(200);
    // F-001's 8 days of penalties (3.20 EUR at 12.15 %) first, then its principal (C.civ. 1343-1);
    // still owed: the principal left, one more day of penalties on F-001, F-002's, two indemnities.
    expect(res.body).toEqual({
      dossierId: dossier.dossierId,
      appliedCents: 50_000,
      creditCents: 0,
      waivedCents: 0,
      outstandingCents: expect.any(Number),
      status: 'open',
      duplicate: false,
    });
    const stored = await repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(stored?.invoices.map((inv) => inv.paidCents)).toEqual([50_000 - 320, 0]);
    expect(res.body?.outstandingCents).toBeGreaterThan(150_000 - 49_680 + 8_000);
    expect(stored?.version).toBe(dossier.version + 1);
  });

  it('is idempotent on paymentId: a redelivered payment changes nothing', async () => {
    const dossier = await newDossier();
    const payment = { paymentId: 'VIR-2026-0043', date: '2026-03-11', amountCents: 150_000 };

    const first = await post(dossier.tenantId, dossier.dossierId, 'payments', payment);
    const second = await post(dossier.tenantId, dossier.dossierId, 'payments', payment);

    expect(first.body).toMatchObject({
      appliedCents: 150_000,
      outstandingCents: 0,
      status: 'paid',
      duplicate: false,
    });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      dossierId: dossier.dossierId,
      appliedCents: 0,
      creditCents: 0,
      waivedCents: 0,
      outstandingCents: 0,
      status: 'paid',
      duplicate: true,
    });
    const stored = await repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(stored?.version).toBe(dossier.version + 1);
    expect(stored?.nextActionOn).toBeUndefined();
    const timeline = await repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.filter((e) => e.type === 'payment-received')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'dossier-paid')).toHaveLength(1);
  });

  it('accepts a base64-encoded body, as API Gateway delivers some payloads', async () => {
    const dossier = await newDossier();
    const body = { paymentId: 'CB-77', date: '2026-03-12', amountCents: 1_000, invoice: 'F-002' };

    const res = await call(
      apiEvent('POST /dossiers/{dossierId}/payments', {
        tenantId: dossier.tenantId,
        pathParameters: { dossierId: dossier.dossierId },
        body,
        base64: true,
      }),
    );

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ appliedCents: 1_000, duplicate: false });
    const stored = await repository.getDossier(dossier.tenantId, dossier.dossierId);
    // Imputed to the invoice it names first: its penalties (2 days), then its principal.
    const f002 = stored?.invoices.find((inv) => inv.number === 'F-002')?.paidCents;
    expect(f002).toBeGreaterThan(950);
    expect(f002).toBeLessThan(1_000);
    expect(stored?.invoices.find((inv) => inv.number === 'F-001')?.paidCents).toBe(0);
  });

  it.each([
    ['a negative amount', { paymentId: 'P-1', date: '2026-03-11', amountCents: -5 }, 'amountCents'],
    [
      'an amount in euros with decimals',
      { paymentId: 'P-1', date: '2026-03-11', amountCents: 12.5 },
      'amountCents',
    ],
    ['no paymentId', { date: '2026-03-11', amountCents: 500 }, 'paymentId'],
    ['a French date', { paymentId: 'P-1', date: '11/03/2026', amountCents: 500 }, 'date'],
    ['not a JSON object', '[1, 2]', '(body)'],
    ['a body that is not JSON', 'paymentId=P-1&amountCents=500', '(body)'],
  ])('answers 400 problem+json naming the field for %s', async (_label, body, field) => {
    const dossier = await newDossier();

    const res = await post(dossier.tenantId, dossier.dossierId, 'payments', body);

    expect(res.status).toBe(400);
    expect(res.contentType).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Invalid request', status: 400, field });
    const stored = await repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(stored?.version).toBe(dossier.version);
  });

  it('answers 400 naming (body) when there is no body at all', async () => {
    const dossier = await newDossier();

    const res = await call(
      apiEvent('POST /dossiers/{dossierId}/payments', {
        tenantId: dossier.tenantId,
        pathParameters: { dossierId: dossier.dossierId },
      }),
    );

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: '(body)' });
  });

  it("cannot pay into another tenant's dossier: 404, and the dossier is untouched", async () => {
    const a = await newDossier({ dossierId: 'DOS-PAY-A' });
    const b = await newDossier({ dossierId: 'DOS-PAY-B' });

    const res = await post(b.tenantId, a.dossierId, 'payments', {
      paymentId: 'VIR-X',
      date: '2026-03-11',
      amountCents: 150_000,
    });

    expect(res.status).toBe(404);
    expect(res.contentType).toBe('application/problem+json');
    expect(await repository.getDossier(a.tenantId, a.dossierId)).toEqual(withStoredScore(a));
    expect(await repository.getDossier(b.tenantId, a.dossierId)).toBeUndefined();
  });
});

describe('POST /dossiers/{dossierId}/opt-outs', () => {
  it('stops the channel at once and records it, once', async () => {
    const dossier = await newDossier();
    const first = await post(dossier.tenantId, dossier.dossierId, 'opt-outs', {
      optOutId: 'STOP-1',
      channel: 'sms',
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ dossierId: dossier.dossierId, optOuts: ['sms'] });
    const again = await post(dossier.tenantId, dossier.dossierId, 'opt-outs', {
      optOutId: 'STOP-1',
      channel: 'sms',
    });
    expect(again.body).toEqual({ dossierId: dossier.dossierId, optOuts: ['sms'] });
    const stored = await repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(stored?.debtor.optOuts).toEqual(['sms']);
    const timeline = await repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.filter((e) => e.type === 'opt-out-recorded')).toHaveLength(1);
  });

  it('refuses to opt out of the postal letter, naming the field', async () => {
    const dossier = await newDossier();
    const res = await post(dossier.tenantId, dossier.dossierId, 'opt-outs', {
      optOutId: 'X',
      channel: 'letter',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, field: 'channel' });
  });
});

describe('POST /dossiers/{dossierId}/disputes', () => {
  it('pauses only the disputed invoice; once every invoice is disputed, takes the dossier off the sweep', async () => {
    const dossier = await newDossier();

    const res = await post(dossier.tenantId, dossier.dossierId, 'disputes', {
      disputeId: 'LIT-1',
      reason: 'not-delivered',
      invoices: ['F-002'],
    });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ dossierId: dossier.dossierId, status: 'open' });
    expect((await repository.getDossier(dossier.tenantId, dossier.dossierId))?.nextActionOn).toBe(
      dossier.nextActionOn,
    );
    const numbers = dossier.invoices.map((invoice) => invoice.number).filter((n) => n !== 'F-002');
    const all = await post(dossier.tenantId, dossier.dossierId, 'disputes', {
      disputeId: 'LIT-1B',
      reason: 'not-delivered',
      invoices: numbers,
    });
    expect(all.body).toEqual({ dossierId: dossier.dossierId, status: 'disputed' });
    const stored = await repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(stored?.status).toBe('disputed');
    expect(stored?.nextActionOn).toBeUndefined();
    const timeline = await repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline).toEqual([
      expect.objectContaining({
        type: 'dispute-opened',
        day: '2026-03-12',
        at: NOW,
        note: 'not-delivered',
        invoiceNumbers: ['F-002'],
      }),
      expect.objectContaining({ type: 'dispute-opened', invoiceNumbers: numbers }),
    ]);
  });

  it('answers 400 naming reason for a reason outside the list', async () => {
    const dossier = await newDossier();

    const res = await post(dossier.tenantId, dossier.dossierId, 'disputes', {
      disputeId: 'LIT-2',
      reason: 'bof',
    });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: 'reason' });
    expect((await repository.getDossier(dossier.tenantId, dossier.dossierId))?.status).toBe('open');
  });
});

describe('authorization and routing', () => {
  it('refuses a token without custom:tenantId, naming the token, and reads nothing', async () => {
    const dossier = await newDossier();

    const res = await get(undefined, dossier.dossierId);

    expect([400, 401]).toContain(res.status);
    expect(res.contentType).toBe('application/problem+json');
    expect(res.body).toMatchObject({ field: 'token' });
    expect(JSON.stringify(res.body)).not.toContain(dossier.debtor.name);
  });

  it('refuses an empty custom:tenantId claim', async () => {
    const dossier = await newDossier();

    const res = await post('', dossier.dossierId, 'payments', {
      paymentId: 'P-9',
      date: '2026-03-11',
      amountCents: 500,
    });

    expect([400, 401]).toContain(res.status);
    expect(res.body).toMatchObject({ field: 'token' });
    expect((await repository.getDossier(dossier.tenantId, dossier.dossierId))?.version).toBe(dossier.version);
  });

  it('answers 404 problem+json for an unknown route', async () => {
    const dossier = await newDossier();

    const res = await call(
      apiEvent('DELETE /dossiers/{dossierId}', {
        tenantId: dossier.tenantId,
        pathParameters: { dossierId: dossier.dossierId },
      }),
    );

    expect(res.status).toBe(404);
    expect(res.contentType).toBe('application/problem+json');
    expect(res.body).toMatchObject({ title: 'Not found', detail: 'no route DELETE /dossiers/{dossierId}' });
    expect(await repository.getDossier(dossier.tenantId, dossier.dossierId)).toEqual(
      withStoredScore(dossier),
    );
  });

  it('answers 500 without details when storage fails, and logs the error name only', async () => {
    const failing = Object.create(repository) as DynamoDossierRepository;
    failing.getDossier = async () => {
      throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443 for compta@dupont.example'), {
        name: 'TimeoutError',
      });
    };
    const broken = makeHandler({ repository: failing, logger }, () => new Date(NOW));
    const before = logger.entries.length;

    const result = (await broken(
      apiEvent('GET /dossiers/{dossierId}', { tenantId: 'tenant-x', pathParameters: { dossierId: 'DOS-1' } }),
      {} as Context,
    )) as APIGatewayProxyStructuredResultV2;

    expect(result.statusCode).toBe(500);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body!)).toEqual({ type: 'about:blank', title: 'Internal error', status: 500 });
    expect(logger.entries.slice(before)).toEqual([
      { level: 'error', message: 'unexpected API error', attributes: { error: 'TimeoutError' } },
    ]);
  });
});

describe('logs', () => {
  it('never carry the debtor’s e-mail, phone or name', () => {
    const text = JSON.stringify(logger.entries);
    expect(logger.entries.length).toBeGreaterThan(0);
    const debtor = aDossier().debtor;
    for (const secret of [debtor.email!, debtor.phone!, debtor.name]) expect(text).not.toContain(secret);
  });
});
