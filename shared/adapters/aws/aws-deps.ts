import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PipelineDeps } from '../../use-cases/escalation/deps';
import type { Logger } from '../../use-cases/ports';
import { type LambdaConfig, required } from '../config';
import { DynamoDossierRepository } from '../dynamodb/dossier-repository';
import { PdfLetterRenderer } from '../pdf/pdf-letter-renderer';
import { AwsMessenger } from './aws-messenger';
import { S3BlobStore } from './s3-blob-store';
import { SesEmailSender } from './ses-email-sender';
import { SfnEscalationLauncher } from './sfn-escalation-launcher';
import { SnsSmsSender } from './sns-sms-sender';

/**
 * The AWS side of every port, built once per Lambda container from its environment.
 * Each getter builds its client on first use, so a function only pays (cold start, IAM)
 * for the services it actually calls, and a missing variable fails with its name.
 */
export function awsPipelineDeps(config: LambdaConfig, logger: Logger): PipelineDeps {
  const cache = new Map<string, unknown>();
  const once = <T>(name: string, build: () => T): T => {
    if (!cache.has(name)) cache.set(name, build());
    return cache.get(name) as T;
  };
  const repository = () =>
    once(
      'repository',
      () => new DynamoDossierRepository(new DynamoDBClient({}), config.TABLE_NAME, config.SHARD_COUNT),
    );
  const blobs = () => once('blobs', () => new S3BlobStore());
  return {
    get repository() {
      return repository();
    },
    get tenants() {
      return repository();
    },
    get documents() {
      return blobs();
    },
    get documentsBucket() {
      return required(config.DOCUMENTS_BUCKET, 'DOCUMENTS_BUCKET');
    },
    get messenger() {
      return once(
        'messenger',
        () =>
          new AwsMessenger({
            email: new SesEmailSender(
              config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {},
            ),
            sms: new SnsSmsSender(config.SMS_SENDER_ID ? { senderId: config.SMS_SENDER_ID } : {}),
            blobs: blobs(),
            documentsBucket: required(config.DOCUMENTS_BUCKET, 'DOCUMENTS_BUCKET'),
          }),
      );
    },
    get letters() {
      return once('letters', () => new PdfLetterRenderer());
    },
    get launcher() {
      return once(
        'launcher',
        () =>
          new SfnEscalationLauncher({
            stateMachineArn: required(config.ESCALATION_STATE_MACHINE_ARN, 'ESCALATION_STATE_MACHINE_ARN'),
          }),
      );
    },
    get senderEmail() {
      return required(config.SENDER_EMAIL, 'SENDER_EMAIL');
    },
    logger,
    shardCount: config.SHARD_COUNT,
    dispatchBatch: config.DISPATCH_BATCH,
  };
}
