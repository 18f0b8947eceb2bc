import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStateMachine, loadDefinition } from '../../infra/local/asl-runner';
import { readOutbox } from '../../infra/local/demo/summary';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { RecordingLogger } from '../support/recording-ports';

/**
 * The real ASL files, run by aws-local-stepfunctions with every Task mapped to the real handler
 * (functions/<name>/handler.ts) on dynalite: these tests assert the path each workflow takes.
 */
const TENANT = 'wf';
let stack: EmbeddedStack;
let outDir: string;
const logger = new RecordingLogger();

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-wf-'));
  stack = await startEmbeddedStack({ outDir, logger, shardCount: 4, dispatchBatch: 2 });
  await stack.repository.putTenant(aTenant(TENANT));
});

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

/** A B2B dossier 10 days overdue on `day` (so reminder-2 is due), scheduled for today. */
async function overdueDossier(id: string, dueDate = '2026-03-03') {
  const dossier = aDossier({
    tenantId: TENANT,
    dossierId: id,
    debtor: aDebtor({ ref: id }),
    invoices: [anInvoice({ number: `F-${id}`, dueDate })],
    nextActionOn: '2026-03-12',
  });
  await stack.repository.createDossier(dossier);
  return dossier;
}

// 09:00 in Paris, a Thursday: inside the contact window (SMS and calls 08:00-20:00).
const ASOF = '2026-03-12T08:00:00.000Z';

/** The escalation's input: one page of due dossiers of the test tenant. */
const page = (...ids: string[]) => ({
  asOf: ASOF,
  dossiers: ids.map((dossierId) => ({ tenantId: TENANT, dossierId })),
});

describe('escalation.asl.json', () => {
  it('acts on a page: DecidePage → AnythingDue → ActOnPage (every channel) → RecordPage → Done', async () => {
    await overdueDossier('WF-ACT');
    const run = await stack.machines.escalation.trace(page('WF-ACT'));
    expect(run.error).toBeUndefined();
    expect(run.statesEntered).toEqual(['DecidePage', 'AnythingDue', 'ActOnPage', 'RecordPage', 'Done']);
    const dossier = await stack.repository.getDossier(TENANT, 'WF-ACT');
    expect(dossier).toMatchObject({ levelIndex: 2, lastActionOn: '2026-03-12', nextActionOn: '2026-03-18' });
    const sent = (await readOutbox(outDir)).filter((line) => line.dossierId === 'WF-ACT');
    expect(sent.map((line) => line.channel).sort()).toEqual(['email', 'sms']);
  });

  it('replaying the same page sends nothing twice', async () => {
    const before = (await readOutbox(outDir)).length;
    const run = await stack.machines.escalation.trace(page('WF-ACT'));
    expect(run.statesEntered).toEqual(['DecidePage', 'AnythingDue', 'NothingToDo']);
    expect((await readOutbox(outDir)).length).toBe(before);
  });

  it('stops a paid dossier: its decision is recorded, status paid, no message', async () => {
    const dossier = await overdueDossier('WF-PAID');
    await stack.repository.saveDossier({
      ...dossier,
      invoices: dossier.invoices.map((invoice) => ({ ...invoice, paidCents: invoice.amountCents })),
      version: dossier.version + 1,
    });
    const run = await stack.machines.escalation.trace(page('WF-PAID'));
    expect(run.statesEntered).toEqual(['DecidePage', 'AnythingDue', 'ActOnPage', 'RecordPage', 'Done']);
    expect((await stack.repository.getDossier(TENANT, 'WF-PAID'))?.status).toBe('paid');
    expect((await readOutbox(outDir)).some((line) => line.dossierId === 'WF-PAID')).toBe(false);
  });

  it('ends in NothingToDo for a page of unknown dossiers', async () => {
    const run = await stack.machines.escalation.trace(page('NOPE', 'NOPE-2'));
    expect(run.statesEntered).toEqual(['DecidePage', 'AnythingDue', 'NothingToDo']);
  });

  it('catches a page task failing after its retries into RecordPageFailure → StepFailed; the schedule stays', async () => {
    await overdueDossier('WF-FAIL');
    const failing = new LocalStateMachine('escalation', loadDefinition('escalation', {}), {
      ...stack.functions,
      'escalation-act': async () => {
        throw Object.assign(new Error('Lambda unavailable'), { name: 'Lambda.ServiceException' });
      },
    });
    const run = await failing.trace(page('WF-FAIL'));
    expect(run.error?.message ?? '').toMatch(/EscalationStepFailed|failed/i);
    expect(run.statesEntered.slice(-2)).toEqual(['RecordPageFailure', 'StepFailed']);
    expect(run.statesEntered).not.toContain('RecordPage');
    // The page task retried per the ASL's Retry (3 attempts) before the Catch.
    expect(run.events.filter((event) => event.type === 'StateRetried').length).toBe(3);
    expect(await stack.repository.getDossier(TENANT, 'WF-FAIL')).toMatchObject({
      levelIndex: -1,
      nextActionOn: '2026-03-12',
      failedSteps: { count: 1, errorKind: 'Lambda.ServiceException' },
    });
  });
});

describe('overdue-sweep.asl.json', () => {
  it('visits every shard, pages with a cursor, and starts one escalation per due dossier', async () => {
    const ids = ['SW-1', 'SW-2', 'SW-3', 'SW-4', 'SW-5', 'SW-6', 'SW-7'];
    for (const id of ids) await overdueDossier(id);
    const startedBefore = stack.launches.started;
    const run = await stack.machines.overdueSweep.trace({ asOf: ASOF });
    expect(run.error).toBeUndefined();
    expect(run.statesEntered.slice(0, 5)).toEqual([
      'HasAsOf',
      'HasHold',
      'NoHold',
      'PlanShards',
      'HoldUntilContactWindow',
    ]);
    expect(run.statesEntered).not.toContain('ShardFailed');
    const pages = run.statesEntered.filter((name) => name === 'DispatchDuePage').length;
    // 4 shards, 2 dossiers per page: at least ceil(7 / 2) pages, and a NextPage loop somewhere.
    expect(pages).toBeGreaterThanOrEqual(Math.max(4, Math.ceil(ids.length / 2)));
    expect(run.statesEntered).toContain('NextPage');
    expect(stack.launches.started - startedBefore).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) {
      const dossier = await stack.repository.getDossier(TENANT, id);
      expect(dossier?.levelIndex, id).toBe(2);
    }
  });

  it('as scheduled (06:00 Paris + 2 h hold), its steps contact the debtor at 08:00 Paris', async () => {
    await overdueDossier('SW-HOLD', '2026-03-05');
    const scheduled = '2026-03-13T05:00:00.000Z'; // 06:00 in Paris (winter time)
    const run = await stack.machines.overdueSweep.trace({ asOf: scheduled, holdSeconds: 7200 });
    expect(run.statesEntered.slice(0, 4)).toEqual([
      'HasAsOf',
      'HasHold',
      'PlanShards',
      'HoldUntilContactWindow',
    ]);
    const sent = (await readOutbox(outDir)).filter((line) => line.dossierId === 'SW-HOLD');
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((line) => line.at))).toEqual(new Set(['2026-03-13T07:00:00.000Z']));
  });

  it('a shard that keeps failing is left for tomorrow; the other shards are swept', async () => {
    let calls = 0;
    const flaky = new LocalStateMachine(
      'overdue-sweep',
      loadDefinition('overdue-sweep', { LastShard: 3, ShardsPerTask: 1 }),
      {
        ...stack.functions,
        'dispatch-due': async (payload) => {
          calls++;
          if ((payload as { shards: number[] }).shards.includes(1)) {
            throw Object.assign(new Error('throttled'), { name: 'EscalationStartError' });
          }
          return stack.functions['dispatch-due']!(payload);
        },
      },
    );
    const run = await flaky.trace({ asOf: ASOF });
    expect(run.error).toBeUndefined();
    expect(run.statesEntered.filter((name) => name === 'ShardFailed')).toHaveLength(1);
    // Shard 1: the first try and 3 retries; shards 0, 2, 3: at least one page each.
    expect(calls).toBeGreaterThanOrEqual(4 + 3);
  });

  it('uses the execution start time when the schedule gives no asOf', async () => {
    const run = await stack.machines.overdueSweep.trace({});
    expect(run.error).toBeUndefined();
    expect(run.statesEntered.slice(0, 3)).toEqual(['HasAsOf', 'UseStartTime', 'PlanShards']);
  });
});

describe('prescription-sweep.asl.json', () => {
  it('scans every shard and marks a time-barred claim, stopping its pursuit', async () => {
    const old = aDossier({
      tenantId: TENANT,
      dossierId: 'PR-OLD',
      debtor: aDebtor({ ref: 'PR-OLD', type: 'consumer' }),
      scenarioId: 'fr-b2c-default',
      invoices: [
        anInvoice({
          number: 'F-PR-OLD',
          nature: 'consumer',
          dueDate: '2024-03-01',
          prescriptionDate: '2026-03-01',
        }),
      ],
      prescriptionDate: '2026-03-01',
      nextPrescriptionCheckOn: '2026-03-01',
      nextActionOn: '2026-03-12',
    });
    await stack.repository.createDossier(old);
    const run = await stack.machines.prescriptionSweep.trace({ asOf: ASOF });
    expect(run.error).toBeUndefined();
    // The 4 shards make one group of 4 (ShardsPerTask): one page task walks them all.
    expect(run.statesEntered.filter((name) => name === 'ScanPrescriptionPage').length).toBeGreaterThanOrEqual(
      1,
    );
    const dossier = await stack.repository.getDossier(TENANT, 'PR-OLD');
    expect(dossier?.status).toBe('prescribed');
    expect(dossier?.nextActionOn).toBeUndefined();
    const timeline = await stack.repository.listTimeline(TENANT, 'PR-OLD');
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['invoice-prescribed', 'dossier-prescribed']),
    );
  });
});

describe('logs', () => {
  it('carry no personal data', () => {
    const text = logger.text();
    expect(text).not.toContain(aDebtor().name);
    expect(text).not.toContain(aDebtor().email!);
    expect(text).not.toContain(aDebtor().phone!);
  });
});
