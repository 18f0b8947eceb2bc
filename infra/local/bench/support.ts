import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '../../../shared/use-cases/ports';
import type { LocalDynamo } from '../dynamo';

/** Logs are not what the benchmark measures: a logger that drops them (the cost meter counts them apart). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export async function withTempDir<T>(
  prefix: string,
  use: (dir: string) => Promise<T>,
  parent: string = tmpdir(),
): Promise<T> {
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, `recouvrement-${prefix}-`));
  try {
    return await use(dir);
  } finally {
    // A late write (an outbox line) must not hide the measurement's own result or error.
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined);
  }
}

export function seconds(from: number): number {
  return (performance.now() - from) / 1000;
}

/** Runs `work` on every item, `concurrency` at a time, in order of the list. */
export async function eachLimited<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/**
 * The raw floor of writing: BatchWriteItem, 25 items a request, `concurrency` requests in
 * flight, unprocessed items resent. No validation, no condition: the cheapest way in.
 */
export async function batchWriteAll(
  dynamo: LocalDynamo,
  items: Record<string, unknown>[],
  concurrency = 4,
): Promise<void> {
  const doc = DynamoDBDocumentClient.from(dynamo.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await eachLimited(batches, concurrency, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [dynamo.tableName]: pending } }));
      pending = (out.UnprocessedItems?.[dynamo.tableName] ?? []) as typeof pending;
    }
  });
}

/** Every item of the table (a full scan, page by page). */
export async function scanAll(dynamo: LocalDynamo): Promise<Record<string, unknown>[]> {
  const doc = DynamoDBDocumentClient.from(dynamo.client);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new ScanCommand({ TableName: dynamo.tableName, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Peak resident set of this process so far, in MB (`ru_maxrss`). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
