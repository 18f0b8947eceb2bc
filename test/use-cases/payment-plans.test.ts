import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import { addDays, type LocalDate } from '../../shared/domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../shared/domain/dossier';
import { amount } from '../../shared/domain/messages/format';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { recordPayment } from '../../shared/use-cases/events/record-payment';
import type { TenantProfile } from '../../shared/use-cases/ports';
import { answer, apiEvent } from '../support/api-events';
import { anInvoice, morningOf } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { runStep, storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * Payment plans end to end on dynalite (docs/legal.md §14): granted through the real API handler,
 * then walked day by day through the real escalation step (decide, act, record) as the overdue
 * sweep runs it — only on the days the dossier is due — with payments through recordPayment.
 */

const TODAY = '2026-11-30';
const NOW = `${TODAY}T10:00:00.000Z`;
let deps: TestPipeline;
let counter = 0;
useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

/** B2B, 1 200 EUR due 3 March 2026; the first reminder went out on 4 March (level 1). */
async function pursued(overrides: Partial<Dossier> = {}, tenant: Partial<TenantProfile> = {}) {
  const dossier = await storedDossier(
    deps.repository,
    `tenant-plan-${++counter}`,
    {
      invoices: [anInvoice({ number: 'F-PL-1', amountCents: 120_000 })],
      levelIndex: 1,
      lastActionOn: '2026-03-04',
      nextActionOn: '2026-03-11',
      ...overrides,
    },
    tenant,
  );
  deps.messenger.sent.length = 0;
  return dossier;
}

async function call(routeKey: string, dossier: Dossier, body?: unknown, at = NOW) {
  const api = makeHandler(
    { repository: deps.repository, tenants: deps.repository, logger: deps.logger },
    () => new Date(at),
  );
  const event: APIGatewayProxyEventV2WithJWTAuthorizer = apiEvent(routeKey, {
    tenantId: dossier.tenantId,
    pathParameters: { dossierId: dossier.dossierId },
    ...(body !== undefined ? { body } : {}),
  });
  const result = answer(await api(event, {} as Context));
  expectDocumentedAnswer(routeKey, result.status, result.body);
  return result;
}

const post = (dossier: Dossier, body: unknown) =>
  call('POST /dossiers/{dossierId}/payment-plan', dossier, body);

const TWO = [
  { dueOn: '2026-12-15', amountCents: 60_000 },
  { dueOn: '2027-01-15', amountCents: 60_000 },
];

const reload = async (dossier: Dossier) =>
  (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
const timelineOf = (dossier: Dossier) => deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
const pay = (dossier: Dossier, paymentId: string, date: LocalDate, amountCents: number) =>
  recordPayment(deps, {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    payment: { paymentId, date, amountCents },
    receivedAt: morningOf(date).replace('T08', 'T15'),
  });

/** The overdue sweep, day by day: one step on each day the dossier is due, payments on their days. */
async function walk(
  dossier: Dossier,
  from: LocalDate,
  to: LocalDate,
  payments: Record<LocalDate, number> = {},
) {
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const current = await reload(dossier);
    if (current.nextActionOn && current.nextActionOn <= day) await runStep(deps, current, day);
    const amount = payments[day];
    if (amount) await pay(dossier, `PAY-${day}`, day, amount);
  }
}

const sentLevels = (dossier: Dossier) =>
  deps.messenger.sent
    .filter((s) => s.message.dossierId === dossier.dossierId)
    .map((s) => `${s.message.at.slice(0, 10)} ${s.message.level} ${s.channel}`);

const ofType = (timeline: TimelineEvent[], type: TimelineEvent['type']) =>
  timeline.filter((e) => e.type === type);

describe('POST /dossiers/{id}/payment-plan', () => {
  it('refuses each broken rule with a 400 naming its field', async () => {
    const dossier = await pursued();
    const cases: [unknown, string][] = [
      [{ planId: 'P', instalments: [{ dueOn: '2026-12-15', amountCents: 119_999 }] }, 'instalments'],
      [{ planId: 'P', instalments: [{ dueOn: '2026-11-29', amountCents: 120_000 }] }, 'instalments.0.dueOn'],
      [{ planId: 'P', instalments: [TWO[1], TWO[0]] }, 'instalments.1.dueOn'],
      [{ planId: 'P', instalments: [TWO[0], { ...TWO[1], dueOn: '2028-12-01' }] }, 'instalments.1.dueOn'],
      [{ planId: 'P', instalments: [{ dueOn: '15/12/2026', amountCents: 120_000 }] }, 'instalments.0.dueOn'],
      [
        { planId: 'P', instalments: [{ dueOn: '2026-12-15', amountCents: 1200.5 }] },
        'instalments.0.amountCents',
      ],
      [{ planId: 'P', instalments: [] }, 'instalments'],
      [{ planId: 'a b', instalments: TWO }, 'planId'],
    ];
    for (const [body, field] of cases) {
      const result = await post(dossier, body);
      expect({ status: result.status, type: result.contentType, field: result.body.field }).toEqual({
        status: 400,
        type: 'application/problem+json',
        field,
      });
    }
    expect((await reload(dossier)).paymentPlans).toBeUndefined();
  });

  it("refuses a plan on the principal alone when the tenant's policy does not waive the accessories", async () => {
    const dossier = await pursued({}, { paymentPolicy: { waiveAccessoriesWhenPrincipalPaid: false } });
    const result = await post(dossier, { planId: 'P1', instalments: TWO });
    expect([result.status, result.body.field]).toEqual([400, 'basis']);
  });

  it('creates once (then answers duplicate), and answers 409 to another plan, a changed plan or a paid dossier', async () => {
    const dossier = await pursued();
    const created = await post(dossier, { planId: 'P1', instalments: TWO });
    expect([created.status, created.body.duplicate]).toEqual([200, false]);
    expect(created.body.plan).toMatchObject({
      status: 'active',
      agreedOn: TODAY,
      balanceCents: 120_000,
      lapseNoticeDays: 15,
    });
    const again = await post(dossier, { planId: 'P1', instalments: TWO });
    expect([again.status, again.body.duplicate]).toEqual([200, true]);
    const stored = await reload(dossier);
    expect(stored.paymentPlans).toHaveLength(1);
    expect(stored.nextActionOn! <= TODAY).toBe(true);
    expect(ofType(await timelineOf(dossier), 'payment-plan-agreed')).toHaveLength(1);

    expect((await post(dossier, { planId: 'P2', instalments: TWO })).status).toBe(409);
    const changed = [TWO[0], { ...TWO[1], dueOn: '2027-01-16' }];
    expect((await post(dossier, { planId: 'P1', instalments: changed })).status).toBe(409);
    const paid = await pursued({ status: 'paid' });
    expect((await post(paid, { planId: 'P1', instalments: TWO })).status).toBe(409);
  });

  it('shows the plan on GET and cancels it on DELETE (twice: the same answer); the ladder resumes', async () => {
    const dossier = await pursued();
    await post(dossier, { planId: 'P1', instalments: TWO });
    const shown = await call('GET /dossiers/{dossierId}/payment-plan', dossier);
    expect(shown.body).toMatchObject({ planId: 'P1', status: 'active', remainingCents: 120_000 });
    const cancelled = await call('DELETE /dossiers/{dossierId}/payment-plan', dossier);
    expect(cancelled.body).toMatchObject({ plan: { status: 'cancelled' }, duplicate: false });
    expect((await call('DELETE /dossiers/{dossierId}/payment-plan', dossier)).body).toMatchObject({
      duplicate: true,
    });
    expect(ofType(await timelineOf(dossier), 'payment-plan-cancelled')).toHaveLength(1);
    // The ladder goes on where it stood: the level after the first reminder, today.
    const decision = await runStep(deps, await reload(dossier), '2026-12-01');
    expect(decision).toMatchObject({ kind: 'act', levelIndex: 2 });
    expect((await call('GET /dossiers/{dossierId}/payment-plan', dossier)).body).toMatchObject({
      status: 'cancelled',
    });
  });
});

describe('a payment plan through the sweep-driven step', () => {
  it('kept to the end: confirmation, one reminder per instalment, the dossier closes, no ladder message', async () => {
    const dossier = await pursued();
    expect((await post(dossier, { planId: 'P1', instalments: TWO })).status).toBe(200);
    await walk(dossier, TODAY, '2027-01-31', { '2026-12-14': 60_000, '2027-01-14': 60_000 });

    expect(sentLevels(dossier)).toEqual([
      '2026-11-30 plan-P1-confirmation email',
      '2026-12-12 plan-P1-reminder-1 email',
      '2027-01-12 plan-P1-reminder-2 email',
    ]);
    const stored = await reload(dossier);
    expect(stored.status).toBe('paid');
    expect(stored.paymentPlans?.[0]).toMatchObject({ status: 'completed', endedOn: '2027-01-14' });
    expect(ofType(await timelineOf(dossier), 'payment-plan-completed')).toHaveLength(1);
  });

  it('a missed instalment: notice on day 6 after its date, lapse 16 days later, the ladder resumes on the whole balance', async () => {
    const dossier = await pursued();
    await post(dossier, { planId: 'P1', instalments: TWO });
    await walk(dossier, TODAY, '2027-02-07', { '2026-12-14': 60_000 });

    expect(sentLevels(dossier)).toEqual([
      '2026-11-30 plan-P1-confirmation email',
      '2026-12-12 plan-P1-reminder-1 email',
      '2027-01-12 plan-P1-reminder-2 email',
      // 15 January + 5 grace days: missed on the 21st; the notice by letter and e-mail.
      '2027-01-21 plan-P1-notice-2 letter',
      '2027-01-21 plan-P1-notice-2 email',
      // 15 days' delay from the notice, lapsed on 6 February: the next level of the ladder.
      '2027-02-06 reminder-2 email',
      '2027-02-06 reminder-2 sms',
    ]);
    const stored = await reload(dossier);
    expect(stored.paymentPlans?.[0]).toMatchObject({ status: 'lapsed', endedOn: '2027-02-06' });
    expect(stored.levelIndex).toBe(2);
    // The 600 EUR paid were imputed by the legal engine, accessories first (C.civ. 1343-1): more
    // than 600 EUR of principal is left, and that whole balance is what the ladder claims again.
    const balance = dossierOutstandingCents(stored);
    expect(balance).toBeGreaterThan(60_000);
    const timeline = await timelineOf(dossier);
    expect(ofType(timeline, 'payment-plan-lapsed')).toEqual([
      expect.objectContaining({ day: '2027-02-06', amountCents: balance }),
    ]);
    const resumed = timeline.find((e) => e.type === 'action-sent' && e.level === 'reminder-2');
    expect(resumed?.amountCents).toBe(balance);
    const email = deps.messenger.sent.find(
      (s) =>
        s.message.dossierId === dossier.dossierId &&
        s.message.level === 'reminder-2' &&
        s.channel === 'email',
    );
    expect(email?.channel === 'email' && email.message.text).toContain(amount(balance, 'fr'));
  });

  it('a part paid in the same instant as the plan is in its balance, not in its instalments', async () => {
    // The demo found it: the debtor's transfer and the creditor's plan recorded at 14:00 sharp.
    const dossier = await pursued();
    await recordPayment(deps, {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      payment: { paymentId: 'PART', date: TODAY, amountCents: 50_000 },
      receivedAt: NOW,
    });
    const balance = dossierOutstandingCents(await reload(dossier));
    const half = Math.floor(balance / 2);
    const instalments = [
      { dueOn: '2026-12-15', amountCents: half },
      { dueOn: '2027-01-15', amountCents: balance - half },
    ];
    expect((await post(dossier, { planId: 'P1', instalments })).status).toBe(200);
    await walk(dossier, TODAY, '2026-12-31', { '2026-12-14': half });
    expect(
      (await call('GET /dossiers/{dossierId}/payment-plan', dossier, undefined, morningOf('2026-12-31')))
        .body,
    ).toMatchObject({
      status: 'active',
      paidCents: half,
      remainingCents: balance - half,
    });
  });

  it('sends each courtesy reminder once, even when the step runs every day of the window', async () => {
    const dossier = await pursued();
    await post(dossier, { planId: 'P1', instalments: TWO });
    for (let day = TODAY; day <= '2026-12-15'; day = addDays(day, 1))
      await runStep(deps, await reload(dossier), day);
    expect(sentLevels(dossier)).toEqual([
      '2026-11-30 plan-P1-confirmation email',
      '2026-12-12 plan-P1-reminder-1 email',
    ]);
  });
});
