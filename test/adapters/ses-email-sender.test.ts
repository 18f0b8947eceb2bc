import 'aws-sdk-client-mock-vitest/extend';
import { MessageRejected, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SesEmailSender } from '../../shared/adapters/aws/ses-email-sender';
import { anEmail } from '../support/messages';

const client = new SESv2Client({ region: 'eu-west-3' });
const ses = mockClient(client);

afterEach(() => {
  ses.reset();
});

describe('SesEmailSender', () => {
  it('sends one SES v2 SendEmail with simple UTF-8 content, the configuration set and id-only tags', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0001' });
    const sender = new SesEmailSender({ client, configurationSetName: 'recouvrement-events' });
    const message = anEmail();

    // Act
    const reference = await sender.send(message);

    // Assess
    expect(reference).toBe('ses-0001');
    expect(ses).toReceiveCommandTimes(SendEmailCommand, 1);
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).toEqual({
      FromEmailAddress: 'Atelier Martin <recouvrement@martin.example>',
      Destination: { ToAddresses: ['compta@dupont.example'] },
      ReplyToAddresses: ['contentieux@martin.example'],
      Content: {
        Simple: {
          Subject: { Data: 'Rappel — 1\u202f200,00\u00a0€ restent dus', Charset: 'UTF-8' },
          Body: {
            Text: { Data: message.text, Charset: 'UTF-8' },
            Html: { Data: message.html, Charset: 'UTF-8' },
          },
          Headers: [
            { Name: 'X-Recouvrement-Key', Value: 'tenant-a#DOS-CLI-001#2026-11-23#reminder-1#email' },
          ],
        },
      },
      ConfigurationSetName: 'recouvrement-events',
      EmailTags: [
        { Name: 'tenant', Value: 'tenant-a' },
        { Name: 'dossier', Value: 'DOS-CLI-001' },
        { Name: 'level', Value: 'reminder-1' },
      ],
    });
  });

  it('leaves out the configuration set and Reply-To when there are none', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0002' });

    await new SesEmailSender({ client }).send(anEmail({ replyTo: undefined }));

    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.ConfigurationSetName).toBeUndefined();
    expect(input?.ReplyToAddresses).toBeUndefined();
  });

  it('keeps tag values to the characters SES accepts', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0003' });

    await new SesEmailSender({ client }).send(
      anEmail({ tenantId: 'tenant a/é', dossierId: 'DOS#1', level: '' }),
    );

    expect(ses).toReceiveCommandWith(SendEmailCommand, {
      EmailTags: [
        { Name: 'tenant', Value: 'tenant_a__' },
        { Name: 'dossier', Value: 'DOS_1' },
        { Name: 'level', Value: '_' },
      ],
    });
  });

  it('fails when SES returns no message id, naming the dossier and not the address', async () => {
    ses.on(SendEmailCommand).resolves({});

    const error = await new SesEmailSender({ client }).send(anEmail()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('DOS-CLI-001');
    expect((error as Error).message).not.toContain('dupont.example');
  });

  it('lets an SES rejection through to the caller (the step retries or fails)', async () => {
    ses
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified', $metadata: {} }));

    await expect(new SesEmailSender({ client }).send(anEmail())).rejects.toBeInstanceOf(MessageRejected);
  });
});
