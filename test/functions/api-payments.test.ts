import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { DEFAULT_SHARD_COUNT } from '../../shared/adapters/dynamodb/table-schema';
import type { Dossier } from '../../shared/domain/dossier';
import { DEFAULT_RATES } from '../../shared/domain/legal/rates';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { formalNoticeFigures } from '../../shared/use-cases/escalation/formal-notice';
import type { Logger, TenantProfile } from '../../shared/use-cases/ports';
import { answer, apiEvent } from '../support/api-events';
import { aDebtor, anInvoice } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { storedDossier, twoInvoices } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';

/**
 * Payments over the API (issue 10 point 4): the real handler on the real repository over
 * dynalite. Today is 12 March 2026 (Paris). The default dossier is B2B: 1,200 EUR due 3 March and
 * 300 EUR due 10 March, so late-payment penalties run and a 40 EUR indemnity is owed per invoice.
 */

const NOW = '2026-03-12T09:15:00.000Z';
const TODAY = '2026-03-12';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
let repository: DynamoDossierRepository;
let api: ReturnType<typeof makeHandler>;
let counter = 0;

useDynalite((dynamo) => {
  repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, DEFAULT_SHARD_COUNT);
  api = makeHandler({ repository, tenants: repository, logger: silent }, () => new Date(NOW));
});

const newDossier = (
  overrides: Partial<Dossier> = {},
  tenant: Partial<TenantProfile> = {},
): Promise<Dossier> =>
  storedDossier(repository, `tenant-pay-${++counter}`, { ...twoInvoices(), ...overrides }, tenant);

/** A consumer owes no indemnity and no interest before a formal notice: only principal is claimed. */
const consumerDossier = (amountCents: number) =>
  newDossier({
    debtor: aDebtor({ type: 'consumer' }),
    scenarioId: 'fr-b2c-default',
    invoices: [anInvoice({ number: 'F-C1', amountCents, dueDate: '2026-03-03', nature: 'consumer' })],
  });

const event = (routeKey: string, tenantId: string, dossierId: string, body?: unknown) =>
  apiEvent(routeKey, { tenantId, pathParameters: { dossierId }, ...(body !== undefined ? { body } : {}) });

async function call(e: APIGatewayProxyEventV2WithJWTAuthorizer) {
  const result = answer(await api(e, {} as Context));
  expectDocumentedAnswer(e.routeKey, result.status, result.body);
  return result;
}

const pay = (dossier: Dossier, body: unknown) =>
  call(event('POST /dossiers/{dossierId}/payments', dossier.tenantId, dossier.dossierId, body));
const getDossier = (dossier: Dossier) =>
  call(event('GET /dossiers/{dossierId}', dossier.tenantId, dossier.dossierId));
const timelineOf = (dossier: Dossier): Promise<TimelineEvent[]> =>
  repository.listTimeline(dossier.tenantId, dossier.dossierId);
/**
 * The dossier as the repository holds it. "Nothing recorded" compares two such reads, not the
 * builder's dossier: every write stores a recoverability score (`withStoredScore`) the builder lacks.
 */
const stored = async (dossier: Dossier) =>
  (await repository.getDossier(dossier.tenantId, dossier.dossierId))!;

describe('POST /dossiers/{dossierId}/payments: currency', () => {
  it('refuses a payment in another currency than the dossier’s: 422 naming currency, nothing recorded', async () => {
    const dossier = await newDossier();
    const before = await stored(dossier);

    const res = await pay(dossier, { paymentId: 'W-USD', date: TODAY, amountCents: 50_000, currency: 'USD' });

    expect(res.status).toBe(422);
    expect(res.contentType).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 422, field: 'currency' });
    expect(await stored(dossier)).toEqual(before);
    expect(await timelineOf(dossier)).toEqual([]);
  });

  it('takes the dossier’s currency when none is given, and accepts it spelled out', async () => {
    const dossier = await newDossier();

    const implicit = await pay(dossier, { paymentId: 'W-1', date: TODAY, amountCents: 1_000 });
    const explicit = await pay(dossier, {
      paymentId: 'W-2',
      date: TODAY,
      amountCents: 1_000,
      currency: 'EUR',
    });

    expect([implicit.status, explicit.status]).toEqual([200, 200]);
    expect((await stored(dossier)).payments?.map((p) => p.currency)).toEqual(['EUR', 'EUR']);
  });
});

describe('POST /dossiers/{dossierId}/payments: nothing is lost', () => {
  it('keeps an overpayment as a credit on the dossier, shown in the response and by GET', async () => {
    const dossier = await consumerDossier(18_699);

    const res = await pay(dossier, { paymentId: 'W-BIG', date: TODAY, amountCents: 10_000_000 });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      appliedCents: 18_699,
      creditCents: 10_000_000 - 18_699,
      outstandingCents: 0,
      status: 'paid',
      duplicate: false,
    });
    const read = await getDossier(dossier);
    expect(read.body).toMatchObject({ status: 'paid', creditCents: 9_981_301 });
    expect((read.body.invoices as { paidCents: number }[])[0]?.paidCents).toBe(18_699);
  });

  it('records a payment on a paid dossier as a credit, never drops it', async () => {
    const dossier = await consumerDossier(18_699);
    await pay(dossier, { paymentId: 'W-FULL', date: '2026-03-11', amountCents: 18_699 });

    const res = await pay(dossier, { paymentId: 'W-AGAIN', date: TODAY, amountCents: 5_000 });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      appliedCents: 0,
      creditCents: 5_000,
      outstandingCents: 0,
      status: 'paid',
      duplicate: false,
    });
    const after = await stored(dossier);
    expect(after.creditCents).toBe(5_000);
    expect(after.payments?.map((p) => p.paymentId)).toEqual(['W-FULL', 'W-AGAIN']);
    const timeline = await timelineOf(dossier);
    expect(timeline.filter((e) => e.type === 'payment-received')).toHaveLength(2);
    expect(timeline.filter((e) => e.type === 'dossier-paid')).toHaveLength(1);
  });
});

describe('POST /dossiers/{dossierId}/payments: dates', () => {
  it.each([
    ['in 2099', '2099-01-15'],
    ['tomorrow (Paris)', '2026-03-13'],
    ['before the oldest invoice was issued', '2026-01-31'],
  ])('refuses a payment dated %s: 400 naming date, nothing recorded', async (_label, date) => {
    const dossier = await newDossier();
    const before = await stored(dossier);

    const res = await pay(dossier, { paymentId: 'W-D', date, amountCents: 150_000 });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, field: 'date' });
    expect(await stored(dossier)).toEqual(before);
  });

  it('refuses a payment designating an invoice the dossier does not hold: 400 naming invoice', async () => {
    const dossier = await newDossier();

    const res = await pay(dossier, { paymentId: 'W-I', date: TODAY, amountCents: 100, invoice: 'F-999' });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: 'invoice' });
  });
});

describe('POST /dossiers/{dossierId}/payments: the same paymentId', () => {
  it('with the same content is a no-op (duplicate: true), the currency given or not', async () => {
    const dossier = await newDossier();
    const payment = { paymentId: 'W-SAME', date: '2026-03-11', amountCents: 40_000 };

    const first = await pay(dossier, payment);
    const again = await pay(dossier, { ...payment, currency: 'EUR' });

    expect(first.body).toMatchObject({ duplicate: false, status: 'open' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      appliedCents: 0,
      outstandingCents: first.body.outstandingCents,
      duplicate: true,
    });
    expect((await stored(dossier)).version).toBe(dossier.version + 1);
  });

  it.each([
    ['another date', { date: '2026-03-10' }],
    ['another amount', { amountCents: 150_001 }],
    ['another invoice', { invoice: 'F-002' }],
    ['another currency', { currency: 'USD' }],
  ])('with %s is a 409, and the dossier is paid once', async (_label, change) => {
    const dossier = await newDossier();
    const payment = { paymentId: 'W-409', date: '2026-03-11', amountCents: 150_000 };
    expect((await pay(dossier, payment)).body).toMatchObject({ status: 'paid' });

    const res = await pay(dossier, { ...payment, ...change });

    expect(res.status).toBe(409);
    expect(res.contentType).toBe('application/problem+json');
    expect((await stored(dossier)).payments).toHaveLength(1);
    const timeline = await timelineOf(dossier);
    expect(timeline.filter((e) => e.type === 'dossier-paid')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'payment-received')).toHaveLength(1);
  });
});

describe('POST /dossiers/{dossierId}/payments: imputation (C.civ. 1342-10, 1343-1)', () => {
  it('imputes a partial payment to penalties first; the formal notice claims what the API says is outstanding', async () => {
    const dossier = await newDossier();

    const res = await pay(dossier, { paymentId: 'W-PART', date: '2026-03-11', amountCents: 50_000 });

    expect(res.status).toBe(200);
    const after = await stored(dossier);
    const notice = formalNoticeFigures(after, await timelineOf(dossier), TODAY, DEFAULT_RATES);
    expect(res.body.outstandingCents).toBe(notice.totalDueCents);
    // Part of the 500 EUR went to the penalties of F-001 (8 days late): less than 500 EUR of principal paid.
    const principalPaid = after.invoices.reduce((sum, inv) => sum + inv.paidCents, 0);
    expect(principalPaid).toBeLessThan(50_000);
    expect(principalPaid).toBeGreaterThan(49_000);
    expect(notice.principalDueCents).toBe(150_000 - principalPaid);
    expect(notice.indemnityCents).toBe(8_000);
    expect(notice.totalDueCents).toBeGreaterThan(150_000 - 50_000 + 8_000);
    // Oldest due first: F-001 took it all, F-002 is untouched.
    expect(after.invoices.map((inv) => inv.paidCents)).toEqual([principalPaid, 0]);
  });
});

describe('POST /dossiers/{dossierId}/payments: closing and the creditor’s policy', () => {
  it('by default closes the dossier once the principal is paid, and records the accessories it waives', async () => {
    const dossier = await newDossier();

    const res = await pay(dossier, { paymentId: 'W-PRINC', date: '2026-03-11', amountCents: 150_000 });

    expect(res.body).toMatchObject({ status: 'paid', outstandingCents: 0, creditCents: 0 });
    const after = await stored(dossier);
    expect(after.invoices.map((inv) => inv.paidCents)).toEqual([120_000, 30_000]);
    expect(after.nextActionOn).toBeUndefined();
    const timeline = await timelineOf(dossier);
    const waived = timeline.find((e) => e.type === 'accessories-waived');
    expect(waived?.amountCents).toBe(res.body.waivedCents);
    // 8,000 of indemnities plus the penalties of F-001 (8 days) and F-002 (1 day).
    expect(waived?.amountCents).toBeGreaterThan(8_000);
    expect(waived?.amountCents).toBeLessThan(8_500);
    expect(timeline.filter((e) => e.type === 'dossier-paid')).toHaveLength(1);
  });

  it('keeps pursuing the accessories when the creditor does not waive them', async () => {
    const dossier = await newDossier({}, { paymentPolicy: { waiveAccessoriesWhenPrincipalPaid: false } });

    const res = await pay(dossier, { paymentId: 'W-PRINC', date: '2026-03-11', amountCents: 150_000 });

    expect(res.body).toMatchObject({ status: 'open', waivedCents: 0 });
    const after = await stored(dossier);
    const notice = formalNoticeFigures(after, await timelineOf(dossier), TODAY, DEFAULT_RATES);
    expect(res.body.outstandingCents).toBe(notice.totalDueCents);
    expect(notice.totalDueCents).toBeGreaterThan(8_000);
    expect(after.nextActionOn).toBe('2026-03-13');
    expect((await timelineOf(dossier)).map((e) => e.type)).toEqual(['payment-received']);

    // Paying the rest closes it, with nothing waived.
    const rest = await pay(dossier, {
      paymentId: 'W-REST',
      date: TODAY,
      amountCents: res.body.outstandingCents as number,
    });
    expect(rest.body).toMatchObject({ status: 'paid', outstandingCents: 0, creditCents: 0, waivedCents: 0 });
  });
});

describe('POST /dossiers/{dossierId}/disputes on a paid dossier', () => {
  it('is a 409: there is nothing left to contest', async () => {
    const dossier = await consumerDossier(18_699);
    await pay(dossier, { paymentId: 'W-FULL', date: TODAY, amountCents: 18_699 });

    const res = await call(
      event('POST /dossiers/{dossierId}/disputes', dossier.tenantId, dossier.dossierId, {
        disputeId: 'LIT-PAID',
        reason: 'amount',
      }),
    );

    expect(res.status).toBe(409);
    expect((await stored(dossier)).status).toBe('paid');
    expect((await timelineOf(dossier)).some((e) => e.type === 'dispute-opened')).toBe(false);
  });
});
