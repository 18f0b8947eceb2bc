import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { writeDossiersTransacted } from '../../shared/adapters/dynamodb/dossier-transactions';

const TABLE = 'recouvrement';
const ddb = mockClient(DynamoDBDocumentClient);
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-3' }));

type Put = {
  Item: Record<string, unknown>;
  ConditionExpression: string;
  ExpressionAttributeValues?: Record<string, unknown>;
};
const putsOf = (input: unknown) =>
  (input as { TransactItems: { Put: Put }[] }).TransactItems.map((i) => i.Put);

/** Dossier items DOS-0…: even ones new, odd ones saved after a read at version 3. */
const writes = (count: number, padding = '') =>
  Array.from({ length: count }, (_, i) => ({
    item: { PK: `T#t#D#DOS-${i}`, SK: 'DOSSIER', padding },
    ...(i % 2 === 1 ? { readVersion: 3 } : {}),
  }));

afterEach(() => ddb.reset());

describe('writeDossiersTransacted', () => {
  it('writes 100 dossiers a transaction, each with the condition of its single write', async () => {
    ddb.on(TransactWriteCommand).resolves({});

    const stored = await writeDossiersTransacted(doc, TABLE, writes(205));

    const calls = ddb.commandCalls(TransactWriteCommand).map((call) => putsOf(call.args[0].input));
    expect(calls.map((puts) => puts.length)).toEqual([100, 100, 5]);
    const [created, saved] = calls[0]!;
    expect(created).toMatchObject({ ConditionExpression: 'attribute_not_exists(PK)' });
    expect(created!.ExpressionAttributeValues).toBeUndefined();
    expect(saved).toMatchObject({
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': 3 },
    });
    expect(stored.every(Boolean)).toBe(true);
  });

  it('keeps a transaction under about 2 MB: large dossiers go fewer at a time', async () => {
    ddb.on(TransactWriteCommand).resolves({});

    // 300 KB each: six fit in 2 MB.
    await writeDossiersTransacted(doc, TABLE, writes(14, 'x'.repeat(300_000)));

    const sizes = ddb.commandCalls(TransactWriteCommand).map((call) => putsOf(call.args[0].input).length);
    expect(sizes).toEqual([6, 6, 2]);
  });

  it('reports exactly the dossiers of a cancelled transaction as not stored, for the one-by-one path', async () => {
    ddb.on(TransactWriteCommand).callsFake((input: unknown) => {
      const puts = putsOf(input);
      if (!puts.some((put) => put.Item.PK === 'T#t#D#DOS-130')) return {};
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: puts.map((put) =>
          put.Item.PK === 'T#t#D#DOS-130' ? { Code: 'ConditionalCheckFailed' } : { Code: 'None' },
        ),
      });
    });

    const stored = await writeDossiersTransacted(doc, TABLE, writes(205));

    expect(stored.slice(0, 100).every(Boolean)).toBe(true);
    expect(stored.slice(100, 200).some(Boolean)).toBe(false);
    expect(stored.slice(200).every(Boolean)).toBe(true);
  });

  it('rethrows an error that is not a cancellation', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));

    await expect(writeDossiersTransacted(doc, TABLE, writes(3))).rejects.toThrow('throttled');
  });
});
