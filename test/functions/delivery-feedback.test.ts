import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeedbackEvent } from '../../functions/delivery-feedback/parse-feedback';
import { FEEDBACK_FILE } from '../../infra/local/delivery-simulator';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import type { OutboxIndexLine } from '../../shared/adapters/local/outbox-messenger';
import { RecordingLogger } from '../support/recording-ports';

/** An SES Bounce event (configuration-set event destination), shaped as in the SES developer guide. */
const SES_BOUNCE = {
  eventType: 'Bounce',
  bounce: {
    feedbackId: '0102017a9f4f5a9e-7c1b2b1c-aaaa-bbbb-cccc-0123456789ab-000000',
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [
      {
        emailAddress: 'compta@dupont.example',
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 user unknown',
      },
    ],
    timestamp: '2026-03-04T07:00:41.000Z',
    reportingMTA: 'dns; a8-70.smtp-out.amazonses.com',
  },
  mail: {
    timestamp: '2026-03-04T07:00:40.000Z',
    source: 'relances@recouvrement.example',
    sourceArn: 'arn:aws:ses:eu-west-3:123456789012:identity/recouvrement.example',
    sendingAccountId: '123456789012',
    messageId: '0102017a9f4f4c1e-3f2b-4f8f-9d35-000000000000-000000',
    destination: ['compta@dupont.example'],
    headersTruncated: false,
    headers: [
      { name: 'From', value: 'relances@recouvrement.example' },
      { name: 'To', value: 'compta@dupont.example' },
      { name: 'X-Recouvrement-Key', value: 'tenant-a#DOS-CLI-001#2026-03-04#ACT#reminder-1#email' },
    ],
    commonHeaders: {
      from: ['relances@recouvrement.example'],
      to: ['compta@dupont.example'],
      subject: 'Relance',
    },
    tags: {
      'ses:configuration-set': ['RecouvrementEmails'],
      'ses:source-ip': ['192.0.2.0'],
      tenant: ['tenant-a'],
      dossier: ['DOS-CLI-001'],
      level: ['reminder-1'],
    },
  },
};

const SES_COMPLAINT = {
  eventType: 'Complaint',
  complaint: {
    feedbackId: '0102017a9f4f5a9e-complaint-000000',
    complaintSubType: null,
    complainedRecipients: [{ emailAddress: 'compta@dupont.example' }],
    timestamp: '2026-03-05T10:00:00.000Z',
    userAgent: 'Yahoo!-Mail-Feedback/2.0',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2026-03-05T09:59:00.000Z',
  },
  mail: { ...SES_BOUNCE.mail, headers: [] },
};

function snsEvent(message: unknown) {
  return {
    Records: [
      {
        EventSource: 'aws:sns' as const,
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:eu-west-3:123456789012:feedback:sub',
        Sns: {
          Type: 'Notification',
          MessageId: 'sns-1',
          TopicArn: 'arn:aws:sns:eu-west-3:123456789012:feedback',
          Message: JSON.stringify(message),
          Timestamp: '2026-03-04T07:00:42.000Z',
        },
      },
    ],
  };
}

describe('delivery-feedback: parsing the providers notifications', () => {
  it('reads a permanent SES bounce: ids from the key header, no address kept', () => {
    const [parsed] = parseFeedbackEvent(snsEvent(SES_BOUNCE), '2026-03-04T08:00:00.000Z');
    expect(parsed).toEqual({
      failure: {
        kind: 'bounce',
        feedbackId: SES_BOUNCE.bounce.feedbackId,
        messageId: SES_BOUNCE.mail.messageId,
        occurredAt: '2026-03-04T07:00:41.000Z',
        detail: 'Permanent/General',
        tenantId: 'tenant-a',
        dossierId: 'DOS-CLI-001',
        level: 'reminder-1',
        actionEventId: '2026-03-04#ACT#reminder-1#email',
      },
    });
    expect(JSON.stringify(parsed)).not.toContain('@');
  });

  it('falls back on the SES tags when the headers are missing, and reads a complaint', () => {
    const [parsed] = parseFeedbackEvent(snsEvent(SES_COMPLAINT), '2026-03-05T10:01:00.000Z');
    expect(parsed).toEqual({
      failure: expect.objectContaining({
        kind: 'complaint',
        tenantId: 'tenant-a',
        dossierId: 'DOS-CLI-001',
        level: 'reminder-1',
        detail: 'abuse',
      }),
    });
  });

  it('ignores transient bounces and other SES events', () => {
    const transient = { ...SES_BOUNCE, bounce: { ...SES_BOUNCE.bounce, bounceType: 'Transient' } };
    expect(parseFeedbackEvent(snsEvent(transient), '2026-03-04T08:00:00.000Z')).toEqual([
      { ignored: 'Transient bounce' },
    ]);
    const delivery = { eventType: 'Delivery', mail: SES_BOUNCE.mail, delivery: {} };
    expect(parseFeedbackEvent(snsEvent(delivery), '2026-03-04T08:00:00.000Z')).toEqual([
      { ignored: 'SES Delivery event' },
    ]);
  });

  it('reads the SNS SMS delivery status log lines of a CloudWatch Logs subscription', () => {
    const line = (status: string, messageId: string) => ({
      id: messageId,
      timestamp: 1772607600000,
      message: JSON.stringify({
        notification: { messageId, timestamp: '2026-03-04 07:00:03.123' },
        delivery: { destination: '+33639980012', smsType: 'Transactional', providerResponse: 'Unreachable' },
        status,
      }),
    });
    const data = gzipSync(
      JSON.stringify({
        messageType: 'DATA_MESSAGE',
        logGroup: 'sns/eu-west-3/123456789012/DirectPublishToPhoneNumber/Failure',
        logEvents: [line('FAILURE', 'sms-1'), line('SUCCESS', 'sms-2')],
      }),
    ).toString('base64');
    const parsed = parseFeedbackEvent({ awslogs: { data } }, '2026-03-04T08:00:00.000Z');
    expect(parsed).toEqual([
      {
        failure: {
          kind: 'sms-failure',
          feedbackId: 'sms-1',
          messageId: 'sms-1',
          occurredAt: '2026-03-04T07:00:03.123Z',
        },
      },
      { ignored: 'SMS SUCCESS' },
    ]);
    expect(JSON.stringify(parsed)).not.toContain('+33');
  });
});

describe('delivery-feedback: embedded, a bounced e-mail is followed by a letter for the same level', () => {
  let outDir: string;
  let stack: EmbeddedStack;
  const logger = new RecordingLogger();

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'recouvrement-feedback-'));
    stack = await startEmbeddedStack({ outDir, logger, shardCount: 2 });
    const tenant = JSON.stringify({
      creditorType: 'professional',
      name: 'SAS Distribution Exemple',
      address: { line1: '10 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
      email: 'credit.management@distribution.example',
      mode: 'creditor',
      // Readable ids (DOS-B1): the outbox is read by dossier id below.
      dossierIds: 'ref',
    });
    await stack.putIntakeObject('acme/tenant.json', tenant, '2026-02-23T08:00:00.000Z');
    const csv = [
      'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;amount;issue_date;due_date',
      'F-1;B1;professional;SARL Rivage;compta@bounce.example;;7 quai de la Fosse;44000;Nantes;2350.00;2026-02-01;2026-03-03',
    ].join('\n');
    await stack.putIntakeObject('acme/invoices.csv', csv, '2026-02-23T08:00:00.000Z');
  });
  afterAll(async () => {
    await stack?.stop();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('delivers the bounce to the delivery-feedback function and sends the letter at the next step, once', async () => {
    // Courtesy e-mail 02-28, bounce, letter 03-02 (after the 2-day spacing), then reminder 1 by
    // letter (its only channel failed). Every day runs twice, so a replayed sweep is exercised too.
    const days = [
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
    ];
    for (const day of days) {
      await stack.runOverdueSweep(`${day}T05:00:00.000Z`);
      await stack.runOverdueSweep(`${day}T05:00:00.000Z`);
    }
    const outbox = (await readFile(join(outDir, 'outbox.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as OutboxIndexLine)
      .filter((line) => line.dossierId === 'DOS-B1');
    expect(outbox.map((line) => `${line.at.slice(0, 10)} ${line.level} ${line.channel}`)).toEqual([
      '2026-02-28 courtesy email',
      '2026-03-02 courtesy letter',
      // Reminder 1 (due 03-04) waits for the weekly limit: 2 contacts in 7 days at most.
      '2026-03-07 reminder-1 letter',
    ]);
    const feedback = (await readFile(join(outDir, FEEDBACK_FILE), 'utf8')).trim().split('\n');
    expect(feedback).toHaveLength(1);
    expect(JSON.parse(feedback[0]!)).toMatchObject({
      kind: 'bounce',
      dossierId: 'DOS-B1',
      level: 'courtesy',
    });
    const timeline = await stack.repository.listTimeline('acme', 'DOS-B1');
    expect(timeline.filter((event) => event.type === 'delivery-failed')).toHaveLength(1);
    const dossier = await stack.repository.getDossier('acme', 'DOS-B1');
    expect(dossier?.debtor.failingChannels).toEqual(['email']);
    expect(JSON.stringify(logger.entries)).not.toContain('bounce.example');
  });
});
