import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalDynamo } from '../../infra/local/dynamo';
import {
  DynamoDbLocalUnavailable,
  dynamoDbLocalFolder,
  startDynamoDbLocal,
} from '../../infra/local/dynamodb-local';
import { LOCAL_STORE_ENV } from '../../infra/local/local-store';

/**
 * DynamoDB Local as the second store (infra/local/dynamodb-local.ts): it answers once started,
 * nothing answers once stopped, and the JVM never outlives the process that started it. The
 * set-up errors run in every suite; the JVM ones only with `npm run test:dynamodb-local`.
 */
const answers = async (endpoint: string): Promise<boolean> => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'probe', secretAccessKey: 'probe' },
    maxAttempts: 1,
  });
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
};

const scratch: string[] = [];
afterEach(() => {
  for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('DynamoDB Local missing a part', () => {
  it('names the npm package when it cannot be found', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'no-simulator-'));
    scratch.push(elsewhere);
    expect(() => dynamoDbLocalFolder(pathToFileURL(join(elsewhere, 'x.js')).href)).toThrow(
      /amplify-dynamodb-simulator/,
    );
  });

  it('names Java when it is not on PATH', async () => {
    // A PATH holding the guard's shell and `cat` only: the guard starts, `java` is not found.
    // (Without `cat`, the guard's watcher would kill the java job at once: a race on the exit code.)
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    scratch.push(bin);
    for (const tool of ['sh', 'cat'])
      symlinkSync(
        execFileSync('sh', ['-c', `command -v ${tool}`])
          .toString()
          .trim(),
        join(bin, tool),
      );
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      const started = startDynamoDbLocal({ readyWithinMs: 30_000 });
      await expect(started).rejects.toBeInstanceOf(DynamoDbLocalUnavailable);
      await expect(started).rejects.toThrow(/Java 17/);
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('the store choice', () => {
  it('refuses a data folder with DynamoDB Local rather than losing its data in memory', async () => {
    await expect(startLocalDynamo({ store: 'dynamodb-local', path: tmpdir() })).rejects.toThrow(
      /persistent data folder needs dynalite/,
    );
  });

  it('is dynalite unless asked otherwise', () => {
    expect(LOCAL_STORE_ENV.store).toBe(process.env.RECOUVREMENT_STORE ?? 'dynalite');
  });
});

describe.runIf(LOCAL_STORE_ENV.store === 'dynamodb-local')('DynamoDB Local started and stopped', () => {
  it.runIf(LOCAL_STORE_ENV.endpoint)(
    'gives each store a database of its own on the shared emulator',
    async () => {
      const one = await startLocalDynamo();
      const other = await startLocalDynamo();
      try {
        expect([one.store, other.store]).toEqual(['dynamodb-local', 'dynamodb-local']);
        expect(other.endpoint).toBe(one.endpoint);
        const key = { PK: { S: 'T#a#D#1' }, SK: { S: 'DOSSIER' } };
        await one.client.send(new PutItemCommand({ TableName: one.tableName, Item: key }));
        expect(
          (await one.client.send(new GetItemCommand({ TableName: one.tableName, Key: key }))).Item,
        ).toBeDefined();
        expect(
          (await other.client.send(new GetItemCommand({ TableName: other.tableName, Key: key }))).Item,
        ).toBeUndefined();
      } finally {
        await one.stop();
        await other.stop();
      }
    },
  );

  it('answers ListTables once started, and nothing answers once stopped', async () => {
    const emulator = await startDynamoDbLocal();
    try {
      expect(await answers(emulator.endpoint)).toBe(true);
    } finally {
      await emulator.stop();
    }
    expect(await answers(emulator.endpoint)).toBe(false);
    await emulator.stop(); // a second stop is harmless
  });

  it('ends with the process that started it, even when that process is killed', async () => {
    // A Node process that starts DynamoDB Local, prints its endpoint and waits: killed with
    // SIGKILL (no exit handler runs), as a crashed test worker would be.
    const module = pathToFileURL(join(import.meta.dirname, '../../infra/local/dynamodb-local.ts')).href;
    const script = `const { startDynamoDbLocal } = await import(${JSON.stringify(module)});
      const { endpoint } = await startDynamoDbLocal(); console.log(endpoint); setInterval(() => {}, 1000);`;
    const owner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const endpoint = await new Promise<string>((resolve, reject) => {
      owner.once('exit', (code) => reject(new Error(`the owner exited (${code}) before starting it`)));
      owner.stdout.on('data', (chunk: Buffer) => {
        const line = chunk.toString().match(/http:\/\/\S+/);
        if (line) resolve(line[0]);
      });
    });
    expect(await answers(endpoint)).toBe(true);
    const gone = new Promise((resolve) => owner.once('exit', resolve));
    owner.kill('SIGKILL');
    await gone;
    // The JVM ends when the guard sees its stdin close: a few polls at most.
    let stillAnswering = true;
    for (let poll = 0; poll < 100 && stillAnswering; poll++) {
      stillAnswering = await answers(endpoint);
      if (stillAnswering) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(stillAnswering).toBe(false);
  });
});
