import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmbeddedStack } from '../../infra/local/embedded-stack';
import { RecordingLogger } from '../support/recording-ports';

/**
 * The fixed daily cost of the sweeps, counted (not timed) on the embedded stack, the real ASL and
 * dynalite: what an empty portfolio pays every day. 16 shards walked 4 per page task: each
 * sharded sweep costs 4 invocations and 16 queries (docs/scaling.md, the fixed daily cost).
 */
async function emptyDay(shardsPerTask?: number) {
  const outDir = await mkdtemp(join(tmpdir(), 'recouvrement-empty-day-'));
  const requests: string[] = [];
  const invocations: string[] = [];
  const stack = await startEmbeddedStack({
    outDir,
    logger: new RecordingLogger(),
    shardCount: 16,
    ...(shardsPerTask ? { shardsPerTask } : {}),
    hooks: {
      dynamoClient(client) {
        client.middlewareStack.add(
          (next, context) => async (args) => {
            requests.push((context as { commandName: string }).commandName);
            return next(args);
          },
          { step: 'initialize' },
        );
      },
      lambda: (name, fn) => async (event) => {
        invocations.push(name);
        return fn(event);
      },
    },
  });
  try {
    requests.length = 0;
    await stack.runPrescriptionSweep('2026-11-30T01:00:00.000Z');
    await stack.runJudicialSweep('2026-11-30T02:00:00.000Z');
    await stack.runRetentionSweep('2026-11-30T03:00:00.000Z');
    await stack.runOverdueSweep('2026-11-30T05:00:00.000Z');
    const count = (list: string[]) => {
      const counts: Record<string, number> = {};
      for (const name of list) counts[name] = (counts[name] ?? 0) + 1;
      return counts;
    };
    return { requests: count(requests), invocations: count(invocations) };
  } finally {
    await stack.stop();
    await rm(outDir, { recursive: true, force: true });
  }
}

describe('an empty day', () => {
  it('costs 13 invocations and 49 queries with the default groups of 4 shards', async () => {
    const { requests, invocations } = await emptyDay();
    expect(invocations).toEqual({
      'prescription-scan': 4,
      'judicial-scan': 4,
      'retention-scan': 1,
      'dispatch-due': 4,
    });
    expect(requests).toEqual({ QueryCommand: 49 });
  });

  it('cost 49 invocations with one shard per task, as before shard groups', async () => {
    const { requests, invocations } = await emptyDay(1);
    expect(invocations).toEqual({
      'prescription-scan': 16,
      'judicial-scan': 16,
      'retention-scan': 1,
      'dispatch-due': 16,
    });
    expect(requests).toEqual({ QueryCommand: 49 });
  });
});
