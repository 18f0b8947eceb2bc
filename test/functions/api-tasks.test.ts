import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { DEFAULT_SHARD_COUNT } from '../../shared/adapters/dynamodb/table-schema';
import type { Dossier } from '../../shared/domain/dossier';
import { answer, apiEvent } from '../support/api-events';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { aCallTask, PAST_CALL } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { RecordingLogger } from '../support/recording-ports';

/** The call-task routes of the API handler on the real repository over dynalite (API Gateway v2 events, JWT claims). */

const NOW = '2026-03-19T13:30:00.000Z';

let repository: DynamoDossierRepository;
const logger = new RecordingLogger();
let api: ReturnType<typeof makeHandler>;
let counter = 0;

useDynalite((dynamo) => {
  repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, DEFAULT_SHARD_COUNT);
  api = makeHandler({ repository, logger }, () => new Date(NOW));
});

/** A tenant of its own, with dossiers past their call level and one open call task each. */
async function newTenant(
  dossiers: { id: string; amountCents: number; overrides?: Partial<Dossier> }[],
): Promise<{ tenantId: string; dossiers: Dossier[] }> {
  const tenantId = `tenant-tasks-${++counter}`;
  await repository.putTenant(aTenant(tenantId));
  const created: Dossier[] = [];
  for (const { id, amountCents, overrides } of dossiers) {
    const dossier = aDossier({
      tenantId,
      dossierId: id,
      invoices: [anInvoice({ number: `F-${id}`, amountCents })],
      ...PAST_CALL,
      ...overrides,
    });
    await repository.createDossier(dossier);
    const task = aCallTask(dossier, { priority: amountCents, outstandingCents: amountCents });
    await repository.putTask(task);
    created.push(dossier);
  }
  return { tenantId, dossiers: created };
}

async function call(e: APIGatewayProxyEventV2WithJWTAuthorizer) {
  const result = answer(await api(e, {} as Context));
  expectDocumentedAnswer(e.routeKey, result.status, result.body);
  return result;
}

const listTasks = (tenantId: string | undefined, query?: Record<string, string>) =>
  call(
    apiEvent('GET /tasks', { ...(tenantId !== undefined ? { tenantId } : {}), ...(query ? { query } : {}) }),
  );

const postOutcome = (tenantId: string, taskId: string, body: unknown) =>
  call(apiEvent('POST /tasks/{taskId}/outcome', { tenantId, pathParameters: { taskId }, body }));

describe('GET /tasks', () => {
  it("lists the tenant's open calls by priority, with what the agent needs and no more", async () => {
    // Prepare
    const { tenantId } = await newTenant([
      { id: 'DOS-S', amountCents: 30_000 },
      { id: 'DOS-L', amountCents: 450_000 },
      { id: 'DOS-PAID', amountCents: 990_000, overrides: { status: 'paid' } },
    ]);

    // Act
    const res = await listTasks(tenantId);

    // Assess
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    const items = res.body?.items as Record<string, unknown>[];
    expect(items.map((item) => item.dossierId)).toEqual(['DOS-L', 'DOS-S']);
    expect(items[0]).toEqual({
      taskId: '2026-03-18-call',
      dossierId: 'DOS-L',
      level: 'call',
      dueOn: '2026-03-18',
      priority: 450_000,
      outstandingCents: 450_000,
      // The recoverability score and its reasons: no personal data (recoverability-score.ts).
      score: 70,
      scoreFactors: [{ factor: 'age', contribution: 10, reason: '16 days late: fresh debt' }],
      expectedCents: 315_000,
      currency: 'EUR',
      debtorName: 'Menuiserie Dupont SARL',
      phone: '+33612345678',
      language: 'fr',
    });
    // No e-mail, no postal address, no storage keys.
    expect(JSON.stringify(res.body)).not.toMatch(/dupont\.example|rue des Lilas|GSI3|"PK"/);
  });

  it("never shows another tenant's tasks", async () => {
    const a = await newTenant([{ id: 'DOS-A', amountCents: 10_000 }]);
    const b = await newTenant([{ id: 'DOS-B', amountCents: 20_000 }]);

    const res = await listTasks(b.tenantId);

    expect((res.body!.items as { dossierId: string }[]).map((item) => item.dossierId)).toEqual(['DOS-B']);
    expect(a.tenantId).not.toBe(b.tenantId);
  });

  it('honours ?limit and answers 400 naming limit when it is out of range', async () => {
    const { tenantId } = await newTenant([
      { id: 'DOS-1', amountCents: 10_000 },
      { id: 'DOS-2', amountCents: 20_000 },
    ]);

    const one = await listTasks(tenantId, { limit: '1' });
    const bad = await listTasks(tenantId, { limit: '1000' });

    expect((one.body!.items as unknown[]).length).toBe(1);
    expect(bad.status).toBe(400);
    expect(bad.contentType).toBe('application/problem+json');
    expect(bad.body).toMatchObject({ title: 'Invalid request', field: 'limit' });
  });

  it('refuses a token without custom:tenantId', async () => {
    const res = await listTasks(undefined);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: 'token' });
  });
});

describe('POST /tasks/{taskId}/outcome', () => {
  it('records a promise to pay: the task leaves the queue and the next action moves after the date', async () => {
    const { tenantId, dossiers } = await newTenant([{ id: 'DOS-P', amountCents: 120_000 }]);

    const res = await postOutcome(tenantId, '2026-03-18-call', {
      dossierId: 'DOS-P',
      outcome: 'promise-to-pay',
      promisedDate: '2026-04-02',
      promisedAmountCents: 120_000,
      note: 'virement annoncé',
    });
    const queue = await listTasks(tenantId);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      taskId: '2026-03-18-call',
      dossierId: 'DOS-P',
      outcome: 'promise-to-pay',
      status: 'open',
      // The promised date plus the tenant's grace days (3 by default), then the day after.
      nextActionOn: '2026-04-06',
      duplicate: false,
    });
    expect(queue.body?.items).toEqual([]);
    const timeline = await repository.listTimeline(tenantId, dossiers[0]!.dossierId);
    expect(timeline).toEqual([
      expect.objectContaining({
        type: 'call-outcome',
        actor: 'agent',
        call: expect.objectContaining({ outcome: 'promise-to-pay', promisedOn: '2026-04-02' }),
      }),
      expect.objectContaining({ type: 'promise-made', source: 'agent', amountCents: 120_000 }),
    ]);
  });

  it('is idempotent: the same report twice is a duplicate, another outcome for the task a 409', async () => {
    const { tenantId } = await newTenant([{ id: 'DOS-I', amountCents: 50_000 }]);
    const body = { dossierId: 'DOS-I', outcome: 'no-answer' };

    const first = await postOutcome(tenantId, '2026-03-18-call', body);
    const second = await postOutcome(tenantId, '2026-03-18-call', body);
    const other = await postOutcome(tenantId, '2026-03-18-call', { dossierId: 'DOS-I', outcome: 'reached' });

    expect(first.body).toMatchObject({ duplicate: false });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ duplicate: true, outcome: 'no-answer' });
    expect(other.status).toBe(409);
    expect(other.contentType).toBe('application/problem+json');
  });

  it('dispute by phone: the dossier is disputed at once', async () => {
    const { tenantId } = await newTenant([{ id: 'DOS-D', amountCents: 50_000 }]);

    const res = await postOutcome(tenantId, '2026-03-18-call', { dossierId: 'DOS-D', outcome: 'dispute' });

    expect(res.body).toMatchObject({ status: 'disputed', nextActionOn: null });
  });

  it('wrong number: SMS and calls are marked failing for the debtor', async () => {
    const { tenantId } = await newTenant([{ id: 'DOS-W', amountCents: 50_000 }]);

    await postOutcome(tenantId, '2026-03-18-call', { dossierId: 'DOS-W', outcome: 'wrong-number' });

    expect((await repository.getDossier(tenantId, 'DOS-W'))?.debtor.failingChannels).toEqual(['sms', 'call']);
  });

  it.each([
    ['no promisedDate on a promise', { outcome: 'promise-to-pay' }, 'promisedDate'],
    ['a promisedDate in the past', { outcome: 'promise-to-pay', promisedDate: '2026-03-01' }, 'promisedDate'],
    [
      'a promisedDate more than 60 days ahead',
      { outcome: 'promise-to-pay', promisedDate: '2026-06-30' },
      'promisedDate',
    ],
    [
      'a promisedAmountCents in euros',
      { outcome: 'promise-to-pay', promisedDate: '2026-04-02', promisedAmountCents: 99.5 },
      'promisedAmountCents',
    ],
    ['an unknown outcome', { outcome: 'left-a-message' }, 'outcome'],
    ['no dossierId', { dossierId: undefined, outcome: 'reached' }, 'dossierId'],
  ])('answers 400 problem+json naming the field for %s, and changes nothing', async (_label, body, field) => {
    const { tenantId } = await newTenant([{ id: 'DOS-V', amountCents: 50_000 }]);

    const res = await postOutcome(tenantId, '2026-03-18-call', { dossierId: 'DOS-V', ...body });

    expect(res.status).toBe(400);
    expect(res.contentType).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Invalid request', status: 400, field });
    expect((await repository.getTask(tenantId, 'DOS-V', '2026-03-18-call'))?.status).toBe('open');
  });

  it("answers 404 for an unknown task, and for another tenant's task", async () => {
    const a = await newTenant([{ id: 'DOS-X', amountCents: 50_000 }]);
    const b = await newTenant([]);

    const unknown = await postOutcome(a.tenantId, 'NOPE', { dossierId: 'DOS-X', outcome: 'reached' });
    const crossed = await postOutcome(b.tenantId, '2026-03-18-call', {
      dossierId: 'DOS-X',
      outcome: 'reached',
    });

    expect(unknown.status).toBe(404);
    expect(crossed.status).toBe(404);
    expect(crossed.contentType).toBe('application/problem+json');
    expect((await repository.getTask(a.tenantId, 'DOS-X', '2026-03-18-call'))?.status).toBe('open');
  });
});

describe('logs of the task routes', () => {
  it('never carry the debtor’s name, phone or e-mail, nor the agent’s note', () => {
    const text = JSON.stringify(logger.entries);
    expect(logger.entries.length).toBeGreaterThan(0);
    const debtor = aDebtor();
    for (const secret of [debtor.email!, debtor.phone!, debtor.name, 'virement annoncé'])
      expect(text).not.toContain(secret);
  });
});
