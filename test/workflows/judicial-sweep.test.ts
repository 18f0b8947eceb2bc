import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { aJudicialState } from '../support/court-events';
import { RecordingLogger } from '../support/recording-ports';

/**
 * statemachines/judicial-sweep.asl.json run embedded (aws-local-stepfunctions), its Task mapped
 * to functions/judicial-scan/handler.ts on dynalite, as the 03:00 schedule runs it on AWS.
 */
const TENANT = 'wf-judicial';
let stack: EmbeddedStack;
let outDir: string;
const logger = new RecordingLogger();

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-judicial-'));
  // One shard per task: the sweep's Map then runs a ScanJudicialPage per shard at least.
  stack = await startEmbeddedStack({ outDir, logger, shardCount: 4, shardsPerTask: 1, dispatchBatch: 2 });
  await stack.repository.putTenant(aTenant(TENANT));
});

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

/** An order issued on 2 Feb 2026, not served yet: the 30-day alert is due on 3 July. */
async function orderIssued(id: string) {
  const judicial = aJudicialState({
    stage: 'order-issued',
    events: { 'request-filed': '2026-01-12', 'order-issued': '2026-02-02' },
    deadlines: [{ kind: 'service', date: '2026-08-02', article: 'CPC 1411', alerted: [] }],
    nextCheckOn: '2026-07-03',
  });
  await stack.repository.createDossier(
    aDossier({
      tenantId: TENANT,
      dossierId: id,
      debtor: aDebtor({ ref: id }),
      invoices: [anInvoice({ number: `F-${id}`, issueDate: '2025-10-01', dueDate: '2025-11-03' })],
      status: 'judicial',
      judicial,
    }),
  );
}

describe('judicial-sweep.asl.json', () => {
  it('maps over every shard, a ScanJudicialPage per page, and sends the service alert once', async () => {
    for (const id of ['JS-1', 'JS-2', 'JS-3']) await orderIssued(id);
    const run = await stack.machines.judicialSweep.trace({ asOf: '2026-07-03T01:00:00.000Z' });
    expect(run.error).toBeUndefined();
    expect(run.statesEntered.slice(0, 3)).toEqual(['HasAsOf', 'PlanShards', 'SweepShards']);
    expect(run.statesEntered.filter((name) => name === 'ScanJudicialPage').length).toBeGreaterThanOrEqual(4);
    for (const id of ['JS-1', 'JS-2', 'JS-3']) {
      const dossier = await stack.repository.getDossier(TENANT, id);
      expect(dossier?.judicial?.deadlines[0]?.alerted).toEqual([30]);
      expect(dossier?.judicial?.nextCheckOn).toBe('2026-07-26');
    }
    // The same day again (a retried schedule): nothing is due, nothing is sent twice.
    await stack.runJudicialSweep('2026-07-03T01:30:00.000Z');
    const timeline = await stack.repository.listTimeline(TENANT, 'JS-1');
    expect(timeline.filter((e) => e.type === 'court-deadline').map((e) => e.eventId)).toEqual([
      '2026-07-03#COURT-ALERT#service#30',
    ]);
  });

  it('the day after the deadline, the order lapses: back to review with the reason', async () => {
    await orderIssued('JS-LAPSE');
    await stack.runJudicialSweep('2026-08-03T01:00:00.000Z');
    const dossier = await stack.repository.getDossier(TENANT, 'JS-LAPSE');
    expect(dossier?.judicial?.stage).toBe('review');
    expect(dossier?.judicial?.reason).toMatch(/CPC 1411/);
  });

  it('logs carry no personal data', () => {
    const text = logger.text();
    expect(text).not.toContain(aDebtor().name);
    expect(text).not.toContain(aDebtor().email!);
  });
});
