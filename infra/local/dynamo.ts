import { Agent } from 'node:http';
import { Worker } from 'node:worker_threads';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { dynaliteRequests } from './dynalite-requests';
import { startDynamoDbLocal } from './dynamodb-local';
import { LOCAL_STORE_ENV, type LocalStoreKind } from './local-store';

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  tableName: string;
  /** What answers at `endpoint`: dynalite, DynamoDB Local, or an endpoint given from outside. */
  store: LocalStoreKind | 'endpoint';
  stop(): Promise<void>;
}

export interface LocalDynamoOptions {
  tableName?: string;
  /** dynalite's LevelDB folder (`serve`); in memory when absent. dynalite only. */
  path?: string;
  /** Default: RECOUVREMENT_STORE, else dynalite (local-store.ts). */
  store?: LocalStoreKind;
  /**
   * A DynamoDB already running (default: RECOUVREMENT_DYNAMODB_ENDPOINT): used, never stopped.
   * With the store `dynamodb-local`, one emulator shared by many callers (a test run's).
   */
  endpoint?: string;
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
 * (the same schema the CDK stateful stack uses). In memory unless `path` is given. On request
 * (`store`, RECOUVREMENT_STORE) DynamoDB Local instead, or a DynamoDB already at `endpoint`.
 */
export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const tableName = options.tableName ?? 'recouvrement';
  const server = await startServer(options);
  const endpoint = server.endpoint;
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-3',
    credentials: server.credentials,
    ...(server.store === 'dynalite' ? dynaliteRequests(endpoint) : {}),
    maxAttempts: 3,
    // A sweep runs 16 shards × 8 steps at once, each step with up to 4 channels: the SDK's default
    // 50 sockets queued hundreds of requests (and failed shard tasks); the server is in this process.
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 512 }) },
  });
  try {
    await createTable(client, tableName);
  } catch (error) {
    client.destroy();
    await server.stop();
    throw error;
  }
  return {
    client,
    endpoint,
    tableName,
    store: server.store,
    stop: async () => {
      // Frees the emulator's memory for the next files; an emulator already gone has nothing to free.
      if (server.ownNamespace) await dropTables(client).catch(() => {});
      client.destroy();
      await server.stop();
    },
  };
}

interface RunningStore {
  store: LocalDynamo['store'];
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** A database of its own on a shared DynamoDB Local: emptied at stop, as dynalite in memory is. */
  ownNamespace: boolean;
  stop(): Promise<void>;
}

let namespaces = 0;

async function startServer(options: LocalDynamoOptions): Promise<RunningStore> {
  const store = options.store ?? LOCAL_STORE_ENV.store;
  if (store === 'dynamodb-local' && options.path) {
    throw new Error(
      'DynamoDB Local runs in memory here: a persistent data folder needs dynalite (unset RECOUVREMENT_STORE)',
    );
  }
  // The environment's endpoint serves the callers that did not choose dynalite themselves.
  const shared = options.endpoint ?? (options.store === 'dynalite' ? undefined : LOCAL_STORE_ENV.endpoint);
  const keep = async () => {};
  if (shared && store === 'dynamodb-local') {
    // DynamoDB Local keeps one database per access key and region (no -sharedDb): a key of its
    // own gives each caller (a test file, an embedded stack) a fresh, empty store.
    const accessKeyId = `local${process.pid}x${++namespaces}x${Date.now().toString(36)}`;
    const credentials = { accessKeyId, secretAccessKey: 'local' };
    return { store, endpoint: shared, credentials, ownNamespace: true, stop: keep };
  }
  if (shared) {
    return {
      store: 'endpoint',
      endpoint: shared,
      credentials: LOCAL_CREDENTIALS,
      ownNamespace: false,
      stop: keep,
    };
  }
  if (store === 'dynamodb-local') {
    return { store, credentials: LOCAL_CREDENTIALS, ownNamespace: false, ...(await startDynamoDbLocal()) };
  }
  const server = await listenOnThread(options.path);
  const endpoint = `http://127.0.0.1:${server.port}`;
  return { store, endpoint, credentials: LOCAL_CREDENTIALS, ownNamespace: false, stop: server.stop };
}

async function dropTables(client: DynamoDBClient): Promise<void> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  for (const name of TableNames) await client.send(new DeleteTableCommand({ TableName: name }));
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
