import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { batchGet, batchPut } from '../../shared/adapters/dynamodb/batch-requests';

const TABLE = 'recouvrement';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-3' }));
const ddb = mockClient(DynamoDBDocumentClient);

const keyOf = (i: number) => ({ PK: `T#t#D#DOS-${i}`, SK: 'DOSSIER' });

beforeEach(() => ddb.reset());

describe('batchGet', () => {
  it('asks 100 keys a request, consistently, and asks again for what DynamoDB left unprocessed', async () => {
    // Prepare: the first answer leaves two keys unprocessed.
    const keys = Array.from({ length: 150 }, (_, i) => keyOf(i));
    let calls = 0;
    ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: object[] }> }) => {
      calls++;
      const asked = input.RequestItems[TABLE]!.Keys;
      const left = calls === 1 ? asked.slice(0, 2) : [];
      const served = asked.slice(left.length).map((key) => ({ ...key, dossierId: 'x' }));
      return {
        Responses: { [TABLE]: served },
        UnprocessedKeys: left.length ? { [TABLE]: { Keys: left } } : {},
      };
    });

    // Act
    const items = await batchGet(doc, TABLE, keys);

    // Assess
    expect(items).toHaveLength(150);
    const requests = ddb
      .commandCalls(BatchGetCommand)
      .map((call) => call.args[0].input.RequestItems![TABLE]!);
    expect(requests.map((request) => request.Keys!.length)).toEqual([100, 2, 50]);
    expect(requests.every((request) => request.ConsistentRead === true)).toBe(true);
  });
});

describe('batchPut', () => {
  it('writes 25 items a request and resends the unprocessed ones', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ ...keyOf(i), entity: 'TimelineEvent' }));
    let calls = 0;
    ddb.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, object[]> }) => {
      calls++;
      const sent = input.RequestItems[TABLE]!;
      return calls === 1 ? { UnprocessedItems: { [TABLE]: sent.slice(0, 3) } } : {};
    });

    await batchPut(doc, TABLE, items);

    const sizes = ddb
      .commandCalls(BatchWriteCommand)
      .map((call) => call.args[0].input.RequestItems![TABLE]!.length);
    // The two requests go at once; the three unprocessed items are sent again.
    expect(sizes.sort((a, b) => a - b)).toEqual([3, 5, 25]);
  });

  it('gives up with an error after eight rounds of unprocessed items, never silently', async () => {
    ddb.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, object[]> }) => ({
      UnprocessedItems: { [TABLE]: input.RequestItems[TABLE]! },
    }));

    await expect(batchPut(doc, TABLE, [keyOf(1)])).rejects.toThrow('BatchWriteItem left 1 items unprocessed');
    expect(ddb.commandCalls(BatchWriteCommand)).toHaveLength(8);
  });
});
