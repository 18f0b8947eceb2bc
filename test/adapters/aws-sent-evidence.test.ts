import 'aws-sdk-client-mock-vitest/extend';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsMessenger } from '../../shared/adapters/aws/aws-messenger';
import { S3BlobStore } from '../../shared/adapters/aws/s3-blob-store';
import { SesEmailSender } from '../../shared/adapters/aws/ses-email-sender';
import { SnsSmsSender } from '../../shared/adapters/aws/sns-sms-sender';
import { DynamoSentMessages } from '../../shared/adapters/dynamodb/sent-messages';
import { anEmail, anSms } from '../support/messages';

/**
 * SES v2 SendEmail has no client token and SNS Publish to a phone number no deduplication id:
 * the messenger records each accepted send (MSG#SENT#<key>) and a second send of the key — a
 * step retried after a crash before its 'done' mark — finds it and sends nothing.
 */
const s3Client = new S3Client({ region: 'eu-west-3' });
const sesClient = new SESv2Client({ region: 'eu-west-3' });
const snsClient = new SNSClient({ region: 'eu-west-3' });
const s3 = mockClient(s3Client);
const ses = mockClient(sesClient);
const sns = mockClient(snsClient);
const ddb = mockClient(DynamoDBDocumentClient);
/** The table as GetItem and PutItem see it, by primary key. */
let table: Map<string, Record<string, unknown>>;
let order: string[];
/** Puts to refuse next, as a throttled table would. */
let putFailures: number;

const keyOf = (key: Record<string, unknown>) => `${key.PK}|${key.SK}`;

function messenger(): AwsMessenger {
  return new AwsMessenger({
    email: new SesEmailSender({ client: sesClient }),
    sms: new SnsSmsSender({ client: snsClient }),
    blobs: new S3BlobStore(s3Client),
    documentsBucket: 'documents-bucket',
    sent: new DynamoSentMessages(new DynamoDBClient({ region: 'eu-west-3' }), 'recouvrement'),
  });
}

beforeEach(() => {
  table = new Map();
  order = [];
  putFailures = 0;
  s3.on(PutObjectCommand).resolves({});
  ses.on(SendEmailCommand).callsFake(() => {
    order.push('ses');
    return { MessageId: `ses-${order.length}` };
  });
  sns.on(PublishCommand).callsFake(() => {
    order.push('sns');
    return { MessageId: `sns-${order.length}` };
  });
  ddb.on(GetCommand).callsFake((input: { Key: Record<string, unknown> }) => {
    order.push('get');
    const item = table.get(keyOf(input.Key));
    return item ? { Item: item } : {};
  });
  // The hold's condition as DynamoDB applies it: absent, or a `sending` lease run out.
  ddb
    .on(PutCommand)
    .callsFake(
      (input: {
        Item: Record<string, unknown>;
        ConditionExpression?: string;
        ExpressionAttributeValues?: Record<string, unknown>;
      }) => {
        order.push(`put ${input.Item.status}`);
        if (putFailures > 0) {
          putFailures--;
          throw new Error('ProvisionedThroughputExceededException');
        }
        const existing = table.get(keyOf(input.Item));
        const lapsed =
          existing?.status === 'sending' &&
          (existing.leaseUntil as number) < (input.ExpressionAttributeValues?.[':now'] as number);
        if (input.ConditionExpression && existing && !lapsed) {
          const error = new Error('conditional check failed');
          error.name = 'ConditionalCheckFailedException';
          throw error;
        }
        table.set(keyOf(input.Item), input.Item);
        return {};
      },
    );
  ddb.on(DeleteCommand).callsFake((input: { Key: Record<string, unknown> }) => {
    order.push('delete');
    table.delete(keyOf(input.Key));
    return {};
  });
});

afterEach(() => {
  s3.reset();
  ses.reset();
  sns.reset();
  ddb.reset();
});

describe('AwsMessenger: the evidence of an accepted send', () => {
  it('records the e-mail SES accepted, keyed by its idempotency key, right after the answer', async () => {
    // Act
    const receipt = await messenger().sendEmail(anEmail());

    // Assess
    // Hold the key (conditional put), send, record: the evidence follows the answer; no read
    // while the hold succeeds (nothing can have been sent under that key).
    expect(order).toEqual(['put sending', 'ses', 'put sent']);
    expect(ddb).toReceiveCommandWith(PutCommand, {
      ConditionExpression: 'attribute_not_exists(PK) OR (#status = :sending AND #lease < :now)',
    });
    const item = ddb.commandCalls(PutCommand)[1]?.args[0].input.Item;
    expect(item).toMatchObject({
      status: 'sent',
      PK: 'MSG#SENT#tenant-a#DOS-CLI-001#2026-11-23#reminder-1#email',
      SK: 'SENT',
      channel: 'email',
      reference: receipt.reference,
      document: receipt.document,
    });
    // Ids only: the evidence item holds no address.
    expect(JSON.stringify(item)).not.toContain('@');
  });

  it('a send retried after its step crashed before the done mark: one SendEmail, the first receipt', async () => {
    // Prepare: the first attempt sent; its Lambda died before marking the claim 'done'.
    const first = await messenger().sendEmail(anEmail());

    // Act: the retry, from a fresh container.
    const again = await messenger().sendEmail(anEmail());

    // Assess: its hold is refused, the evidence read (strongly consistent), nothing sent.
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
    expect(again).toEqual(first);
    expect(ddb).toReceiveCommandWith(GetCommand, {
      TableName: 'recouvrement',
      Key: { PK: 'MSG#SENT#tenant-a#DOS-CLI-001#2026-11-23#reminder-1#email', SK: 'SENT' },
      ConsistentRead: true,
    });
  });

  it('the same for an SMS: one Publish, the first message id', async () => {
    const first = await messenger().sendSms(anSms());
    const again = await messenger().sendSms(anSms());

    expect(sns).toReceiveCommandTimes(PublishCommand, 1);
    expect(again).toEqual({ channel: 'sms', reference: first.reference });
    expect(JSON.stringify([...table.values()])).not.toContain('+336');
  });

  it('records nothing when SES refuses, so the retry sends', async () => {
    ses.on(SendEmailCommand).rejectsOnce(new MessageRejected({ message: 'throttled', $metadata: {} }));

    await expect(messenger().sendEmail(anEmail())).rejects.toBeInstanceOf(MessageRejected);
    // The key held for the send is let go; nothing says 'sent'.
    expect(order).toEqual(['put sending', 'delete']);
    expect(table.size).toBe(0);
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-retry' });
    const retried = await messenger().sendEmail(anEmail());

    expect(retried.reference).toBe('ses-retry');
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 2);
  });

  it('a second send of the key while the first is under way waits for its answer and sends nothing', async () => {
    // Prepare: SES answers the first send only once the second has started.
    const answers: ((value: { MessageId: string }) => void)[] = [];
    ses.on(SendEmailCommand).callsFake(() => new Promise((resolve) => answers.push(resolve)));
    ddb.on(PutCommand).callsFake((input: { Item: Record<string, unknown>; ConditionExpression?: string }) => {
      const key = keyOf(input.Item);
      if (input.ConditionExpression && table.get(key)) {
        const error = new Error('conditional check failed');
        error.name = 'ConditionalCheckFailedException';
        throw error;
      }
      table.set(key, input.Item);
      return {};
    });

    // Act: two executions of the same step at once (a StartExecution retried after a time-out).
    const first = messenger().sendEmail(anEmail());
    const second = messenger().sendEmail(anEmail());
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    for (const answer of answers) answer({ MessageId: 'ses-once' });

    // Assess
    expect(await first).toMatchObject({ reference: 'ses-once' });
    expect(await second).toMatchObject({ reference: 'ses-once' });
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
  });

  it('fails the send, rather than sending blind, when the key cannot be held or the evidence read', async () => {
    putFailures = 1;
    await expect(messenger().sendEmail(anEmail())).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(ses).not.toReceiveCommand(SendEmailCommand);

    // A key held already (a send under way or done) whose evidence cannot be read.
    table.set(keyOf({ PK: 'MSG#SENT#tenant-a#DOS-CLI-001#2026-11-23#reminder-1#email', SK: 'SENT' }), {
      status: 'sending',
      leaseUntil: Date.now() + 60_000,
    });
    ddb.on(GetCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(messenger().sendEmail(anEmail())).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });
});
