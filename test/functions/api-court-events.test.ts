import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import { createTable } from '../../infra/local/dynamo';
import { MessengerEnforcementHandOff } from '../../shared/adapters/enforcement-hand-off';
import type { Dossier } from '../../shared/domain/dossier';
import { scanPrescription } from '../../shared/use-cases/sweeps/scan-prescription';
import { answer, apiEvent } from '../support/api-events';
import { aDebtor, anInvoice } from '../support/builders';
import { aJudicialState } from '../support/court-events';
import { expectDocumentedAnswer } from '../support/documented-response';
import { storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { judicialSweepOn } from '../support/judicial-step';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * Court and enforcement events over the API (POST /dossiers/{id}/court-events), then the daily
 * judicial sweep that watches their deadlines (docs/legal.md §10): the real handler and the real
 * use cases on dynalite, one shard so a sweep page sees every dossier of its table.
 */

const NOW = '2026-02-02T10:00:00.000Z';
let deps: TestPipeline;
let api: ReturnType<typeof makeHandler>;
let counter = 0;
let tables = 0;

const dynalite = useDynalite();

async function fresh(): Promise<void> {
  const tableName = `court-${++tables}`;
  await createTable(dynalite().client, tableName);
  deps = pipelineOn(dynalite(), { tableName, shardCount: 1 });
  api = makeHandler(
    {
      repository: deps.repository,
      tenants: deps.repository,
      logger: deps.logger,
      enforcementHandOff: new MessengerEnforcementHandOff(deps.messenger, deps.senderEmail),
    },
    () => new Date(NOW),
  );
}

/** A B2B dossier in court, at review (the creditor decided to file), 1,000 EUR due 3 Nov 2025. */
const inCourt = (overrides: Partial<Dossier> = {}) =>
  storedDossier(deps.repository, `tenant-court-${++counter}`, {
    invoices: [
      anInvoice({ number: 'F-CT-1', amountCents: 100_000, issueDate: '2025-10-03', dueDate: '2025-11-03' }),
    ],
    status: 'judicial',
    judicial: aJudicialState(),
    ...overrides,
  });

async function post(dossier: Pick<Dossier, 'tenantId' | 'dossierId'>, body: unknown) {
  const e: APIGatewayProxyEventV2WithJWTAuthorizer = apiEvent('POST /dossiers/{dossierId}/court-events', {
    tenantId: dossier.tenantId,
    pathParameters: { dossierId: dossier.dossierId },
    body,
  });
  const result = answer(await api(e, {} as Context));
  expectDocumentedAnswer(e.routeKey, result.status, result.body);
  return result;
}

/** The sweep's page task, each due dossier's judicial step run by the real judicial-step.asl.json. */
const sweep = async (asOf: string) => {
  const judicial = judicialSweepOn(deps);
  const page = await judicial.sweep(asOf);
  expect(judicial.stats.failed).toBe(0);
  return page;
};

describe('POST /dossiers/{id}/court-events', () => {
  it('applies the event, records it on the timeline and answers with the stage and deadlines', async () => {
    await fresh();
    const dossier = await inCourt();
    expect(
      (await post(dossier, { eventId: 'req-1', kind: 'request-filed', date: '2026-01-12' })).body,
    ).toEqual({
      dossierId: dossier.dossierId,
      stage: 'request-filed',
      deadlines: [],
      nextCheckOn: null,
      duplicate: false,
    });
    const issued = await post(dossier, {
      eventId: 'ord-1',
      kind: 'order-issued',
      date: '2026-02-02',
      reference: 'RG 26/00123',
      court: 'Tribunal judiciaire de Lyon',
    });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({
      stage: 'order-issued',
      deadlines: [{ kind: 'service', date: '2026-08-02', article: 'CPC 1411', alerted: [] }],
      nextCheckOn: '2026-07-03',
    });
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    const court = timeline.filter((e) => e.type === 'court-event');
    expect(court.map((e) => [e.note, e.actor, e.legalBasis, e.state])).toEqual([
      ['request-filed', 'court', ['CPC 1407'], 'done'],
      ['order-issued', 'court', ['CPC 1411'], 'done'],
    ]);
    expect(court[1]?.court).toMatchObject({
      kind: 'order-issued',
      reference: 'RG 26/00123',
      stage: 'order-issued',
    });
  });

  it('is idempotent on eventId: the same content is a duplicate, another content a 409', async () => {
    await fresh();
    const dossier = await inCourt();
    const body = { eventId: 'req-2', kind: 'request-filed', date: '2026-01-12', reference: 'R-1' };
    expect((await post(dossier, body)).body.duplicate).toBe(false);
    const again = await post(dossier, {
      reference: 'R-1',
      date: '2026-01-12',
      kind: 'request-filed',
      eventId: 'req-2',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, stage: 'request-filed' });
    const other = await post(dossier, { ...body, reference: 'R-2' });
    expect(other.status).toBe(409);
    expect(other.body.detail).toMatch(/req-2 was recorded before with another content/);
    const events = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(events.filter((e) => e.type === 'court-event')).toHaveLength(1);
  });

  it('refuses an out-of-order event with the reason (409), writing nothing', async () => {
    await fresh();
    const dossier = await inCourt();
    const refused = await post(dossier, { eventId: 'srv-1', kind: 'order-served', date: '2026-01-20' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/order-served cannot follow the stage review/);
    expect(await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).toEqual([]);
    const open = await inCourt({ status: 'open' });
    expect(
      (await post(open, { eventId: 'req-x', kind: 'request-filed', date: '2026-01-12' })).body.detail,
    ).toMatch(/not in court/);
  });

  it("is 404 for another tenant's dossier and 400 naming the field", async () => {
    await fresh();
    const dossier = await inCourt();
    const other = await post(
      { tenantId: 'someone-else', dossierId: dossier.dossierId },
      { eventId: 'r', kind: 'request-filed', date: '2026-01-12' },
    );
    expect(other.status).toBe(404);
    const bad = await post(dossier, { eventId: 'r', kind: 'order-lost', date: '2026-01-12' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('kind');
    expect(
      (await post(dossier, { eventId: 'r', kind: 'request-filed', date: '12/01/2026' })).body.field,
    ).toBe('date');
  });

  it('an opposition switches to the contested path: a lawyer task', async () => {
    await fresh();
    const dossier = await inCourt();
    for (const [eventId, kind, date] of [
      ['a', 'request-filed', '2026-01-05'],
      ['b', 'order-issued', '2026-01-12'],
      ['c', 'order-served', '2026-01-20'],
    ])
      expect((await post(dossier, { eventId, kind, date })).status).toBe(200);
    const opposed = await post(dossier, { eventId: 'd', kind: 'opposition-received', date: '2026-02-02' });
    expect(opposed.body).toMatchObject({ stage: 'opposition', deadlines: [], nextCheckOn: null });
    const tasks = await deps.repository.listOpenTasks(dossier.tenantId);
    expect(tasks.map((t) => [t.kind, t.dossierId])).toEqual([['lawyer', dossier.dossierId]]);
  });

  it('the enforcement mandate hands the title and the bundle key to the commissaire de justice, no personal data in logs', async () => {
    await fresh();
    const dossier = await inCourt({
      judicial: aJudicialState({
        stage: 'enforceable',
        events: {
          'order-served': '2025-12-01',
          'no-opposition': '2026-01-05',
          'enforceable-formula': '2026-01-15',
        },
        courtFile: {
          path: 'injonction-de-payer',
          builtOn: '2025-11-20',
          request: { key: 'court/req.pdf', sha256: 'a'.repeat(64), contentType: 'application/pdf' },
          bundle: { key: 'court/DOS-1/bundle.zip', sha256: 'b'.repeat(64), contentType: 'application/zip' },
        },
      }),
    });
    const body = {
      eventId: 'mandate-1',
      kind: 'enforcement-mandate',
      date: '2026-02-02',
      details: { agentName: 'SCP Huissiers Réunis', agentEmail: 'etude@commissaires.example' },
    };
    expect((await post(dossier, body)).body).toMatchObject({ stage: 'enforcement', duplicate: false });
    expect((await post(dossier, body)).body.duplicate).toBe(true);
    const mails = deps.messenger.sent.filter((s) => s.channel === 'email');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!.message as { to: string; text: string; template: string };
    expect(mail.to).toBe('etude@commissaires.example');
    expect(mail.template).toBe('enforcement-hand-off');
    expect(mail.text).toContain('court/DOS-1/bundle.zip');
    expect(mail.text).toContain('15 janvier 2026');
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.map((e) => e.type)).toContain('enforcement-handed-off');
    const logs = deps.logger.text();
    expect(logs).not.toContain(aDebtor().name);
    expect(logs).not.toContain(aDebtor().email!);
  });

  it('an enforcement act that recovered money records it as a payment', async () => {
    await fresh();
    const dossier = await inCourt({
      judicial: aJudicialState({ stage: 'enforcement', events: { 'enforcement-mandate': '2026-01-20' } }),
    });
    const act = await post(dossier, {
      eventId: 'act-1',
      kind: 'enforcement-act',
      date: '2026-02-01',
      reference: 'PV 2026-17',
      details: { act: 'saisie-attribution', recoveredCents: 30_000 },
    });
    expect(act.body).toMatchObject({ stage: 'enforcement' });
    const after = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(after?.judicial?.enforcementActs).toEqual([
      { date: '2026-02-01', kind: 'saisie-attribution', recoveredCents: 30_000, reference: 'PV 2026-17' },
    ]);
    expect(after?.payments?.map((p) => [p.paymentId, p.amountCents, p.date])).toEqual([
      ['court-act-1', 30_000, '2026-02-01'],
    ]);
  });
});

describe('the daily judicial sweep (scanJudicial)', () => {
  it('alerts the creditor 30 and 7 days before the service deadline, then marks the order lapsed', async () => {
    await fresh();
    const dossier = await inCourt();
    await post(dossier, { eventId: 'a', kind: 'request-filed', date: '2026-01-12' });
    await post(dossier, { eventId: 'b', kind: 'order-issued', date: '2026-02-02' });
    expect((await sweep('2026-07-02T01:00:00.000Z')).processed).toBe(0);
    expect((await sweep('2026-07-03T01:00:00.000Z')).processed).toBe(1);
    expect((await sweep('2026-07-03T01:00:00.000Z')).processed).toBe(0); // re-run: nothing due twice
    expect((await sweep('2026-07-26T01:00:00.000Z')).processed).toBe(1);
    const alerts = deps.messenger.sent.filter((s) => s.channel === 'email').map((s) => s.message);
    expect(alerts.map((m) => [m.level, m.to])).toEqual([
      ['court-service-30', 'recouvrement@martin.example'],
      ['court-service-7', 'recouvrement@martin.example'],
    ]);
    expect((alerts[0] as { text: string }).text).toMatch(/CPC 1411/);
    expect((await sweep('2026-08-02T01:00:00.000Z')).processed).toBe(0);
    expect((await sweep('2026-08-03T01:00:00.000Z')).processed).toBe(1);
    const after = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(after?.judicial).toMatchObject({ stage: 'review', deadlines: [] });
    expect(after?.judicial?.reason).toMatch(/not served by 2026-08-02/);
    expect(after?.judicial?.nextCheckOn).toBeUndefined();
    const notes = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId))
      .filter((e) => e.type === 'court-deadline')
      .map((e) => e.eventId);
    expect(notes).toEqual([
      '2026-07-03#COURT-ALERT#service#30',
      '2026-07-26#COURT-ALERT#service#7',
      '2026-08-03#COURT-LAPSED#service',
    ]);
  });

  it('no opposition by the end of the window: a task to request the enforceable formula', async () => {
    await fresh();
    const dossier = await inCourt();
    await post(dossier, { eventId: 'a', kind: 'request-filed', date: '2026-01-05' });
    await post(dossier, { eventId: 'b', kind: 'order-issued', date: '2026-01-12' });
    await post(dossier, { eventId: 'c', kind: 'order-served', date: '2026-01-20' });
    expect((await sweep('2026-02-20T02:00:00.000Z')).processed).toBe(0);
    expect((await sweep('2026-02-21T02:00:00.000Z')).processed).toBe(1);
    const tasks = await deps.repository.listOpenTasks(dossier.tenantId);
    expect(tasks.map((t) => [t.kind, t.level])).toEqual([['enforceable-formula', 'CPC 1422']]);
    const listed = answer(
      await api(
        apiEvent('GET /tasks', {
          tenantId: dossier.tenantId,
          query: { kind: 'enforceable-formula' },
        }),
        {} as Context,
      ),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items?.map((t) => t.dossierId)).toEqual([dossier.dossierId]);
    const titled = await post(dossier, { eventId: 'e', kind: 'enforceable-formula', date: '2026-03-02' });
    expect(titled.body).toMatchObject({ stage: 'enforceable', nextCheckOn: null });
  });

  it("the prescription sweep then watches the title's 10 years, not the claim's 5", async () => {
    await fresh();
    const dossier = await inCourt({
      invoices: [
        anInvoice({
          number: 'F-OLD',
          amountCents: 50_000,
          issueDate: '2021-02-01',
          dueDate: '2021-03-01',
          prescriptionDate: '2026-03-01',
        }),
      ],
      prescriptionDate: '2026-03-01',
      nextPrescriptionCheckOn: '2026-01-30',
      judicial: aJudicialState({
        stage: 'enforceable',
        events: {
          'order-served': '2025-10-01',
          'no-opposition': '2025-11-03',
          'enforceable-formula': '2025-11-10',
        },
      }),
    });
    await scanPrescription(deps, { shard: 0, asOf: '2026-02-02T01:00:00.000Z', cursor: null });
    const after = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(after?.prescriptionDate).toBe('2035-11-10');
    expect(after?.status).toBe('judicial');
    expect(deps.messenger.sent).toEqual([]); // no "prescribed in 30 days" warning
  });
});
