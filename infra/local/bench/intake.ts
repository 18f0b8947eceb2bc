import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDossierRepository } from '../../../shared/adapters/dynamodb/dossier-repository';
import { DEFAULT_SHARD_COUNT } from '../../../shared/adapters/dynamodb/table-schema';
import { parisInstant } from '../../../shared/domain/calendar';
import { type EmbeddedHooks, startEmbeddedStack } from '../embedded-stack';
import type { LocalStoreKind } from '../local-store';
import { BENCH_TENANT, BENCH_TENANT_PROFILE, invoiceCsv } from './data';
import { batchWriteAll, eachLimited, scanAll, seconds, silentLogger, withTempDir } from './support';

export interface IntakeBenchOptions {
  rows: number;
  seed: number;
  /** Share of the written items also put one by one with a condition (the primitive intake must use). */
  conditionalSample?: number;
  /** The store the intake and its floor both write to (default dynalite). */
  store?: LocalStoreKind;
  /**
   * false: the intake writes claims and dossiers one by one (the path of a store without
   * transactions), to compare both paths on one store. Default: transactions.
   */
  transactions?: boolean;
}

export interface IntakeBenchResult {
  /** The store measured: the ratio compares the intake with BatchWriteItem on this same store. */
  store?: LocalStoreKind;
  /** Whether the intake claimed numbers and wrote dossiers by transactions. */
  transactions?: boolean;
  rows: number;
  accepted: number;
  dossiers: number;
  /** Items the intake wrote: invoice claims, dossiers, timeline events. */
  items: number;
  seconds: number;
  rowsPerSecond: number;
  /** The same items, BatchWriteItem into the same dynalite, 8 requests in flight. */
  floorSeconds: number;
  floorRowsPerSecond: number;
  ratio: number;
  /** Conditional single-item puts (attribute_not_exists), 8 in flight: items/s on a sample. */
  conditionalPutItemsPerSecond: number;
}

const TODAY = '2026-01-05';

/** Rewrites an item of the bench tenant as another tenant's, keys and index keys included. */
function asTenant(item: Record<string, unknown>, tenant: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...item, tenantId: tenant };
  for (const key of ['PK', 'GSI3PK'])
    if (typeof copy[key] === 'string')
      copy[key] = (copy[key] as string).replace(`T#${BENCH_TENANT}#`, `T#${tenant}#`);
  for (const key of ['GSI1SK', 'GSI2SK'])
    if (typeof copy[key] === 'string')
      copy[key] = (copy[key] as string).replace(`#${BENCH_TENANT}#`, `#${tenant}#`);
  return copy;
}

/**
 * Measurement 1: a `rows`-line CSV through the real intake path (S3 event → intake handler →
 * validation, dedup, qualification, conditional writes), then the very items it wrote, copied
 * under another tenant, through raw BatchWriteItem into the same store: the floor. On DynamoDB
 * Local (`--store dynamodb-local`) the intake claims invoice numbers by transactions.
 */
export async function benchIntake(options: IntakeBenchOptions): Promise<IntakeBenchResult> {
  return withTempDir('bench-intake', async (outDir) => {
    const store = options.store ?? 'dynalite';
    // Both stores run either way (dynalite's transactions: infra/local/dynalite-transactions.mjs).
    const transactions = options.transactions !== false;
    let client: DynamoDBClient | undefined;
    const oneByOne: EmbeddedHooks = {
      dynamoClient: (started) => {
        client = started;
      },
      repository: () => new DynamoDossierRepository(client!, 'recouvrement', DEFAULT_SHARD_COUNT),
    };
    const stack = await startEmbeddedStack({
      outDir,
      logger: silentLogger,
      store,
      ...(!transactions ? { hooks: oneByOne } : {}),
    });
    try {
      await stack.putIntakeObject(
        `${BENCH_TENANT}/tenant.json`,
        JSON.stringify(BENCH_TENANT_PROFILE),
        parisInstant(TODAY, 8),
      );
      const csv = invoiceCsv(options.rows, options.seed, TODAY);
      const began = performance.now();
      const [outcome] = await stack.putIntakeObject(
        `${BENCH_TENANT}/${TODAY}/invoices.csv`,
        csv,
        parisInstant(TODAY, 8, 30),
      );
      const elapsed = seconds(began);
      if (outcome?.kind !== 'invoices') throw new Error('the bench file was not ingested');
      const { report } = outcome;
      if (report.accepted !== options.rows)
        throw new Error(`intake accepted ${report.accepted} of ${options.rows} rows`);

      const written = (await scanAll(stack.dynamo)).filter(
        (item) => String(item.PK).startsWith(`T#${BENCH_TENANT}#`) && item.SK !== 'PROFILE',
      );
      const floorItems = written.map((item) => asTenant(item, 'floor'));
      const floorBegan = performance.now();
      await batchWriteAll(stack.dynamo, floorItems, 8);
      const floorSeconds = seconds(floorBegan);

      const sample = written
        .filter((_, i) => i % Math.round(1 / (options.conditionalSample ?? 0.1)) === 0)
        .map((item) => asTenant(item, 'cond'));
      const doc = DynamoDBDocumentClient.from(stack.dynamo.client);
      const condBegan = performance.now();
      await eachLimited(sample, 8, async (Item) => {
        await doc.send(
          new PutCommand({
            TableName: stack.dynamo.tableName,
            Item,
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      });
      const condSeconds = seconds(condBegan);

      const rowsPerSecond = options.rows / elapsed;
      const floorRowsPerSecond = options.rows / floorSeconds;
      return {
        store,
        transactions,
        rows: options.rows,
        accepted: report.accepted,
        dossiers: report.dossiers,
        items: written.length,
        seconds: elapsed,
        rowsPerSecond,
        floorSeconds,
        floorRowsPerSecond,
        ratio: rowsPerSecond / floorRowsPerSecond,
        conditionalPutItemsPerSecond: sample.length / condSeconds,
      };
    } finally {
      await stack.stop();
    }
  });
}
