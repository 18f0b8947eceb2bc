import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import type { Dossier } from '../../shared/domain/dossier';
import { decideStep } from '../../shared/use-cases/escalation/decide-step';
import { recordStep } from '../../shared/use-cases/escalation/record-step';
import { answer, apiEvent } from '../support/api-events';
import { aDossier, anInvoice, aTenant } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * The dossier lifecycle through the API, on dynalite: disputes of one invoice, their resolution,
 * promises, closure, each applied twice to show a replay changes nothing.
 * Reminder-1 went out on 4 March (level 1); the requests arrive on 6 March.
 */
const NOW = '2026-03-06T09:00:00.000Z';

let deps: TestPipeline;
let api: ReturnType<typeof makeHandler>;
let now = NOW;
let counter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
  api = makeHandler(deps, () => new Date(now));
});

async function setup(overrides: Partial<Dossier> = {}, tenant = {}): Promise<Dossier> {
  now = NOW;
  const dossier = aDossier({
    tenantId: `tenant-life-${++counter}`,
    invoices: [
      anInvoice({ number: 'F-1', dueDate: '2026-03-03', amountCents: 100_000 }),
      anInvoice({ number: 'F-2', dueDate: '2026-02-01', amountCents: 20_000 }),
    ],
    levelIndex: 1,
    lastActionOn: '2026-03-04',
    nextActionOn: '2026-03-11',
    ladderStartedOn: '2026-02-01',
    ...overrides,
  });
  await deps.repository.putTenant(aTenant(dossier.tenantId, tenant));
  await deps.repository.createDossier(dossier);
  return dossier;
}

async function post(dossier: Dossier, path: string, body: unknown, extra: Record<string, string> = {}) {
  const e: APIGatewayProxyEventV2WithJWTAuthorizer = apiEvent(`POST /dossiers/{dossierId}${path}`, {
    tenantId: dossier.tenantId,
    pathParameters: { dossierId: dossier.dossierId, ...extra },
    body,
  });
  const result = answer(await api(e, {} as Context));
  expectDocumentedAnswer(e.routeKey, result.status, result.body);
  return result;
}

const reload = async (dossier: Dossier) =>
  (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
const timeline = (dossier: Dossier) => deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);

async function step(dossier: Dossier, asOf: string) {
  const input = { tenantId: dossier.tenantId, dossierId: dossier.dossierId, asOf };
  const decision = await decideStep(deps, input);
  await recordStep(deps, { ...input, decision });
  return decision;
}

describe('disputes through the API', () => {
  it('one invoice of two disputed: the other is still pursued, the note stays out of the logs', async () => {
    const dossier = await setup();
    const body = {
      disputeId: 'LIT-1',
      reason: 'defective',
      invoices: ['F-2'],
      note: 'Mme Durand dit que la porte est voilée',
    };
    expect((await post(dossier, '/disputes', body)).body).toEqual({
      dossierId: dossier.dossierId,
      status: 'open',
    });
    expect((await post(dossier, '/disputes', body)).body.status).toBe('open');
    const saved = await reload(dossier);
    expect(saved.nextActionOn).toBe('2026-03-11');
    expect(saved.disputes).toEqual([
      expect.objectContaining({ disputeId: 'LIT-1', invoices: ['F-2'], note: body.note, levelIndex: 1 }),
    ]);
    expect(saved.version).toBe(2);
    // Reminder-2 goes out on 11 March for F-1 only.
    const decision = await step(dossier, '2026-03-11T09:00:00.000Z');
    expect(decision).toMatchObject({ kind: 'act', level: 'reminder-2' });
    expect(deps.logger.text()).not.toContain('Durand');
    expect((await timeline(dossier)).filter((e) => e.type === 'dispute-opened')).toHaveLength(1);
  });

  it('refuses an invoice of another dossier (400 naming the field) and a reused id (409)', async () => {
    const dossier = await setup();
    const unknown = await post(dossier, '/disputes', {
      disputeId: 'LIT-9',
      reason: 'amount',
      invoices: ['F-404'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('invoices');
    await post(dossier, '/disputes', { disputeId: 'LIT-1', reason: 'amount', invoices: ['F-1'] });
    expect(
      (await post(dossier, '/disputes', { disputeId: 'LIT-1', reason: 'amount', invoices: ['F-2'] })).status,
    ).toBe(409);
  });

  it('a whole-dossier dispute rejected: the ladder resumes at the next level, the same resolution twice is ignored', async () => {
    const dossier = await setup();
    expect(
      (await post(dossier, '/disputes', { disputeId: 'LIT-2', reason: 'not-delivered' })).body.status,
    ).toBe('disputed');
    now = '2026-04-10T09:00:00.000Z';
    const resolve = () =>
      post(dossier, '/disputes/{disputeId}/resolution', { outcome: 'rejected' }, { disputeId: 'LIT-2' });
    expect((await resolve()).body).toEqual({
      dossierId: dossier.dossierId,
      disputeId: 'LIT-2',
      outcome: 'rejected',
      status: 'open',
      nextActionOn: '2026-04-10',
      duplicate: false,
    });
    const version = (await reload(dossier)).version;
    expect((await resolve()).body.duplicate).toBe(true);
    expect((await reload(dossier)).version).toBe(version);
    expect((await timeline(dossier)).filter((e) => e.type === 'dispute-resolved')).toEqual([
      expect.objectContaining({ actor: 'creditor', source: 'api', idempotencyKey: 'LIT-2#resolution' }),
    ]);
    expect(await step(dossier, '2026-04-10T09:00:00.000Z')).toMatchObject({
      kind: 'act',
      level: 'reminder-2',
      skipped: [],
    });
    const other = await post(
      dossier,
      '/disputes/{disputeId}/resolution',
      { outcome: 'upheld' },
      { disputeId: 'LIT-2' },
    );
    expect(other.status).toBe(409);
  });

  it('partly upheld: the invoice is reduced, and a new amount above the old one is refused', async () => {
    const dossier = await setup();
    await post(dossier, '/disputes', { disputeId: 'LIT-3', reason: 'amount', invoices: ['F-1'] });
    const path = '/disputes/{disputeId}/resolution';
    const tooHigh = await post(
      dossier,
      path,
      { outcome: 'partly-upheld', newAmounts: [{ invoice: 'F-1', amountCents: 150_000 }] },
      { disputeId: 'LIT-3' },
    );
    expect(tooHigh.status).toBe(400);
    const missing = await post(dossier, path, { outcome: 'partly-upheld' }, { disputeId: 'LIT-3' });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toContain('newAmounts');
    const ok = await post(
      dossier,
      path,
      { outcome: 'partly-upheld', newAmounts: [{ invoice: 'F-1', amountCents: 70_000 }] },
      { disputeId: 'LIT-3' },
    );
    expect(ok.body.status).toBe('open');
    const f1 = (await reload(dossier)).invoices.find((inv) => inv.number === 'F-1');
    expect(f1).toMatchObject({ amountCents: 70_000, originalAmountCents: 100_000 });
  });
});

describe('a dossier disputed before disputes were kept on it', () => {
  it('is resolved from its timeline event: rejected, it goes back on the ladder', async () => {
    // As the old disputes route left it: disputed, off the sweep, no dispute record.
    const created = await setup({ status: 'disputed', levelIndex: 1, lastActionOn: '2026-03-04' });
    const { nextActionOn: _n, ...dossier } = created;
    await deps.repository.saveDossier({ ...dossier, version: created.version + 1 });
    await deps.repository.appendEvent({
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      eventId: '2026-03-05#DISPUTE#OLD-1',
      type: 'dispute-opened',
      at: '2026-03-05T10:00:00.000Z',
      day: '2026-03-05',
      actor: 'debtor',
      note: 'amount',
    });
    const result = await post(
      dossier,
      '/disputes/{disputeId}/resolution',
      { outcome: 'rejected' },
      { disputeId: 'OLD-1' },
    );
    expect(result.body).toMatchObject({ status: 'open', nextActionOn: '2026-03-06', duplicate: false });
    expect((await reload(dossier)).disputes).toEqual([
      expect.objectContaining({ disputeId: 'OLD-1', reason: 'amount', openedOn: '2026-03-05' }),
    ]);
    const unknown = await post(
      dossier,
      '/disputes/{disputeId}/resolution',
      { outcome: 'rejected' },
      { disputeId: 'NOPE' },
    );
    expect(unknown.status).toBe(404);
  });
});

describe('promises through the API', () => {
  it('pause the ladder until the date plus the tenant grace days; broken, it resumes one level up', async () => {
    const dossier = await setup({}, { promiseGraceDays: 2 });
    const body = { promiseId: 'P-1', date: '2026-03-20', amountCents: 120_000 };
    expect((await post(dossier, '/promises', body)).body).toEqual({
      dossierId: dossier.dossierId,
      promiseId: 'P-1',
      holdsUntil: '2026-03-22',
      nextActionOn: '2026-03-23',
      duplicate: false,
    });
    expect((await post(dossier, '/promises', body)).body.duplicate).toBe(true);
    expect((await post(dossier, '/promises', { ...body, amountCents: 1 })).status).toBe(409);
    expect((await post(dossier, '/promises', { ...body, promiseId: 'P-2', date: '2026-03-06' })).status).toBe(
      400,
    );
    expect(await step(dossier, '2026-03-11T09:00:00.000Z')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-03-23',
    });
    // 23 March: nothing paid. Reminder-2 and the call are both due; the ladder goes one level up from reminder-1.
    expect(await step(dossier, '2026-03-23T09:00:00.000Z')).toMatchObject({
      kind: 'act',
      level: 'reminder-2',
    });
    const broken = (await timeline(dossier)).filter((e) => e.type === 'promise-broken');
    expect(broken).toEqual([
      expect.objectContaining({
        eventId: '2026-03-23#PROMISE#P-1#BROKEN',
        level: 'reminder-2',
        note: expect.stringContaining('not kept (grace 2 days)'),
      }),
    ]);
    expect((await reload(dossier)).levelIndex).toBe(2);
  });

  it('kept: a payment by the date closes the promise with its own event', async () => {
    const dossier = await setup();
    await post(dossier, '/promises', { promiseId: 'P-3', date: '2026-03-20', amountCents: 20_000 });
    await post(dossier, '/payments', { paymentId: 'VIR-1', date: '2026-03-06', amountCents: 20_000 });
    expect((await timeline(dossier)).filter((e) => e.type === 'promise-kept')).toEqual([
      expect.objectContaining({ eventId: '2026-03-20#PROMISE#P-3#KEPT', source: 'api' }),
    ]);
  });
});

describe('closure and reopening', () => {
  it('settled for less: the agreed amount received, the principal left waived, off the sweep; twice changes nothing', async () => {
    const dossier = await setup();
    const early = await post(dossier, '/closure', {
      closureId: 'ACC-1',
      kind: 'settled',
      agreedCents: 90_000,
    });
    expect(early.status).toBe(422);
    expect(early.body.detail).toContain('record the agreed payment first: 0 of 90000 cents received');
    await post(dossier, '/payments', { paymentId: 'VIR-ACC', date: '2026-03-06', amountCents: 90_000 });
    // Imputed oldest first, penalties and the 40 EUR indemnity before principal (43.20 EUR in all):
    // 856.80 EUR of principal paid, 343.20 EUR left, which the settlement waives.
    const paid = await reload(dossier);
    const principalLeft = paid.invoices.reduce((sum, inv) => sum + inv.amountCents - inv.paidCents, 0);
    expect(principalLeft).toBe(34_320);
    const body = { closureId: 'ACC-1', kind: 'settled', agreedCents: 90_000 };
    expect((await post(dossier, '/closure', body)).body).toEqual({
      dossierId: dossier.dossierId,
      closureId: 'ACC-1',
      kind: 'settled',
      status: 'closed',
      owedCents: principalLeft,
      waivedCents: principalLeft,
      duplicate: false,
    });
    expect((await post(dossier, '/closure', body)).body.duplicate).toBe(true);
    const saved = await reload(dossier);
    expect(saved).not.toHaveProperty('nextActionOn');
    expect(saved.invoices.every((inv) => inv.settledOn === '2026-03-06')).toBe(true);
    expect(saved.payments?.every((payment) => payment.settledOn === '2026-03-06')).toBe(true);
    expect((await timeline(dossier)).filter((e) => e.type === 'dossier-closed')).toEqual([
      expect.objectContaining({
        amountCents: 90_000,
        source: 'api',
        idempotencyKey: 'ACC-1',
        note: `settled: 90000 cents agreed and received, the ${principalLeft} cents of principal still owed waived`,
        legalBasis: ['C.civ. 2044 (transaction)', 'C.civ. 1350 (remise de dette: the rest waived)'],
      }),
    ]);
    expect(
      (await post(dossier, '/closure', { closureId: 'ACC-2', kind: 'written-off', reason: 'x' })).status,
    ).toBe(409);
  });

  it('refuses a write-off without a reason (400 naming it)', async () => {
    const dossier = await setup();
    const noReason = await post(dossier, '/closure', { closureId: 'B', kind: 'written-off' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.detail).toContain('reason');
  });

  it('transferred to judicial: the review is flagged, a contested claim goes to a lawyer', async () => {
    const dossier = await setup();
    await post(dossier, '/disputes', { disputeId: 'LIT-4', reason: 'amount', invoices: ['F-2'] });
    const result = await post(dossier, '/closure', { closureId: 'JUD-1', kind: 'judicial' });
    expect(result.body).toMatchObject({ status: 'judicial', kind: 'judicial' });
    const saved = await reload(dossier);
    expect(saved.judicial?.recommendation.path).toBe('lawyer');
    expect((await timeline(dossier)).map((e) => e.type)).toContain('judicial-review-flagged');
  });
});
