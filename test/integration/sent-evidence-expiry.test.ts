import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoSentMessages, SENT_EVIDENCE_DAYS } from '../../shared/adapters/dynamodb/sent-messages';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { useDynalite } from '../support/dynalite';

/**
 * The evidence of accepted sends (`MSG#SENT#<key>`) is a clean-up candidate once no claim can be
 * retried: it carries the table's TTL attribute, 400 days of the real clock ahead, on its hold
 * and on its `sent` record, in epoch seconds as DynamoDB's TTL reads it.
 */
const dynamo = useDynalite();

async function storedExpiry(key: string): Promise<number> {
  const { client, tableName } = dynamo();
  const out = await client.send(
    new GetItemCommand({ TableName: tableName, Key: { PK: { S: `MSG#SENT#${key}` }, SK: { S: 'SENT' } } }),
  );
  return Number(out.Item?.[TABLE_SCHEMA.timeToLiveAttribute]?.N);
}

describe('the evidence of a send expires', () => {
  it('400 days ahead, when held and when recorded sent', async () => {
    const log = new DynamoSentMessages(dynamo().client, dynamo().tableName);
    const base = { tenantId: 't', dossierId: 'd', channel: 'email' as const, at: '2026-11-30T09:00:00.000Z' };
    const before = Math.floor(Date.now() / 1000);
    await log.hold(
      { ...base, idempotencyKey: 't#d#held', status: 'sending', leaseUntil: Date.now() + 60_000 },
      Date.now(),
    );
    await log.record({ ...base, idempotencyKey: 't#d#sent', status: 'sent', reference: 'ses-1' });
    const after = Math.ceil(Date.now() / 1000);
    for (const key of ['t#d#held', 't#d#sent']) {
      const expiry = await storedExpiry(key);
      expect(expiry).toBeGreaterThanOrEqual(before + SENT_EVIDENCE_DAYS * 86_400);
      expect(expiry).toBeLessThanOrEqual(after + SENT_EVIDENCE_DAYS * 86_400);
    }
    // What the log reads back is still the evidence (the receipt's fields), whatever its expiry.
    expect(await log.find('t#d#sent')).toMatchObject({ status: 'sent', reference: 'ses-1' });
  });
});
