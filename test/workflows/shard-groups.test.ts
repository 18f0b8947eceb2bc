import { describe, expect, it } from 'vitest';
import { makeHandler as dispatchDueHandler } from '../../functions/dispatch-due/handler';
import { makeHandler as judicialScanHandler } from '../../functions/judicial-scan/handler';
import { LocalStateMachine, loadDefinition } from '../../infra/local/asl-runner';
import { sweepPageInputSchema } from '../../shared/use-cases/escalation/step-inputs';
import { parseInput } from '../../shared/use-cases/parse-input';
import type { DossierRepository, DueRef, EscalationPage, Page } from '../../shared/use-cases/ports';
import { scanCheckPages } from '../../shared/use-cases/sweeps/dispatch-due';
import { RecordingLogger } from '../support/recording-ports';

/**
 * The three sharded sweeps, run from their real ASL files (aws-local-stepfunctions) with
 * `States.ArrayPartition` grouping the shards, each page task walking its group: every due
 * dossier is visited exactly once across pages and groups, even when a page task's budget cuts
 * a shard in the middle, and a shard that fails takes only its own group with it.
 */
const ASOF = '2026-03-12T05:00:00.000Z';
const SHARDS = 16;

/** A due index of `counts[shard]` refs per shard, paged like DynamoDB (base64url keys, Limit). */
function dueIndex(counts: number[]) {
  const refs = counts.map((count, shard) =>
    Array.from(
      { length: count },
      (_, i): DueRef => ({ tenantId: 't', dossierId: `S${shard}-D${i}`, day: '2026-03-12' }),
    ),
  );
  const queried: number[] = [];
  const query = async (shard: number, limit: number, key: string | undefined): Promise<Page<DueRef>> => {
    queried.push(shard);
    const from = key ? Number(Buffer.from(key, 'base64url').toString()) : 0;
    const all = refs[shard] ?? [];
    const items = all.slice(from, from + limit);
    const next = from + items.length;
    // DynamoDB hands back a key whenever the page is full, even if nothing follows.
    return items.length === limit
      ? { items, cursor: Buffer.from(String(next)).toString('base64url') }
      : { items };
  };
  return { query, queried, total: counts.reduce((sum, n) => sum + n, 0) };
}

/** Uneven shards: empty ones, one bigger than a page task's budget, one of exactly a budget. */
const COUNTS = [0, 3, 0, 0, 11, 1, 0, 7, 0, 0, 0, 2, 5, 0, 0, 4];
const BUDGET = 5;

function overdueSweep(index: ReturnType<typeof dueIndex>, shardsPerTask: number, dispatchBatch = BUDGET) {
  const dispatched: string[] = [];
  const payloads: unknown[] = [];
  const handler = dispatchDueHandler({
    repository: {
      queryDue: (shard: number, _day: string, limit: number, key?: string) => index.query(shard, limit, key),
    } as unknown as DossierRepository,
    launcher: {
      start: async () => {
        throw new Error('the overdue sweep starts pages');
      },
      startPages: async (pages: EscalationPage[]) => {
        for (const page of pages) dispatched.push(...page.dossiers.map((d) => d.dossierId));
      },
    },
    logger: new RecordingLogger(),
    dispatchBatch,
    stepPageSize: 2,
  });
  const machine = new LocalStateMachine(
    'overdue-sweep',
    loadDefinition('overdue-sweep', { LastShard: SHARDS - 1, ShardsPerTask: shardsPerTask }),
    {
      'dispatch-due': async (payload) => {
        payloads.push(payload);
        return handler(payload, {} as never);
      },
    },
  );
  return { machine, dispatched, payloads };
}

const sorted = (ids: string[]) => [...ids].sort();
const allIds = () =>
  COUNTS.flatMap((count, shard) => Array.from({ length: count }, (_, i) => `S${shard}-D${i}`));

describe('overdue-sweep.asl.json over shard groups', () => {
  it.each([1, 3, 4, 16])(
    'dispatches every due dossier exactly once with %i shards per task',
    async (perTask) => {
      const index = dueIndex(COUNTS);
      const { machine, dispatched, payloads } = overdueSweep(index, perTask);
      const run = await machine.trace({ asOf: ASOF, holdSeconds: 0 });
      expect(run.error).toBeUndefined();
      expect(dispatched).toHaveLength(index.total);
      expect(sorted(dispatched)).toEqual(sorted(allIds()));
      // A group is one Map item: ceil(16 / perTask) of them, each its own shards in order.
      const groups = new Set(payloads.map((p) => JSON.stringify((p as { shards: number[] }).shards)));
      expect(groups.size).toBe(Math.ceil(SHARDS / perTask));
      expect([...groups].flatMap((g) => JSON.parse(g) as number[]).sort((a, b) => a - b)).toEqual(
        Array.from({ length: SHARDS }, (_, i) => i),
      );
    },
  );

  it('cuts a shard in the middle when the budget runs out, and resumes there', async () => {
    const index = dueIndex(COUNTS);
    const { machine, dispatched, payloads } = overdueSweep(index, 4);
    await machine.trace({ asOf: ASOF, holdSeconds: 0 });
    const cursors = payloads.map((p) => (p as { cursor: string | null }).cursor).filter(Boolean) as string[];
    // Shard 4 holds 11 dossiers, the budget is 5: two cursors inside it (after 5 and after 10… of the group).
    expect(cursors.some((c) => c.startsWith('4:') && c.length > 2)).toBe(true);
    expect(new Set(dispatched).size).toBe(dispatched.length);
  });

  it('costs one task per group on an empty day, and one query per shard', async () => {
    const index = dueIndex(new Array(SHARDS).fill(0));
    const { machine, payloads } = overdueSweep(index, 4);
    const run = await machine.trace({ asOf: ASOF, holdSeconds: 0 });
    expect(run.error).toBeUndefined();
    expect(payloads).toHaveLength(4);
    expect(sorted(index.queried.map(String))).toEqual(
      sorted(Array.from({ length: SHARDS }, (_, i) => String(i))),
    );
    expect(run.statesEntered.filter((name) => name === 'DispatchDuePage')).toHaveLength(4);
  });

  it('a failing shard stops only its group; the other groups are swept', async () => {
    const index = dueIndex(COUNTS);
    const flaky = async (shard: number, limit: number, key: string | undefined) => {
      if (shard === 5) throw Object.assign(new Error('throttled'), { name: 'EscalationStartError' });
      return index.query(shard, limit, key);
    };
    const { machine, dispatched } = overdueSweep({ ...index, query: flaky }, 4);
    const run = await machine.trace({ asOf: ASOF, holdSeconds: 0 });
    expect(run.error).toBeUndefined();
    expect(run.statesEntered.filter((name) => name === 'ShardFailed')).toHaveLength(1);
    // Group [4, 5, 6, 7]: shard 4 was dispatched before 5 failed; 5 and 7 wait for tomorrow.
    // The retried task dispatched shard 4's last page again: harmless, a step is idempotent per
    // (dossier, day, level) (docs/reliability.md), as it was for a page retried within one shard.
    const left = allIds().filter((id) => id.startsWith('S5-') || id.startsWith('S7-'));
    expect(sorted([...new Set(dispatched)])).toEqual(sorted(allIds().filter((id) => !left.includes(id))));
  });
});

describe('prescription-sweep.asl.json and judicial-sweep.asl.json over shard groups', () => {
  it('the check sweep reviews every due dossier exactly once (scanCheckPages)', async () => {
    const index = dueIndex(COUNTS);
    const reviewed: string[] = [];
    const deps = {
      repository: {
        getDossier: async (tenantId: string, dossierId: string) => ({ tenantId, dossierId }),
      } as unknown as DossierRepository,
      dispatchBatch: BUDGET,
    };
    const machine = new LocalStateMachine(
      'prescription-sweep',
      loadDefinition('prescription-sweep', { LastShard: SHARDS - 1, ShardsPerTask: 4 }),
      {
        'prescription-scan': (payload) =>
          scanCheckPages(deps, parseInput(sweepPageInputSchema, payload), index.query, async (dossier) => {
            reviewed.push(dossier.dossierId);
          }),
      },
    );
    const run = await machine.trace({ asOf: ASOF });
    expect(run.error).toBeUndefined();
    expect(sorted(reviewed)).toEqual(sorted(allIds()));
  });

  it('the judicial sweep starts one judicial step per due dossier, exactly once', async () => {
    const index = dueIndex(COUNTS);
    const started: string[] = [];
    const handler = judicialScanHandler({
      repository: {
        queryJudicialChecks: (shard: number, _day: string, limit: number, key?: string) =>
          index.query(shard, limit, key),
      } as unknown as DossierRepository,
      launcher: {
        start: async (inputs) => {
          started.push(...inputs.map((input) => input.dossierId));
        },
        startPages: async () => undefined,
      },
      logger: new RecordingLogger(),
      dispatchBatch: BUDGET,
    });
    const machine = new LocalStateMachine(
      'judicial-sweep',
      loadDefinition('judicial-sweep', { LastShard: SHARDS - 1, ShardsPerTask: 3 }),
      { 'judicial-scan': (payload) => handler(payload, {} as never) },
    );
    const run = await machine.trace({ asOf: ASOF });
    expect(run.error).toBeUndefined();
    expect(sorted(started)).toEqual(sorted(allIds()));
  });
});
