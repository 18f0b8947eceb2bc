import 'aws-sdk-client-mock-vitest/extend';
import { InvalidParameterException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SnsSmsSender } from '../../shared/adapters/aws/sns-sms-sender';
import { anSms } from '../support/messages';

const client = new SNSClient({ region: 'eu-west-3' });
const sns = mockClient(client);

afterEach(() => {
  sns.reset();
});

describe('SnsSmsSender', () => {
  it('publishes to the phone number, transactional, with the sender id', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'sns-0001' });
    const sender = new SnsSmsSender({ client, senderId: 'MARTINRECO' });

    // Act
    const reference = await sender.send(anSms());

    // Assess
    expect(reference).toBe('sns-0001');
    expect(sns).toReceiveCommandTimes(PublishCommand, 1);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      PhoneNumber: '+33612345678',
      Message: 'Atelier Martin : 1 200,00 EUR restent impayes (ref DOS-CLI-001).',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'MARTINRECO' },
      },
    });
  });

  it('sends no sender id attribute when none is configured', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-0002' });

    await new SnsSmsSender({ client }).send(anSms());

    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toEqual({
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    });
  });

  it.each(['AB', 'ABCDEFGHIJKL', '12345', 'MARTIN RECO', 'MARTIN-RECO', 'ÉTUDE'])(
    'refuses the sender id %j at construction',
    (senderId) => {
      expect(() => new SnsSmsSender({ client, senderId })).toThrow(/sender id/);
    },
  );

  it.each(['ABC', 'ACMERECOUV1', 'A1234'])('accepts the sender id %j', (senderId) => {
    expect(() => new SnsSmsSender({ client, senderId })).not.toThrow();
  });

  it('fails when SNS returns no message id, naming the dossier and not the number', async () => {
    sns.on(PublishCommand).resolves({});

    const error = await new SnsSmsSender({ client }).send(anSms()).catch((e: unknown) => e);

    expect((error as Error).message).toContain('DOS-CLI-001');
    expect((error as Error).message).not.toContain('612345678');
  });

  it('lets an SNS error through', async () => {
    sns
      .on(PublishCommand)
      .rejects(new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', $metadata: {} }));

    await expect(new SnsSmsSender({ client }).send(anSms())).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
  });
});
