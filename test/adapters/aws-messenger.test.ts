import 'aws-sdk-client-mock-vitest/extend';
import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsMessenger } from '../../shared/adapters/aws/aws-messenger';
import { S3BlobStore } from '../../shared/adapters/aws/s3-blob-store';
import { SesEmailSender } from '../../shared/adapters/aws/ses-email-sender';
import { SnsSmsSender } from '../../shared/adapters/aws/sns-sms-sender';
import { DynamoSentMessages } from '../../shared/adapters/dynamodb/sent-messages';
import { buildEml } from '../../shared/adapters/message-files';
import { aCall, aLetter, anEmail, anSms } from '../support/messages';

const s3Client = new S3Client({ region: 'eu-west-3' });
const sesClient = new SESv2Client({ region: 'eu-west-3' });
const snsClient = new SNSClient({ region: 'eu-west-3' });
const s3 = mockClient(s3Client);
const ses = mockClient(sesClient);
const sns = mockClient(snsClient);
// The evidence of accepted sends (sent-messages.ts); its own cases are in aws-sent-evidence.test.ts.
const ddb = mockClient(DynamoDBDocumentClient);
let order: string[];

function messenger(): AwsMessenger {
  return new AwsMessenger({
    email: new SesEmailSender({ client: sesClient }),
    sms: new SnsSmsSender({ client: snsClient, senderId: 'MARTINRECO' }),
    blobs: new S3BlobStore(s3Client),
    documentsBucket: 'documents-bucket',
    sent: new DynamoSentMessages(new DynamoDBClient({ region: 'eu-west-3' }), 'table'),
  });
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

beforeEach(() => {
  order = [];
  s3.on(PutObjectCommand).callsFake(() => {
    order.push('s3');
    return {};
  });
  ses.on(SendEmailCommand).callsFake(() => {
    order.push('ses');
    return { MessageId: 'ses-0001' };
  });
  sns.on(PublishCommand).resolves({ MessageId: 'sns-0001' });
  ddb.on(GetCommand).resolves({});
  ddb.on(PutCommand).resolves({});
});

afterEach(() => {
  s3.reset();
  ses.reset();
  sns.reset();
  ddb.reset();
});

describe('AwsMessenger', () => {
  it('stores the .eml evidence under the dossier, then sends through SES', async () => {
    // Prepare
    const message = anEmail();
    const eml = buildEml(message);

    // Act
    const receipt = await messenger().sendEmail(message);

    // Assess
    const key = 'tenant-a/DOS-CLI-001/email/tenant-a_DOS-CLI-001_2026-11-23_reminder-1_email.eml';
    expect(order).toEqual(['s3', 'ses']);
    expect(s3).toReceiveCommandWith(PutObjectCommand, {
      Bucket: 'documents-bucket',
      Key: key,
      ContentType: 'message/rfc822',
    });
    const body = s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body as Uint8Array;
    expect(Buffer.from(body).toString('utf8')).toBe(eml);
    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      Destination: { ToAddresses: ['compta@dupont.example'] },
    });
    expect(receipt).toEqual({
      channel: 'email',
      reference: 'ses-0001',
      document: { key, sha256: sha256(eml) },
    });
  });

  it('keeps the evidence and reports the error when SES refuses the message', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'rejected', $metadata: {} }));

    await expect(messenger().sendEmail(anEmail())).rejects.toBeInstanceOf(MessageRejected);
    expect(s3).toReceiveCommandTimes(PutObjectCommand, 1);
  });

  it('does not send an e-mail whose evidence could not be stored', async () => {
    s3.on(PutObjectCommand).rejects(new Error('AccessDenied'));

    await expect(messenger().sendEmail(anEmail())).rejects.toThrow('AccessDenied');
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });

  it('sends an SMS through SNS and stores nothing', async () => {
    const receipt = await messenger().sendSms(anSms());

    expect(receipt).toEqual({ channel: 'sms', reference: 'sns-0001' });
    expect(sns).toReceiveCommandWith(PublishCommand, { PhoneNumber: '+33612345678' });
    expect(s3).not.toReceiveCommand(PutObjectCommand);
  });

  it('stores a letter PDF and, without a postal provider, refers to its key', async () => {
    const letter = aLetter();

    const receipt = await messenger().sendLetter(letter);

    const key = 'tenant-a/DOS-CLI-001/letters/tenant-a_DOS-CLI-001_2026-11-23_formal-notice_letter.pdf';
    expect(s3).toReceiveCommandExactlyOnceWith(PutObjectCommand, {
      Bucket: 'documents-bucket',
      Key: key,
      Body: letter.pdf,
      ContentType: 'application/pdf',
    });
    expect(receipt).toEqual({
      channel: 'letter',
      reference: key,
      document: { key, sha256: sha256(letter.pdf) },
    });
  });

  it('announces a call without calling any service', async () => {
    const receipt = await messenger().announceCall(aCall());

    expect(receipt).toEqual({ channel: 'call', reference: 'call:tenant-a#DOS-CLI-001#2026-11-23#call#call' });
    expect(s3).not.toReceiveCommand(PutObjectCommand);
    expect(sns).not.toReceiveCommand(PublishCommand);
    expect(ses).not.toReceiveCommand(SendEmailCommand);
  });
});
