import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parisInstant } from '../../../shared/domain/calendar';
import type { DueRef } from '../../../shared/use-cases/ports';
import { readOutbox } from '../demo/summary';
import { startEmbeddedStack } from '../embedded-stack';
import { BENCH_TENANT, BENCH_TENANT_PROFILE, openDossiers } from './data';
import { batchWriteAll, eachLimited, seconds, silentLogger, withTempDir } from './support';

export interface SweepBenchOptions {
  dossiers: number;
  dueFraction: number;
  seed: number;
}

export interface SweepBenchResult {
  dossiers: number;
  due: number;
  seedSeconds: number;
  /** Real path: overdue-sweep ASL → dispatch-due → escalation ASL per dossier → outbox. */
  seconds: number;
  dossiersPerSecond: number;
  /** Floor: query the due index shard by shard + one conditional UpdateItem per due dossier. */
  floorSeconds: number;
  floorDossiersPerSecond: number;
  ratio: number;
  steps: number;
  failedSteps: number;
  messages: number;
  /** Errors the pipeline logged (a shard task that failed is caught by the sweep and left for tomorrow). */
  errors: number;
  firstErrors: string[];
  /** DynamoDB requests the real path sent per due dossier, by operation (the gap to the floor's ~1). */
  requestsPerStep: Record<string, number>;
}

const TODAY = '2026-02-02';

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Measurement 2: `dossiers` open dossiers (bulk loaded), `dueFraction` of them due today.
 * First the floor, which leaves every dossier due; then the real overdue sweep.
 */
export async function benchSweep(options: SweepBenchOptions): Promise<SweepBenchResult> {
  return withTempDir('bench-sweep', async (outDir) => {
    const errors: string[] = [];
    const logger = {
      ...silentLogger,
      error: (message: string, attributes?: Record<string, unknown>) => {
        errors.push(`${message} ${JSON.stringify(attributes ?? {})}`.slice(0, 300));
      },
    };
    const requests = new Map<string, number>();
    let counting = false;
    const stack = await startEmbeddedStack({
      outDir,
      logger,
      hooks: {
        dynamoClient: (client) =>
          client.middlewareStack.add(
            (next, context) => (args) => {
              const command = context.commandName ?? 'unknown';
              if (counting) requests.set(command, (requests.get(command) ?? 0) + 1);
              return next(args);
            },
            { step: 'initialize', name: 'benchRequestCounter' },
          ),
      },
    });
    try {
      const { repository, dynamo } = stack;
      await repository.putTenant({
        tenantId: BENCH_TENANT,
        ...(BENCH_TENANT_PROFILE as Omit<Parameters<typeof repository.putTenant>[0], 'tenantId'>),
      });
      const dossiers = openDossiers(options.dossiers, options.dueFraction, options.seed, TODAY);
      const due = dossiers.filter((d) => d.nextActionOn === TODAY).length;
      const seedBegan = performance.now();
      await batchWriteAll(
        dynamo,
        dossiers.map((d) => repository.dossierItem(d)),
        8,
      );
      const seedSeconds = seconds(seedBegan);

      const doc = DynamoDBDocumentClient.from(dynamo.client);
      const floorBegan = performance.now();
      let touched = 0;
      for (let shard = 0; shard < stack.deps.shardCount; shard++) {
        let cursor: string | undefined;
        do {
          const page = await repository.queryDue(shard, TODAY, 500, cursor);
          await eachLimited(page.items, 8, async (ref: DueRef) => {
            await doc.send(
              new UpdateCommand({
                TableName: dynamo.tableName,
                Key: { PK: `T#${ref.tenantId}#D#${ref.dossierId}`, SK: 'DOSSIER' },
                UpdateExpression: 'SET benchSweptOn = :day',
                ConditionExpression: 'attribute_exists(PK)',
                ExpressionAttributeValues: { ':day': TODAY },
              }),
            );
            touched++;
          });
          cursor = page.cursor;
        } while (cursor);
      }
      const floorSeconds = seconds(floorBegan);
      if (touched !== due) throw new Error(`floor touched ${touched} of ${due} due dossiers`);

      counting = true;
      const began = performance.now();
      await stack.runOverdueSweep(parisInstant(TODAY, 6));
      const elapsed = seconds(began);
      counting = false;
      const messages = (await readOutbox(outDir)).length;
      const dossiersPerSecond = due / elapsed;
      const floorDossiersPerSecond = due / floorSeconds;
      return {
        dossiers: options.dossiers,
        due,
        seedSeconds,
        seconds: elapsed,
        dossiersPerSecond,
        floorSeconds,
        floorDossiersPerSecond,
        ratio: dossiersPerSecond / floorDossiersPerSecond,
        steps: stack.launches.started,
        failedSteps: stack.launches.failed,
        messages,
        errors: errors.length,
        firstErrors: errors.slice(0, 5),
        requestsPerStep: Object.fromEntries(
          [...requests].map(([command, count]) => [command.replace(/Command$/, ''), round2(count / due)]),
        ),
      };
    } finally {
      await stack.stop();
    }
  });
}
