import { describe, expect, it } from 'vitest';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { shardOf } from '../../shared/adapters/dynamodb/keys';
import type { Dossier } from '../../shared/domain/dossier';
import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { decideStep } from '../../shared/use-cases/escalation/decide-step';
import { recordDispute } from '../../shared/use-cases/events/record-dispute';
import { type Payment, paymentSchema, recordPayment } from '../../shared/use-cases/events/record-payment';
import { aDossier, anInvoice, morningOf } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { RacingRepository } from '../support/racing-repository';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

let deps: TestPipeline;
let counter = 0;

const dynalite = useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

async function setup(overrides: Partial<Dossier> = {}): Promise<Dossier> {
  const dossier = aDossier({
    tenantId: `tenant-events-${++counter}`,
    invoices: [
      anInvoice({ number: 'F-1', dueDate: '2026-03-03', amountCents: 100_000 }),
      anInvoice({ number: 'F-2', dueDate: '2026-02-01', amountCents: 20_000 }),
    ],
    nextActionOn: '2026-03-11',
    ...overrides,
  });
  await deps.repository.createDossier(dossier);
  return dossier;
}

const pay = (dossier: Dossier, payment: Payment, receivedAt = '2026-03-09T14:00:00.000Z') =>
  recordPayment(deps, { tenantId: dossier.tenantId, dossierId: dossier.dossierId, payment, receivedAt });

async function isDue(dossier: Dossier): Promise<boolean> {
  const shard = shardOf(dossier.tenantId, dossier.dossierId, deps.shardCount);
  const page = await deps.repository.queryDue(shard, '2099-12-31', 1000);
  return page.items.some((r) => r.tenantId === dossier.tenantId && r.dossierId === dossier.dossierId);
}

describe('recordPayment', () => {
  it('imputes a partial payment to the oldest invoice first, interest before principal, and keeps the ladder', async () => {
    const dossier = await setup();
    const outcome = await pay(dossier, { paymentId: 'VIR-1', date: '2026-03-09', amountCents: 50_000 });
    // F-2 (due 1 Feb): 36 days of penalties at 12.15 % on 200 EUR = 2.40, its principal, its 40 EUR
    // indemnity; then F-1 (due 3 Mar): 6 days of penalties on 1,000 EUR = 2.00, the rest on principal.
    expect(outcome).toEqual({
      dossierId: dossier.dossierId,
      appliedCents: 50_000,
      creditCents: 0,
      waivedCents: 0,
      outstandingCents: 100_000 - 25_560 + 4_000,
      status: 'open',
      duplicate: false,
    });
    const saved = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    expect(saved.invoices.map((i) => [i.number, i.paidCents])).toEqual([
      ['F-1', 25_560],
      ['F-2', 20_000],
    ]);
    expect(saved.nextActionOn).toBe('2026-03-11');
    expect(await isDue(dossier)).toBe(true);
    const [event] = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(event).toMatchObject({
      eventId: '2026-03-09#PAY#VIR-1',
      type: 'payment-received',
      actor: 'debtor',
      amountCents: 50_000,
      invoiceNumbers: ['F-2', 'F-1'],
      legalBasis: [
        'C.civ. 1342',
        'C.civ. 1342-10, 1343-1 (imputation)',
        'C.civ. 2240 (partial payment: acknowledgment)',
      ],
    });
  });

  it('closes the dossier once the rest is paid: off the sweep, and the next step does nothing', async () => {
    const dossier = await setup();
    await pay(dossier, { paymentId: 'VIR-1', date: '2026-03-09', amountCents: 50_000 });
    // The principal left (744.40 EUR) closes it under the default policy; F-1's indemnity and a
    // day of penalties are waived.
    const outcome = await pay(
      dossier,
      { paymentId: 'VIR-2', date: '2026-03-10', amountCents: 74_440 },
      '2026-03-10T09:00:00.000Z',
    );
    expect(outcome).toMatchObject({
      appliedCents: 74_440,
      outstandingCents: 0,
      status: 'paid',
      duplicate: false,
    });
    const saved = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    expect(saved.status).toBe('paid');
    expect(saved).not.toHaveProperty('nextActionOn');
    expect(saved.payments?.map((p) => [p.paymentId, p.settledOn])).toEqual([
      ['VIR-1', '2026-03-10'],
      ['VIR-2', '2026-03-10'],
    ]);
    expect(await isDue(dossier)).toBe(false);
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.map((e) => e.type)).toEqual([
      'payment-received',
      'payment-received',
      'accessories-waived',
      'dossier-paid',
    ]);
    expect(timeline.find((e) => e.eventId === '2026-03-10#PAY#VIR-2')?.legalBasis).toEqual([
      'C.civ. 1342',
      'C.civ. 1342-10, 1343-1 (imputation)',
    ]);
    expect(
      await decideStep(deps, {
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        asOf: morningOf('2026-03-11'),
      }),
    ).toMatchObject({
      kind: 'none',
    });
  });

  it('applies a redelivered payment once', async () => {
    const dossier = await setup();
    const payment = { paymentId: 'VIR-DUP', date: '2026-03-09', amountCents: 30_000 };
    await pay(dossier, payment);
    const again = await pay(dossier, payment, '2026-03-09T15:00:00.000Z');
    const saved = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    const principalPaid = saved.invoices.reduce((sum, i) => sum + i.paidCents, 0);
    expect(again).toEqual({
      dossierId: dossier.dossierId,
      appliedCents: 0,
      creditCents: 0,
      waivedCents: 0,
      // F-2 paid in full with its penalties and indemnity, then F-1's penalties, then 55.60 EUR of it.
      outstandingCents: 100_000 - 5_560 + 4_000,
      status: 'open',
      duplicate: true,
    });
    expect(principalPaid).toBe(20_000 + 5_560);
    expect(saved.version).toBe(2);
    expect(await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).toHaveLength(1);
  });

  it('applies a payment to the invoice it names first, and keeps what exceeds the debt as a credit', async () => {
    const dossier = await setup();
    const named = await pay(dossier, {
      paymentId: 'CHQ-1',
      date: '2026-03-09',
      amountCents: 100_000,
      invoice: 'F-1',
    });
    expect(named.appliedCents).toBe(100_000);
    const saved = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    // F-1's 6 days of penalties (2.00 EUR) first (C.civ. 1343-1), then its principal.
    expect(saved.invoices.map((i) => [i.number, i.paidCents])).toEqual([
      ['F-1', 99_800],
      ['F-2', 0],
    ]);
    const over = await pay(dossier, { paymentId: 'CHQ-2', date: '2026-03-09', amountCents: 50_000 });
    // Owed: F-1 2.00 + 40 EUR, F-2 2.40 + 200 + 40 EUR = 284.40 EUR; the rest is the debtor's.
    expect(over).toMatchObject({
      appliedCents: 28_440,
      creditCents: 50_000 - 28_440,
      outstandingCents: 0,
      status: 'paid',
    });
  });

  it('retries on a concurrent change and keeps both writes', async () => {
    const dossier = await setup();
    const racing = new RacingRepository(dynalite().client, dynalite().tableName, deps.shardCount);
    racing.afterNextRead = async () => {
      // The escalation step records its level while the payment is being applied.
      const fresh = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
      await deps.repository.saveDossier({
        ...fresh,
        levelIndex: 2,
        lastActionOn: '2026-03-09',
        version: fresh.version + 1,
      });
    };
    const outcome = await recordPayment(
      { repository: racing, logger: deps.logger },
      {
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        payment: { paymentId: 'VIR-R', date: '2026-03-09', amountCents: 10_000 },
        receivedAt: '2026-03-09T14:00:00.000Z',
      },
    );
    expect(outcome).toMatchObject({ appliedCents: 10_000, duplicate: false });
    expect(await deps.repository.getDossier(dossier.tenantId, dossier.dossierId)).toMatchObject({
      levelIndex: 2,
      payments: [expect.objectContaining({ paymentId: 'VIR-R', amountCents: 10_000 })],
      version: 3,
    });
  });

  it('fails with NotFoundError for an unknown dossier', async () => {
    const dossier = await setup();
    await expect(
      pay({ ...dossier, dossierId: 'DOS-NOPE' }, { paymentId: 'X', date: '2026-03-09', amountCents: 1 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('validates the payment body', () => {
    expect(paymentSchema.safeParse({ paymentId: 'A', date: '2026-03-09', amountCents: 100 }).success).toBe(
      true,
    );
    expect(paymentSchema.safeParse({ paymentId: 'A', date: '09/03/2026', amountCents: 100 }).success).toBe(
      false,
    );
    expect(paymentSchema.safeParse({ paymentId: 'A', date: '2026-03-09', amountCents: 1.5 }).success).toBe(
      false,
    );
    expect(paymentSchema.safeParse({ paymentId: 'A', date: '2026-03-09', amountCents: 0 }).success).toBe(
      false,
    );
    expect(paymentSchema.safeParse({ paymentId: ' ', date: '2026-03-09', amountCents: 1 }).success).toBe(
      false,
    );
  });
});

describe('recordPayment after a crash between its writes', () => {
  /** The real repository, except that the next timeline write fails as a crashed Lambda would. */
  class CrashingRepository extends DynamoDossierRepository {
    crashNextAppend = false;
    override async appendEvent(event: TimelineEvent): Promise<boolean> {
      if (this.crashNextAppend) {
        this.crashNextAppend = false;
        throw new Error('Lambda timed out');
      }
      return super.appendEvent(event);
    }
  }

  it('the redelivered payment applies once and completes the timeline from the dossier’s record', async () => {
    const repository = new CrashingRepository(dynalite().client, dynalite().tableName, deps.shardCount);
    const dossier = await setup();
    const payment: Payment = { paymentId: 'VIR-CRASH', date: '2026-03-09', amountCents: 120_000 };
    const send = (receivedAt: string) =>
      recordPayment(
        { repository, logger: deps.logger },
        { tenantId: dossier.tenantId, dossierId: dossier.dossierId, payment, receivedAt },
      );
    repository.crashNextAppend = true;
    await expect(send('2026-03-09T14:00:00.000Z')).rejects.toThrow('Lambda timed out');
    // The dossier holds the payment (the source of truth); the timeline missed it.
    expect((await repository.getDossier(dossier.tenantId, dossier.dossierId))?.status).toBe('paid');
    expect(await repository.listTimeline(dossier.tenantId, dossier.dossierId)).toEqual([]);

    const outcome = await send('2026-03-09T14:05:00.000Z');
    expect(outcome).toMatchObject({ appliedCents: 0, duplicate: true, status: 'paid' });
    const again = await send('2026-03-09T14:10:00.000Z');
    expect(again).toMatchObject({ appliedCents: 0, duplicate: true, status: 'paid' });
    const timeline = await repository.listTimeline(dossier.tenantId, dossier.dossierId);
    const payments = timeline.filter((event) => event.type === 'payment-received');
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 120_000, at: '2026-03-09T14:00:00.000Z' });
    expect(timeline.filter((event) => event.type === 'accessories-waived')).toHaveLength(1);
    expect(timeline.filter((event) => event.type === 'dossier-paid')).toHaveLength(1);
  });
});

describe('recordDispute', () => {
  // The whole dossier: a dispute of some invoices only pauses those (test/use-cases/dossier-lifecycle.test.ts).
  const dispute = { disputeId: 'LIT-1', reason: 'defective' as const };
  const record = (dossier: Dossier) =>
    recordDispute(deps, {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      dispute,
      receivedAt: '2026-03-09T10:00:00.000Z',
    });

  it('stops the pursuit at once: disputed, off the sweep, the event on the timeline', async () => {
    const dossier = await setup();
    expect(await record(dossier)).toEqual({ dossierId: dossier.dossierId, status: 'disputed' });
    const saved = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    expect(saved.status).toBe('disputed');
    expect(saved).not.toHaveProperty('nextActionOn');
    expect(await isDue(dossier)).toBe(false);
    expect(await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).toEqual([
      expect.objectContaining({
        eventId: '2026-03-09#DISPUTE#LIT-1',
        type: 'dispute-opened',
        actor: 'debtor',
        note: 'defective',
        source: 'api',
        idempotencyKey: 'LIT-1',
      }),
    ]);
    expect(
      (
        await decideStep(deps, {
          tenantId: dossier.tenantId,
          dossierId: dossier.dossierId,
          asOf: morningOf('2026-03-11'),
        })
      ).kind,
    ).toBe('none');
  });

  it('records the same dispute once', async () => {
    const dossier = await setup();
    await record(dossier);
    expect(await record(dossier)).toEqual({ dossierId: dossier.dossierId, status: 'disputed' });
    expect(await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).toHaveLength(1);
    expect((await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))?.version).toBe(2);
  });

  it('takes a dossier waiting for judicial review out of it, and refuses to dispute a paid one (409)', async () => {
    const judicial = await setup({ status: 'judicial', levelIndex: 5 });
    expect((await record(judicial)).status).toBe('disputed');
    const paid = await setup({ status: 'paid' });
    await expect(record(paid)).rejects.toBeInstanceOf(ConflictError);
    expect((await deps.repository.getDossier(paid.tenantId, paid.dossierId))?.status).toBe('paid');
    expect(await deps.repository.listTimeline(paid.tenantId, paid.dossierId)).toEqual([]);
  });

  it('fails with NotFoundError for an unknown dossier', async () => {
    const dossier = await setup();
    await expect(record({ ...dossier, dossierId: 'DOS-NOPE' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
