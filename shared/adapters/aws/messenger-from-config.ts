import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type LambdaConfig, required } from '../config';
import { DynamoSentMessages } from '../dynamodb/sent-messages';
import { AwsMessenger } from './aws-messenger';
import { S3BlobStore } from './s3-blob-store';
import { SesEmailSender } from './ses-email-sender';
import { SnsSmsSender } from './sns-sms-sender';

/** SES for e-mail, SNS for SMS, the documents bucket for the evidence, from the Lambda environment. */
export function messengerFromConfig(config: LambdaConfig): AwsMessenger {
  return new AwsMessenger({
    email: new SesEmailSender(
      config.SES_CONFIGURATION_SET ? { configurationSetName: config.SES_CONFIGURATION_SET } : {},
    ),
    sms: new SnsSmsSender(config.SMS_SENDER_ID ? { senderId: config.SMS_SENDER_ID } : {}),
    blobs: new S3BlobStore(),
    documentsBucket: required(config.DOCUMENTS_BUCKET, 'DOCUMENTS_BUCKET'),
    // In the table: every function that sends already reads and writes it (no new grant, no bucket listing).
    sent: new DynamoSentMessages(new DynamoDBClient({}), config.TABLE_NAME),
  });
}
