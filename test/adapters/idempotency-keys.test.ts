import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoIdempotencyKeys } from '../../shared/adapters/dynamodb/idempotency-keys';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { idempotent, type StoredAnswer } from '../../shared/use-cases/client-api/idempotency';
import { useDynalite } from '../support/dynalite';

/**
 * Idempotency keys expire after 24 hours. On AWS the table's TTL deletes them, days late at worst;
 * dynalite never does: either way a key past its expiry must read as absent and be reusable.
 */
const dynamo = useDynalite();
const store = () => new DynamoIdempotencyKeys(dynamo().client, dynamo().tableName);
const HOUR = 3_600_000;
const T0 = '2026-03-02T10:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * HOUR).toISOString();

function answer(storedAt: string, body: unknown = { accepted: 1 }): StoredAnswer {
  return {
    bodyHash: 'h1',
    statusCode: 200,
    body,
    storedAt,
    expiresAt: new Date(Date.parse(storedAt) + 24 * HOUR).toISOString(),
  };
}

async function rawItem(tenantId: string, scope: string, key: string) {
  const hashed = createHash('sha256').update(key).digest('hex');
  const doc = DynamoDBDocumentClient.from(dynamo().client);
  const out = await doc.send(
    new GetCommand({ TableName: dynamo().tableName, Key: keys.idempotencyKey(tenantId, scope, hashed) }),
  );
  return out.Item;
}

describe('idempotency keys in DynamoDB', () => {
  it('stores the expiry as the TTL attribute, in epoch seconds, 24 h after the answer', async () => {
    const keysStore = store();
    expect(await keysStore.put('t1', 'invoices', 'k-ttl', answer(T0))).toBe(true);
    const item = await rawItem('t1', 'invoices', 'k-ttl');
    expect(TABLE_SCHEMA.timeToLiveAttribute).toBe('expiresAt');
    expect(item?.expiresAt).toBe(Date.parse(at(24)) / 1000);
    expect(await keysStore.get('t1', 'invoices', 'k-ttl', at(23.9))).toMatchObject({
      storedAt: T0,
      expiresAt: at(24),
      body: { accepted: 1 },
    });
  });

  it('reads an expired key as absent, though the item is still there (TTL deletes late, dynalite never)', async () => {
    const keysStore = store();
    await keysStore.put('t1', 'invoices', 'k-old', answer(T0));
    expect(await keysStore.get('t1', 'invoices', 'k-old', at(24))).toBeUndefined();
    expect(await keysStore.get('t1', 'invoices', 'k-old', at(24 * 30))).toBeUndefined();
    expect(await rawItem('t1', 'invoices', 'k-old')).toBeDefined();
  });

  it('refuses a second answer under a live key, and takes it once the key expired', async () => {
    const keysStore = store();
    await keysStore.put('t1', 'invoices', 'k-reuse', answer(T0, { first: true }));
    expect(await keysStore.put('t1', 'invoices', 'k-reuse', answer(at(23), { second: true }))).toBe(false);
    expect(await keysStore.put('t1', 'invoices', 'k-reuse', answer(at(25), { third: true }))).toBe(true);
    expect((await keysStore.get('t1', 'invoices', 'k-reuse', at(26)))?.body).toEqual({ third: true });
    expect((await rawItem('t1', 'invoices', 'k-reuse'))?.expiresAt).toBe(Date.parse(at(49)) / 1000);
  });

  it('expires a key stored before keys had an expiry 24 h after it was stored', async () => {
    const legacy = answer(T0);
    const hashed = createHash('sha256').update('k-legacy').digest('hex');
    await DynamoDBDocumentClient.from(dynamo().client).send(
      new PutCommand({
        TableName: dynamo().tableName,
        Item: {
          ...keys.idempotencyKey('t1', 'invoices', hashed),
          entity: 'Idempotency',
          bodyHash: legacy.bodyHash,
          statusCode: 200,
          storedAt: T0,
          answer: gzipSync(JSON.stringify(legacy.body)),
        },
      }),
    );
    const keysStore = store();
    expect((await keysStore.get('t1', 'invoices', 'k-legacy', at(1)))?.expiresAt).toBe(at(24));
    expect(await keysStore.put('t1', 'invoices', 'k-legacy', answer(at(2)))).toBe(false);
    expect(await keysStore.get('t1', 'invoices', 'k-legacy', at(24))).toBeUndefined();
    expect(await keysStore.put('t1', 'invoices', 'k-legacy', answer(at(24)))).toBe(true);
  });

  it('lets a client reuse a key after 24 h: the work runs again, another body is no longer a 409', async () => {
    const keysStore = store();
    let runs = 0;
    const work = async () => ({ statusCode: 200, body: { run: ++runs }, store: true });
    const request = (now: string, body: unknown) => ({
      tenantId: 't2',
      scope: 'invoices',
      key: 'k-day',
      body,
      now,
    });

    expect(await idempotent(keysStore, request(T0, { a: 1 }), work)).toMatchObject({
      body: { run: 1 },
      replayed: false,
    });
    expect(await idempotent(keysStore, request(at(23), { a: 1 }), work)).toMatchObject({
      body: { run: 1 },
      replayed: true,
    });
    await expect(idempotent(keysStore, request(at(23), { a: 2 }), work)).rejects.toThrow(/another body/);
    expect(await idempotent(keysStore, request(at(24), { a: 2 }), work)).toMatchObject({
      body: { run: 2 },
      replayed: false,
    });
    expect(await idempotent(keysStore, request(at(25), { a: 2 }), work)).toMatchObject({
      body: { run: 2 },
      replayed: true,
    });
    expect(runs).toBe(2);
  });
});
