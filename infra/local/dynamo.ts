import { Agent } from 'node:http';
import { Worker } from 'node:worker_threads';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  tableName: string;
  stop(): Promise<void>;
}

/** Credentials dynalite ignores; set explicitly so the SDK never looks for real ones. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

interface RunningDynalite {
  port: number;
  stop(): Promise<void>;
}

/** dynalite on a worker thread: its CPU no longer competes with the pipeline's. */
async function listenOnThread(path: string | undefined): Promise<RunningDynalite> {
  const worker = new Worker(new URL('./dynalite-thread.mjs', import.meta.url), { workerData: { path } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; error?: string }) =>
      message.port ? resolve(message.port) : reject(new Error(`dynalite did not start: ${message.error}`)),
    );
  });
  return {
    port,
    stop: async () => {
      const stopped = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}

/**
 * dynalite on a free port, on its own thread, with the one table created from TABLE_SCHEMA
 * (the same schema the CDK stateful stack uses). In memory unless `path` is given.
 */
export async function startLocalDynamo(
  options: { tableName?: string; path?: string } = {},
): Promise<LocalDynamo> {
  const tableName = options.tableName ?? 'recouvrement';
  const server = await listenOnThread(options.path);
  const port = server.port;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-3',
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 3,
    // A sweep runs 16 shards × 8 steps at once, each step with up to 4 channels: the SDK's default
    // 50 sockets queued hundreds of requests (and failed shard tasks); the server is in this process.
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 512 }) },
  });
  await createTable(client, tableName);
  return {
    client,
    endpoint,
    tableName,
    stop: async () => {
      client.destroy();
      await server.stop();
    },
  };
}

export async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const names = new Set<string>([TABLE_SCHEMA.partitionKey, TABLE_SCHEMA.sortKey]);
  const indexes: GlobalSecondaryIndex[] = TABLE_SCHEMA.globalIndexes.map((index) => {
    names.add(index.partitionKey);
    names.add(index.sortKey);
    return {
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    };
  });
  const attributes: AttributeDefinition[] = [...names].map((name) => ({
    AttributeName: name,
    AttributeType: 'S',
  }));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes,
        KeySchema: [
          { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: indexes,
      }),
    );
  } catch (error) {
    // A persistent dynalite folder keeps the table between runs.
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
  await untilActive(client, tableName);
}

/**
 * dynalite answers CreateTable with CREATING and turns the table ACTIVE on a timer, even with
 * createTableMs 0: on its own thread a request can arrive first and meet ResourceNotFound.
 */
async function untilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    if (Table?.TableStatus === 'ACTIVE' && indexes.every((index) => index.IndexStatus === 'ACTIVE')) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`table ${tableName} did not become active`);
}
