import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStateMachine, loadDefinition } from '../../infra/local/asl-runner';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import { shardOf } from '../../shared/adapters/dynamodb/keys';
import { RegisteredMailError } from '../../shared/adapters/http/http-registered-mail';
import { answer, apiEvent } from '../support/api-events';
import { aDebtor, aDossier, anInvoice, aTenant, morningOf } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { RecordingLogger } from '../support/recording-ports';

/**
 * A dossier whose escalation step fails every day, through the real escalation ASL
 * (aws-local-stepfunctions) and the real handlers on dynalite: after 3 failed steps in a row it is
 * parked — off the sweep index, a stuck-dossier task, the DossierStuck metric — until a person
 * resumes it through the API. A successful step clears the count.
 */
const TENANT = 'stuck';
const SHARDS = 4;
let stack: EmbeddedStack;
let outDir: string;
const logger = new RecordingLogger();

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-stuck-'));
  stack = await startEmbeddedStack({ outDir, logger, shardCount: SHARDS, stuckAfterFailures: 3 });
  await stack.repository.putTenant(aTenant(TENANT));
});

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

/** A B2B dossier due 2026-03-03, its next reminder due on 2026-03-12. */
async function dueDossier(id: string) {
  await stack.repository.createDossier(
    aDossier({
      tenantId: TENANT,
      dossierId: id,
      debtor: aDebtor({ ref: id }),
      invoices: [anInvoice({ number: `F-${id}` })],
      nextActionOn: '2026-03-12',
    }),
  );
}

/** The escalation with every action failing, as a provider refusing the letter would (the message names the debtor). */
const failing = () =>
  new LocalStateMachine('escalation', loadDefinition('escalation', {}), {
    ...stack.functions,
    'escalation-act': async () => {
      throw new RegisteredMailError(`provider refused the address of ${aDebtor().name}`);
    },
  });

const step = (machine: LocalStateMachine, id: string, day: string) =>
  machine.trace({ asOf: morningOf(day), dossiers: [{ tenantId: TENANT, dossierId: id }] });

/** Whether the overdue sweep would find the dossier on `day` (the sparse, sharded due index). */
async function onSweepIndex(id: string, day: string): Promise<boolean> {
  const page = await stack.repository.queryDue(shardOf(TENANT, id, SHARDS), day, 1000);
  return page.items.some((item) => item.dossierId === id);
}

const api = async (routeKey: string, options: Parameters<typeof apiEvent>[1] = {}) => {
  const result = answer(await stack.functions.api!(apiEvent(routeKey, { tenantId: TENANT, ...options })));
  expectDocumentedAnswer(routeKey, result.status, result.body);
  return result;
};

describe('a dossier whose steps keep failing', () => {
  it('counts each failed day through RecordPageFailure, then is parked at the third, off the sweep index', async () => {
    await dueDossier('STUCK-1');
    const machine = failing();

    const first = await step(machine, 'STUCK-1', '2026-03-12');
    expect(first.statesEntered.slice(-2)).toEqual(['RecordPageFailure', 'StepFailed']);
    expect(first.error?.message ?? '').toMatch(/EscalationStepFailed|failed/i);
    expect((await stack.repository.getDossier(TENANT, 'STUCK-1'))?.failedSteps).toEqual({
      count: 1,
      lastOn: '2026-03-12',
      errorKind: 'RegisteredMailError',
    });
    // The same morning again (a re-run sweep) is not a second failure.
    await step(machine, 'STUCK-1', '2026-03-12');
    expect((await stack.repository.getDossier(TENANT, 'STUCK-1'))?.failedSteps?.count).toBe(1);

    await step(machine, 'STUCK-1', '2026-03-13');
    expect(await onSweepIndex('STUCK-1', '2026-03-14')).toBe(true);
    await step(machine, 'STUCK-1', '2026-03-14');

    const dossier = await stack.repository.getDossier(TENANT, 'STUCK-1');
    expect(dossier).toMatchObject({
      status: 'open',
      parked: { on: '2026-03-14', errorKind: 'RegisteredMailError', failures: 3 },
    });
    expect(await onSweepIndex('STUCK-1', '2026-03-20')).toBe(false);
    const timeline = await stack.repository.listTimeline(TENANT, 'STUCK-1');
    expect(timeline.find((event) => event.type === 'escalation-parked')?.note).toMatch(
      /3 failed steps in a row \(RegisteredMailError\)/,
    );
    expect(logger.entries.filter((line) => line.attributes?.metric === 'DossierStuck')).toHaveLength(1);
  });

  it('lists the stuck dossier as a task with the error kind, not its message', async () => {
    const listed = await api('GET /tasks', { query: { kind: 'stuck-dossier' } });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        kind: 'stuck-dossier',
        dossierId: 'STUCK-1',
        stuck: { errorKind: 'RegisteredMailError', failures: 3 },
      }),
    ]);
    // Calls stay the default listing: the stuck dossier is not a call.
    expect((await api('GET /tasks')).body.items).toEqual([]);
    expect(JSON.stringify(listed.body)).not.toContain(aDebtor().name);
  });

  it('is resumed by a person: back on the index, task done, the evidence on the timeline; again is a no-op', async () => {
    const resumed = await api('POST /dossiers/{dossierId}/resume', {
      pathParameters: { dossierId: 'STUCK-1' },
      at: '2026-03-16T14:00:00.000Z',
    });
    expect(resumed).toMatchObject({ status: 200, body: { dossierId: 'STUCK-1', resumed: true } });
    const dossier = await stack.repository.getDossier(TENANT, 'STUCK-1');
    expect(dossier?.parked).toBeUndefined();
    expect(dossier?.failedSteps).toBeUndefined();
    expect(await onSweepIndex('STUCK-1', '2026-03-17')).toBe(true);
    expect((await api('GET /tasks', { query: { kind: 'stuck-dossier' } })).body.items).toEqual([]);
    const types = (await stack.repository.listTimeline(TENANT, 'STUCK-1')).map((event) => event.type);
    expect(types).toContain('escalation-resumed');
    const again = await api('POST /dossiers/{dossierId}/resume', {
      pathParameters: { dossierId: 'STUCK-1' },
    });
    expect(again).toMatchObject({ status: 200, body: { resumed: false } });
    expect(
      (await api('POST /dossiers/{dossierId}/resume', { pathParameters: { dossierId: 'NOPE' } })).status,
    ).toBe(404);
  });

  it('a successful step clears the count: failures must come in a row', async () => {
    await dueDossier('STUCK-2');
    await step(failing(), 'STUCK-2', '2026-03-12');
    await step(failing(), 'STUCK-2', '2026-03-13');
    expect((await stack.repository.getDossier(TENANT, 'STUCK-2'))?.failedSteps?.count).toBe(2);
    const ok = await step(stack.machines.escalation, 'STUCK-2', '2026-03-14');
    expect(ok.statesEntered.at(-1)).toBe('Done');
    const dossier = await stack.repository.getDossier(TENANT, 'STUCK-2');
    expect(dossier?.failedSteps).toBeUndefined();
    expect(dossier?.levelIndex).toBeGreaterThanOrEqual(0);
  });

  it('keeps the error message (which names the debtor) out of the dossier, the timeline and the logs', async () => {
    const stored = JSON.stringify([
      await stack.repository.getDossier(TENANT, 'STUCK-1'),
      await stack.repository.listTimeline(TENANT, 'STUCK-1'),
    ]);
    expect(stored).not.toContain('provider refused');
    expect(logger.text()).not.toContain(aDebtor().name);
  });
});
