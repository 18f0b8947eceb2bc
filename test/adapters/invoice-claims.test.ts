import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';

const TABLE = 'recouvrement';
const ddb = mockClient(DynamoDBDocumentClient);
const client = new DynamoDBClient({ region: 'eu-west-3' });
const withTransactions = new DynamoDossierRepository(client, TABLE, 4, { transactions: true });
const withoutTransactions = new DynamoDossierRepository(client, TABLE, 4);

/** `count` numbers F-0… for DOS-A. */
const requests = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ invoiceNumber: `F-${i}`, dossierId: 'DOS-A' }));

type TransactInput = {
  TransactItems: { Put: { Item: Record<string, unknown>; ConditionExpression: string } }[];
};
const putsOf = (input: TransactInput) => input.TransactItems.map((item) => item.Put);
const numberOf = (item: Record<string, unknown>) => String(item.PK).split('#INV#')[1];

afterEach(() => ddb.reset());

describe('claimInvoiceNumbers with transactions (AWS, DynamoDB Local)', () => {
  it('claims 100 numbers a TransactWriteItems, each put conditional on the number being free', async () => {
    // Prepare
    ddb.on(TransactWriteCommand).resolves({});

    // Act
    const holders = await withTransactions.claimInvoiceNumbers('t1', requests(250));

    // Assess
    const calls = ddb
      .commandCalls(TransactWriteCommand)
      .map((call) => putsOf(call.args[0].input as TransactInput));
    expect(calls.map((puts) => puts.length)).toEqual([100, 100, 50]);
    const puts = calls.flat();
    expect(new Set(puts.map((put) => put.ConditionExpression))).toEqual(
      new Set(['attribute_not_exists(PK)']),
    );
    expect(puts[7]!.Item).toMatchObject({ PK: 'T#t1#INV#F-7', entity: 'InvoiceClaim', dossierId: 'DOS-A' });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    expect(holders.size).toBe(250);
    expect(holders.get('F-249')).toBe('DOS-A');
  });

  it('takes the one-by-one path for exactly the cancelled chunk: a number held by another debtor says so', async () => {
    // Prepare: the second chunk's F-150 was claimed by DOS-B meanwhile; DynamoDB cancels that chunk.
    ddb.on(TransactWriteCommand).callsFake((input: TransactInput) => {
      const numbers = putsOf(input).map((put) => numberOf(put.Item));
      if (!numbers.includes('F-150')) return {};
      throw new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
        $metadata: {},
        CancellationReasons: numbers.map((number) =>
          number === 'F-150' ? { Code: 'ConditionalCheckFailed' } : { Code: 'None' },
        ),
      });
    });
    ddb.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
      if (numberOf(input.Item) === 'F-150')
        throw new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          $metadata: {},
        });
      return {};
    });
    ddb.on(GetCommand).resolves({ Item: { PK: 'T#t1#INV#F-150', dossierId: 'DOS-B' } });

    // Act
    const holders = await withTransactions.claimInvoiceNumbers('t1', requests(250));

    // Assess: the chunk F-100…F-199 went one by one, and only it.
    const oneByOne = ddb.commandCalls(PutCommand).map((call) => numberOf(call.args[0].input.Item!));
    expect(oneByOne.sort()).toEqual(
      requests(250)
        .slice(100, 200)
        .map((r) => r.invoiceNumber)
        .sort(),
    );
    for (const call of ddb.commandCalls(PutCommand))
      expect(call.args[0].input.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(holders.get('F-150')).toBe('DOS-B');
    expect(holders.get('F-151')).toBe('DOS-A');
    expect(holders.get('F-0')).toBe('DOS-A');
    expect(holders.size).toBe(250);
  });

  it('rethrows an error that is not a cancellation, claiming nothing one by one', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(Object.assign(new Error('Item size exceeded'), { name: 'ValidationException' }));

    await expect(withTransactions.claimInvoiceNumbers('t1', requests(3))).rejects.toThrow(
      'Item size exceeded',
    );
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe('claimInvoiceNumbers without transactions (dynalite)', () => {
  it('reads the claims first, then claims each free number by its own conditional put, never by a transaction', async () => {
    // Prepare: F-3 is held by DOS-B already.
    ddb
      .on(BatchGetCommand)
      .resolves({ Responses: { [TABLE]: [{ PK: 'T#t1#INV#F-3', dossierId: 'DOS-B' }] } });
    ddb.on(PutCommand).resolves({});

    // Act
    const holders = await withoutTransactions.claimInvoiceNumbers('t1', requests(30));

    // Assess
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    const puts = ddb.commandCalls(PutCommand).map((call) => numberOf(call.args[0].input.Item!));
    expect(puts).toHaveLength(29);
    expect(puts).not.toContain('F-3');
    expect(holders.get('F-3')).toBe('DOS-B');
    expect(holders.get('F-4')).toBe('DOS-A');
    expect(holders.size).toBe(30);
  });
});
