import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { useDynalite } from '../support/dynalite';

/**
 * The embedded store's TransactWriteItems (infra/local/dynalite-transactions.mjs on dynalite's
 * thread; DynamoDB Local has its own): all or nothing, with one cancellation reason per action,
 * serialised with the single-item writes on the same keys. The intake's claims and dossiers
 * rely on exactly this (invoice-claims.ts, dossier-transactions.ts).
 */
const dynamo = useDynalite();
const doc = () => DynamoDBDocumentClient.from(dynamo().client);
const table = () => dynamo().tableName;
const claim = (tenant: string, number: string, dossierId: string) => ({
  Put: {
    TableName: table(),
    Item: { PK: `T#${tenant}#INV#${number}`, SK: 'INVOICE', entity: 'InvoiceClaim', dossierId },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});
const holder = async (tenant: string, number: string) =>
  (
    await doc().send(
      new GetCommand({ TableName: table(), Key: { PK: `T#${tenant}#INV#${number}`, SK: 'INVOICE' } }),
    )
  ).Item?.dossierId;

describe(`TransactWriteItems on the embedded store (${process.env.RECOUVREMENT_STORE ?? 'dynalite'})`, () => {
  it('writes every put when every condition holds', async () => {
    await doc().send(
      new TransactWriteCommand({ TransactItems: ['1', '2', '3'].map((n) => claim('tx-1', n, 'DOS-A')) }),
    );

    expect(await Promise.all(['1', '2', '3'].map((n) => holder('tx-1', n)))).toEqual([
      'DOS-A',
      'DOS-A',
      'DOS-A',
    ]);
  });

  it('reports the capacity DynamoDB bills a transaction: 2 write units a put of up to 1 KB', async () => {
    const out = await doc().send(
      new TransactWriteCommand({
        TransactItems: ['1', '2', '3'].map((n) => claim('tx-8', n, 'DOS-A')),
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(out.ConsumedCapacity?.map((c) => c.CapacityUnits)).toEqual([6]);
  });

  it('writes nothing when one condition fails, and says which one', async () => {
    await doc().send(new PutCommand(claim('tx-2', '2', 'DOS-OTHER').Put));

    const error = await doc()
      .send(
        new TransactWriteCommand({ TransactItems: ['1', '2', '3'].map((n) => claim('tx-2', n, 'DOS-A')) }),
      )
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
      'None',
      'ConditionalCheckFailed',
      'None',
    ]);
    expect(await holder('tx-2', '1')).toBeUndefined();
    expect(await holder('tx-2', '2')).toBe('DOS-OTHER');
    expect(await holder('tx-2', '3')).toBeUndefined();
  });

  it('checks a version condition as a single PutItem does, and keeps the index in step', async () => {
    const dossier = (version: number, day: string) => ({
      PK: 'T#tx-3#D#DOS-A',
      SK: 'DOSSIER',
      GSI3PK: 'T#tx-3#DOSSIERS',
      GSI3SK: 'DOS-A',
      GSI1PK: 'DUE#0',
      GSI1SK: `${day}#tx-3#DOS-A`,
      version,
    });
    await doc().send(new PutCommand({ TableName: table(), Item: dossier(1, '2026-12-01') }));
    const save = (read: number, version: number, day: string) =>
      doc().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table(),
                Item: dossier(version, day),
                ConditionExpression: 'version = :read',
                ExpressionAttributeValues: { ':read': read },
              },
            },
          ],
        }),
      );

    await save(1, 2, '2026-12-03');
    await expect(save(1, 2, '2026-12-09')).rejects.toBeInstanceOf(TransactionCanceledException);

    const due = await doc().send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': 'DUE#0' },
      }),
    );
    expect(due.Items?.filter((item) => item.PK === 'T#tx-3#D#DOS-A').map((item) => item.GSI1SK)).toEqual([
      '2026-12-03#tx-3#DOS-A',
    ]);
  });

  it('lets exactly one of two transactions racing for one number win, wholly', async () => {
    const numbers = Array.from({ length: 100 }, (_, i) => `F-${i}`);
    const race = (dossierId: string, order: string[]) =>
      doc()
        .send(new TransactWriteCommand({ TransactItems: order.map((n) => claim('tx-4', n, dossierId)) }))
        .then(
          () => 'landed',
          (error: unknown) => (error instanceof TransactionCanceledException ? 'cancelled' : error),
        );

    const outcomes = await Promise.all([race('DOS-A', numbers), race('DOS-B', [...numbers].reverse())]);

    expect([...outcomes].sort()).toEqual(['cancelled', 'landed']);
    const winner = outcomes[0] === 'landed' ? 'DOS-A' : 'DOS-B';
    expect(new Set(await Promise.all(numbers.map((n) => holder('tx-4', n))))).toEqual(new Set([winner]));
  });

  it('cancels the puts when a ConditionCheck on another item fails', async () => {
    const check = {
      ConditionCheck: {
        TableName: table(),
        Key: { PK: 'T#tx-7#INV#held', SK: 'INVOICE' },
        ConditionExpression: 'attribute_exists(PK)',
      },
    };

    await expect(
      doc().send(new TransactWriteCommand({ TransactItems: [check, claim('tx-7', '1', 'DOS-A')] })),
    ).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(await holder('tx-7', '1')).toBeUndefined();
  });

  it('refuses two actions on one item, as DynamoDB does', async () => {
    await expect(
      doc().send(
        new TransactWriteCommand({ TransactItems: [claim('tx-5', '1', 'A'), claim('tx-5', '1', 'B')] }),
      ),
    ).rejects.toThrow(/multiple operations on one item/);
    expect(await holder('tx-5', '1')).toBeUndefined();
  });

  it('answers a retry of a landed transaction (same token) with success, writing nothing again', async () => {
    const request = { TransactItems: [claim('tx-6', '1', 'DOS-A')], ClientRequestToken: 'retry-of-tx-6' };
    await doc().send(new TransactWriteCommand(request));

    await expect(doc().send(new TransactWriteCommand(request))).resolves.toBeDefined();
    await expect(
      doc().send(new TransactWriteCommand({ TransactItems: [claim('tx-6', '2', 'DOS-A')] })),
    ).resolves.toBeDefined();
    expect(await holder('tx-6', '1')).toBe('DOS-A');
  });
});
