import { beforeEach, describe, expect, it } from 'vitest';
import { parisDate } from '../../shared/domain/calendar';
import type { Dossier } from '../../shared/domain/dossier';
import { callOutcomeSchema, recordCallOutcome } from '../../shared/use-cases/events/record-call-outcome';
import { recordDeliveryReceipt } from '../../shared/use-cases/events/record-delivery-receipt';
import { recordPayment } from '../../shared/use-cases/events/record-payment';
import { parseInput } from '../../shared/use-cases/parse-input';
import { listCallTasks } from '../../shared/use-cases/tasks/list-call-tasks';
import { anInvoice } from '../support/builders';
import { aCallTask, formalNoticeEvent, PAST_CALL, runStep, storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * What the events from outside cost the store, counted as dynalite sees them (a middleware on the
 * DynamoDB client, as the benchmark counts them): a payment, a delivery receipt, the call queue and
 * a call outcome read their dossier once, with its timeline where they need it, and a payment's
 * KPI increments go out in one ADD — with every count still right.
 */
let deps: TestPipeline;
let counter = 0;
let counting = false;
const requests = new Map<string, number>();
/** Set by a test: every KPI ADD is refused (a throttled aggregate item). */
let kpiWritesFail = false;

useDynalite((dynamo) => {
  dynamo.client.middlewareStack.add(
    (next, context) => (args) => {
      if (counting) {
        const command = (context.commandName ?? 'unknown').replace(/Command$/, '');
        requests.set(command, (requests.get(command) ?? 0) + 1);
      }
      const onKpis = JSON.stringify((args.input as { Key?: unknown }).Key ?? '').includes('#KPI');
      if (kpiWritesFail && onKpis && context.commandName === 'UpdateItemCommand')
        throw Object.assign(new Error('KPI item throttled'), { name: 'ThrottlingException' });
      return next(args);
    },
    { step: 'initialize', name: 'outsideEventRequestCounter' },
  );
  deps = pipelineOn(dynamo);
});

beforeEach(() => {
  kpiWritesFail = false;
  counting = false;
  requests.clear();
});

/** The requests `work` sends, by command (`Query`, `PutItem`…). */
async function requestsOf(work: () => Promise<unknown>): Promise<Record<string, number>> {
  requests.clear();
  counting = true;
  try {
    await work();
  } finally {
    counting = false;
  }
  return Object.fromEntries([...requests.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

const setup = (overrides: Partial<Dossier> = {}) =>
  storedDossier(deps.repository, `tenant-outside-${++counter}`, overrides);

describe('a payment', () => {
  it('closing a dossier: one Query for the dossier and its timeline, one ADD for its KPIs, and they count once', async () => {
    const dossier = await setup({
      invoices: [anInvoice({ number: 'F-1', dueDate: '2026-03-03', amountCents: 100_000 })],
      nextActionOn: '2026-03-11',
    });
    const payment = { paymentId: 'VIR-ALL', date: '2026-03-09', amountCents: 100_000 };
    const pay = () =>
      recordPayment(deps, {
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        payment,
        receivedAt: '2026-03-09T14:00:00.000Z',
      });
    // The payment policy's profile, kept a minute per container (tenant-profiles.ts): read before.
    await deps.repository.getTenant(dossier.tenantId);

    // Act
    const sent = await requestsOf(pay);

    // Assess: the read (Query), the dossier's save and the payment's 3 events (PutItem), one ADD.
    expect(sent).toEqual({ PutItem: 4, Query: 1, UpdateItem: 1 });
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.map((event) => event.type)).toEqual([
      'payment-received',
      'accessories-waived',
      'dossier-paid',
    ]);
    const kpis = () => deps.repository.kpis.days(dossier.tenantId, '2026-03-01', '2026-03-31');
    const counted = await kpis();
    // The principal paid in full 6 days late: the imputation read from the dossier just saved.
    expect(counted).toEqual([
      {
        day: '2026-03-09',
        counters: expect.objectContaining({
          payments: 1,
          recoveredCents: 100_000,
          paidDossiers: 1,
          funnel_before: 1,
          delayCount: 1,
          delaySumDays: 6,
        }),
      },
    ]);
    // A redelivered payment reads once more, writes nothing new and counts nothing twice.
    expect(await requestsOf(pay)).toEqual({ PutItem: 3, Query: 1 });
    expect(await kpis()).toEqual(counted);
  });

  it('stands when its KPI write fails: the loss is logged by error name, without the debtor', async () => {
    const dossier = await setup({
      invoices: [anInvoice({ number: 'F-1', dueDate: '2026-03-03', amountCents: 100_000 })],
    });
    kpiWritesFail = true;

    // Act
    const outcome = await recordPayment(deps, {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      payment: { paymentId: 'VIR-K', date: '2026-03-09', amountCents: 100_000 },
      receivedAt: '2026-03-09T14:00:00.000Z',
    });

    // Assess: recorded and closed, its events written; the figures alone are short.
    expect(outcome).toMatchObject({ status: 'paid', duplicate: false });
    const events = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(events.map((event) => event.type)).toContain('dossier-paid');
    expect(deps.logger.entries).toContainEqual({
      level: 'error',
      message: 'kpi counts of a payment lost',
      attributes: { tenantId: dossier.tenantId, dossierId: dossier.dossierId, error: 'ThrottlingException' },
    });
    expect(deps.logger.text()).not.toContain(dossier.debtor.email ?? '@');
    kpiWritesFail = false;
    expect(await deps.repository.kpis.days(dossier.tenantId, '2026-03-01', '2026-03-31')).toEqual([]);
  });
});

describe('a delivery receipt', () => {
  it('reads the dossier with its timeline once, then writes the receipt and the new schedule', async () => {
    const dossier = await setup(PAST_CALL);
    await runStep(deps, dossier, '2026-03-25');
    const trackingRef = (await formalNoticeEvent(deps.repository, dossier))?.trackingRef;
    expect(trackingRef).toBeDefined();
    const receipt = {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      trackingRef: trackingRef!,
      status: 'delivered' as const,
      day: '2026-04-03',
      at: '2026-04-03T10:00:00.000Z',
    };

    // Act
    let outcome: unknown;
    const sent = await requestsOf(async () => {
      outcome = await recordDeliveryReceipt(deps, receipt);
    });

    // Assess: the schedule counts from the receipt just written, without reading it back.
    expect(outcome).toEqual({ recorded: true, nextActionOn: '2026-04-12' });
    expect(sent).toEqual({ PutItem: 2, Query: 1 });
    const saved = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(saved?.nextActionOn).toBe('2026-04-12');
    expect(await recordDeliveryReceipt(deps, receipt)).toEqual({ recorded: false });
  });
});

describe('the call queue', () => {
  it('reads the dossiers of its tasks in one batch, not one GetItem per task', async () => {
    const tenantId = `tenant-outside-${++counter}`;
    const dossiers: Dossier[] = [];
    for (let i = 0; i < 12; i++) {
      const dossier = await storedDossier(deps.repository, tenantId, {
        ...PAST_CALL,
        dossierId: `DOS-Q${String(i).padStart(2, '0')}`,
        ...(i === 0 ? { status: 'paid' as const } : {}),
      });
      await deps.repository.putTask(aCallTask(dossier));
      dossiers.push(dossier);
    }

    // Act
    let listed: Awaited<ReturnType<typeof listCallTasks>> | undefined;
    const sent = await requestsOf(async () => {
      listed = await listCallTasks(deps, { tenantId, query: { limit: 50 }, today: '2026-03-19' });
    });

    // Assess: the tasks' Query, one BatchGetItem for the 12 dossiers, the paid one's task cancelled.
    expect(listed?.items.map((item) => item.dossierId).sort()).toEqual(
      dossiers.slice(1).map((dossier) => dossier.dossierId),
    );
    expect(sent).toEqual({ BatchGetItem: 1, PutItem: 1, Query: 1 });
    const cancelled = await deps.repository.getTask(tenantId, 'DOS-Q00', aCallTask(dossiers[0]!).taskId);
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledReason: 'dossier paid' });
  });
});

describe('a call outcome', () => {
  it('no answer: the task, the dossier and its timeline in one Query, then the event and the task closed', async () => {
    const dossier = await setup(PAST_CALL);
    const task = aCallTask(dossier);
    await deps.repository.putTask(task);
    // Tasks of the same partition before and after it: the read picks its own.
    const earlier = aCallTask(dossier, { taskId: '2026-03-10-call', status: 'done', outcome: 'reached' });
    await deps.repository.putTask(earlier);
    await deps.repository.putTask(aCallTask(dossier, { taskId: '2026-03-30-call' }));
    const receivedAt = '2026-03-19T13:30:00.000Z';
    const report = () =>
      recordCallOutcome(deps, {
        tenantId: dossier.tenantId,
        taskId: task.taskId,
        report: parseInput(callOutcomeSchema(parisDate(receivedAt)), {
          dossierId: dossier.dossierId,
          outcome: 'no-answer',
        }),
        receivedAt,
      });

    // Act
    let outcome: unknown;
    const sent = await requestsOf(async () => {
      outcome = await report();
    });

    // Assess
    expect(outcome).toEqual({
      taskId: task.taskId,
      dossierId: dossier.dossierId,
      outcome: 'no-answer',
      status: 'open',
      nextActionOn: '2026-03-25',
      duplicate: false,
    });
    expect(sent).toEqual({ PutItem: 2, Query: 1 });
    // Reported twice: a replay, answered from the one read, nothing written again.
    let replay: unknown;
    expect(
      await requestsOf(async () => {
        replay = await report();
      }),
    ).toEqual({ Query: 1 });
    expect(replay).toMatchObject({ duplicate: true, status: 'open', nextActionOn: '2026-03-25' });
    expect(await deps.repository.getTask(dossier.tenantId, dossier.dossierId, task.taskId)).toMatchObject({
      status: 'done',
      outcome: 'no-answer',
    });
    expect(await deps.repository.getTask(dossier.tenantId, dossier.dossierId, earlier.taskId)).toEqual(
      earlier,
    );
    const events = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(events.filter((event) => event.type === 'call-outcome')).toHaveLength(1);
  });
});
