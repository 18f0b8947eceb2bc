import { describe, expect, it } from 'vitest';
import type { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { shardOf } from '../../shared/adapters/dynamodb/keys';
import type { Dossier } from '../../shared/domain/dossier';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/domain/errors';
import { decideStep } from '../../shared/use-cases/escalation/decide-step';
import {
  type CallOutcomeInput,
  callOutcomeSchema,
  recordCallOutcome,
} from '../../shared/use-cases/events/record-call-outcome';
import { recordPayment } from '../../shared/use-cases/events/record-payment';
import { parseInput } from '../../shared/use-cases/parse-input';
import type { CallTask } from '../../shared/use-cases/ports';
import { listCallTasks } from '../../shared/use-cases/tasks/list-call-tasks';
import { aDebtor, aDossier, anInvoice, morningOf } from '../support/builders';
import { aCallTask, PAST_CALL, storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * Call outcomes on the real repository over dynalite. The B2B dossier is due 2026-03-03; its call
 * task went out on D+15 (03-18) and the formal notice is due on D+22 (03-25). The agent reports
 * on 03-19 in the afternoon.
 */
const REPORTED_AT = '2026-03-19T13:30:00.000Z';
const TASK_ID = '2026-03-18-call';

let deps: TestPipeline;
let counter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

/** A fresh tenant with one dossier just past its call level, and the open call task. */
async function setup(overrides: Partial<Dossier> = {}): Promise<{ dossier: Dossier; task: CallTask }> {
  const dossier = await storedDossier(deps.repository, `tenant-call-${++counter}`, {
    ...PAST_CALL,
    ...overrides,
  });
  const task = aCallTask(dossier);
  await deps.repository.putTask(task);
  return { dossier, task };
}

const report = (dossier: Dossier, body: Record<string, unknown>, taskId = TASK_ID, at = REPORTED_AT) =>
  recordCallOutcome(deps, {
    tenantId: dossier.tenantId,
    taskId,
    report: parseInput(callOutcomeSchema('2026-03-19'), { dossierId: dossier.dossierId, ...body }),
    receivedAt: at,
  });

const stored = (dossier: Dossier) => deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
const timeline = (dossier: Dossier) => deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);

async function isDueOn(dossier: Dossier, day: string): Promise<boolean> {
  const shard = shardOf(dossier.tenantId, dossier.dossierId, deps.shardCount);
  const page = await deps.repository.queryDue(shard, day, 1000);
  return page.items.some((r) => r.tenantId === dossier.tenantId && r.dossierId === dossier.dossierId);
}

describe('recordCallOutcome: promise to pay', () => {
  it('records the promise, closes the task and moves the next action after the promised date and the grace days', async () => {
    // Prepare
    const { dossier } = await setup();

    // Act
    const outcome = await report(dossier, {
      outcome: 'promise-to-pay',
      promisedDate: '2026-04-02',
      promisedAmountCents: 120_000,
      note: 'rappeler le service comptable',
    });

    // Assess
    expect(outcome).toEqual({
      taskId: TASK_ID,
      dossierId: dossier.dossierId,
      outcome: 'promise-to-pay',
      status: 'open',
      // 2 April plus the default 3 grace days (promises.ts), then the day after.
      nextActionOn: '2026-04-06',
      duplicate: false,
    });
    expect(await timeline(dossier)).toEqual([
      {
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        eventId: `2026-03-19#CALL#${TASK_ID}`,
        type: 'call-outcome',
        at: REPORTED_AT,
        day: '2026-03-19',
        actor: 'agent',
        level: 'call',
        channel: 'call',
        note: 'promise-to-pay',
        call: {
          taskId: TASK_ID,
          outcome: 'promise-to-pay',
          promisedOn: '2026-04-02',
          promisedAmountCents: 120_000,
        },
      },
      expect.objectContaining({
        eventId: `2026-03-19#PROMISE#CALL-${TASK_ID}`,
        type: 'promise-made',
        actor: 'debtor',
        source: 'agent',
        idempotencyKey: `CALL-${TASK_ID}`,
        amountCents: 120_000,
      }),
    ]);
    const task = await deps.repository.getTask(dossier.tenantId, dossier.dossierId, TASK_ID);
    expect(task).toMatchObject({
      status: 'done',
      outcome: 'promise-to-pay',
      outcomeAt: REPORTED_AT,
      note: 'rappeler le service comptable',
    });
    expect(await deps.repository.listOpenTasks(dossier.tenantId)).toEqual([]);
    expect(await isDueOn(dossier, '2026-04-05')).toBe(false);
    expect(await isDueOn(dossier, '2026-04-06')).toBe(true);
    // The agent's note stays on the task: never in the logs, never on the timeline.
    expect(JSON.stringify(deps.logger.entries)).not.toContain('comptable');
  });

  it('holds the formal notice while the promise runs, even when a sweep looks at the dossier early', async () => {
    const { dossier } = await setup();
    await report(dossier, { outcome: 'promise-to-pay', promisedDate: '2026-04-02' });

    const decision = await decideStep(deps, {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-03-25'),
    });

    expect(decision).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-04-06',
      reason: 'promise to pay by 2026-04-02',
    });
  });

  it('a kept promise is a payment that stops everything; a broken one resumes one level up after the grace days', async () => {
    const kept = (await setup()).dossier;
    const broken = (await setup()).dossier;
    for (const dossier of [kept, broken])
      await report(dossier, { outcome: 'promise-to-pay', promisedDate: '2026-04-02' });
    await recordPayment(deps, {
      tenantId: kept.tenantId,
      dossierId: kept.dossierId,
      payment: { paymentId: 'VIR-PROMISE', date: '2026-04-01', amountCents: 120_000 },
      receivedAt: '2026-04-01T14:00:00.000Z',
    });

    const step = (dossier: Dossier) =>
      decideStep(deps, {
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        // 6 April, the first day after the grace days, is Easter Monday: no contact (docs/legal.md §8).
        asOf: morningOf('2026-04-07'),
      });

    expect((await stored(kept))?.status).toBe('paid');
    expect(await step(kept)).toMatchObject({ kind: 'none', reason: 'dossier paid' });
    expect(await step(broken)).toMatchObject({
      kind: 'act',
      level: 'formal-notice',
      note: expect.objectContaining({ type: 'promise-broken' }),
    });
  });

  it('never pulls an action forward: a later schedule stays', async () => {
    const { dossier } = await setup({ nextActionOn: '2026-04-20' });

    const outcome = await report(dossier, { outcome: 'promise-to-pay', promisedDate: '2026-03-30' });

    expect(outcome.nextActionOn).toBe('2026-04-20');
    expect((await stored(dossier))?.nextActionOn).toBe('2026-04-20');
  });
});

describe('recordCallOutcome: other outcomes', () => {
  it('dispute: the dossier is disputed and leaves the sweep, as through the disputes route', async () => {
    const { dossier } = await setup();

    const outcome = await report(dossier, { outcome: 'dispute' });

    expect(outcome).toMatchObject({ status: 'disputed', nextActionOn: null });
    expect(await isDueOn(dossier, '2099-12-31')).toBe(false);
    expect((await timeline(dossier)).map((event) => [event.type, event.actor])).toEqual([
      ['call-outcome', 'agent'],
      ['dispute-opened', 'debtor'],
    ]);
  });

  it('wrong number: SMS and calls are marked failing for the debtor, the schedule stays', async () => {
    const { dossier } = await setup({ debtor: aDebtor({ failingChannels: ['email'] }) });

    const outcome = await report(dossier, { outcome: 'wrong-number' });

    expect(outcome).toMatchObject({ status: 'open', nextActionOn: '2026-03-25' });
    const saved = await stored(dossier);
    expect(saved?.debtor.failingChannels).toEqual(['email', 'sms', 'call']);
    // The phone number itself is kept: the creditor may correct it.
    expect(saved?.debtor.phone).toBe(dossier.debtor.phone);
  });

  it.each(['no-answer', 'reached'] as const)('%s: only the event, the ladder goes on', async (outcome) => {
    const { dossier } = await setup();

    const result = await report(dossier, { outcome });

    expect(result).toMatchObject({ outcome, status: 'open', nextActionOn: '2026-03-25' });
    expect((await stored(dossier))?.version).toBe(dossier.version);
    expect((await timeline(dossier)).map((event) => event.call?.outcome)).toEqual([outcome]);
    expect(await deps.repository.listOpenTasks(dossier.tenantId)).toEqual([]);
  });
});

describe('recordCallOutcome: idempotency and errors', () => {
  it('a replayed report is a duplicate that changes nothing; another outcome for the same task is a conflict', async () => {
    const { dossier } = await setup();
    const body = { outcome: 'promise-to-pay', promisedDate: '2026-04-02' };
    await report(dossier, body);
    const after = await stored(dossier);

    const again = await report(dossier, body, TASK_ID, '2026-03-20T09:00:00.000Z');

    expect(again).toMatchObject({ duplicate: true, nextActionOn: '2026-04-06' });
    expect(await stored(dossier)).toEqual(after);
    expect(await timeline(dossier)).toHaveLength(2);
    await expect(report(dossier, { outcome: 'no-answer' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('finishes a report interrupted before the task was closed, without a second event, even a day later', async () => {
    const { dossier } = await setup();
    const failing = Object.create(deps.repository) as DynamoDossierRepository;
    failing.putTask = async () => {
      throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    };
    const input = (receivedAt: string) => ({
      tenantId: dossier.tenantId,
      taskId: TASK_ID,
      report: { dossierId: dossier.dossierId, outcome: 'wrong-number' } as CallOutcomeInput,
      receivedAt,
    });

    await expect(recordCallOutcome({ ...deps, repository: failing }, input(REPORTED_AT))).rejects.toThrow(
      'throttled',
    );
    const retried = await recordCallOutcome(deps, input('2026-03-20T10:00:00.000Z'));

    expect(retried.duplicate).toBe(false);
    expect((await timeline(dossier)).filter((event) => event.type === 'call-outcome')).toHaveLength(1);
    expect((await stored(dossier))?.debtor.failingChannels).toEqual(['sms', 'call']);
    expect((await stored(dossier))?.version).toBe(dossier.version + 1);
    expect(await deps.repository.listOpenTasks(dossier.tenantId)).toEqual([]);
  });

  it('refuses an unknown task (404) and a judicial-review task (not a call)', async () => {
    const { dossier } = await setup();
    await deps.repository.putTask(
      aCallTask(dossier, { taskId: '2026-04-07-judicial-review', kind: 'judicial-review' }),
    );

    await expect(report(dossier, { outcome: 'reached' }, 'NOPE')).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      report(dossier, { outcome: 'reached' }, '2026-04-07-judicial-review'),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it.each([
    ['a promise without a date', { outcome: 'promise-to-pay' }, 'promisedDate'],
    ['a promise for today', { outcome: 'promise-to-pay', promisedDate: '2026-03-19' }, 'promisedDate'],
    ['a promise beyond 60 days', { outcome: 'promise-to-pay', promisedDate: '2026-05-19' }, 'promisedDate'],
    ['a date on another outcome', { outcome: 'no-answer', promisedDate: '2026-04-02' }, 'promisedDate'],
    [
      'an amount on another outcome',
      { outcome: 'reached', promisedAmountCents: 5_000 },
      'promisedAmountCents',
    ],
    ['an unknown outcome', { outcome: 'voicemail' }, 'outcome'],
    ['a note of a novel', { outcome: 'reached', note: 'x'.repeat(501) }, 'note'],
  ])('validates the report: %s names %s', (_label, body, field) => {
    expect(() => parseInput(callOutcomeSchema('2026-03-19'), { dossierId: 'DOS-1', ...body })).toThrow(
      expect.objectContaining({ field }),
    );
  });

  it('accepts a promise on the 60th day', () => {
    expect(
      parseInput(callOutcomeSchema('2026-03-19'), {
        dossierId: 'DOS-1',
        outcome: 'promise-to-pay',
        promisedDate: '2026-05-18',
      }),
    ).toMatchObject({ promisedDate: '2026-05-18' });
  });
});

describe('listCallTasks', () => {
  it('lists the calls to make, highest priority first, without the stale ones, up to the limit', async () => {
    // Prepare: one tenant, four dossiers with a call task each, one judicial-review task.
    const tenantId = `tenant-call-${++counter}`;
    const make = async (id: string, amountCents: number, overrides: Partial<Dossier> = {}) => {
      const dossier = aDossier({
        tenantId,
        dossierId: id,
        invoices: [anInvoice({ amountCents })],
        ...overrides,
      });
      await deps.repository.createDossier(dossier);
      await deps.repository.putTask(
        aCallTask(dossier, { priority: amountCents, outstandingCents: amountCents }),
      );
      return dossier;
    };
    await make('DOS-SMALL', 10_000);
    await make('DOS-BIG', 900_000, { invoices: [anInvoice({ amountCents: 900_000, paidCents: 100_000 })] });
    await make('DOS-PAID', 5_000_000, { status: 'paid' });
    await make('DOS-WRONG', 800_000, { debtor: aDebtor({ failingChannels: ['sms', 'call'] }) });
    const judicial = await make('DOS-JUDGE', 2_000_000);
    await deps.repository.putTask(
      aCallTask(judicial, { taskId: 'x-judicial-review', kind: 'judicial-review', priority: 9_000_000 }),
    );

    // Act
    const all = await listCallTasks(deps, { tenantId, query: { limit: 50 }, today: '2026-03-19' });
    const first = await listCallTasks(deps, { tenantId, query: { limit: 1 }, today: '2026-03-19' });

    // Assess
    expect(all.items.map((item) => item.dossierId)).toEqual(['DOS-JUDGE', 'DOS-BIG', 'DOS-SMALL']);
    expect(all.items[1]).toEqual({
      taskId: TASK_ID,
      dossierId: 'DOS-BIG',
      level: 'call',
      dueOn: '2026-03-18',
      priority: 900_000,
      outstandingCents: 800_000,
      // 16 days late (+10), EUR 8,000 outstanding (-5): 65, so 65 % of 8,000 expected.
      score: 65,
      scoreFactors: [
        { factor: 'age', contribution: 10, reason: '16 days late: fresh debt' },
        { factor: 'amount', contribution: -5, reason: 'EUR 5,000 to 50,000 outstanding' },
      ],
      expectedCents: 520_000,
      currency: 'EUR',
      debtorName: 'Menuiserie Dupont SARL',
      phone: '+33612345678',
      language: 'fr',
    });
    expect(first.items.map((item) => item.dossierId)).toEqual(['DOS-JUDGE']);
    // The paid dossier's task is cancelled, so no later listing reads it again; the others stay open.
    const open = await deps.repository.listOpenTasks(tenantId);
    expect(open.map((task) => task.dossierId).sort()).toEqual([
      'DOS-BIG',
      'DOS-JUDGE',
      'DOS-JUDGE',
      'DOS-SMALL',
      'DOS-WRONG',
    ]);
    expect(await deps.repository.getTask(tenantId, 'DOS-PAID', TASK_ID)).toMatchObject({
      status: 'cancelled',
      cancelledReason: 'dossier paid',
    });
    expect(JSON.stringify(deps.logger.entries)).not.toContain('+33612345678');
  });
});
