import { Duration, type Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { IntakeFailures } from '../constructs/intake-failures';
import type { PipelineFunction } from '../constructs/pipeline-function';
import type { SharedBucket } from '../constructs/secure-bucket';
import { grantTableBatches } from '../constructs/table-batches';
import type { PipelineFunctionFactory } from './function-factories';

export interface IntakeProps {
  pipelineFunction: PipelineFunctionFactory;
  key: kms.IKey;
  table: dynamodb.ITable;
  intakeBucket: SharedBucket;
  documentsBucket: SharedBucket;
  alarmTopic: sns.ITopic;
}

/** The intake function, its grants, and the alarms on the files it could not take. */
export function intakeFunction(stack: Stack, props: IntakeProps): PipelineFunction {
  const { pipelineFunction, key, table, intakeBucket, documentsBucket } = props;
  const intake = pipelineFunction('Intake', {
    name: 'intake',
    description: 'Validates, deduplicates and qualifies the invoices of a file dropped in the intake bucket',
    memorySize: 1024,
    timeout: Duration.minutes(10),
  });
  intake.bindTable(table, key, 'readWrite');
  // Groups of debtors read their dossiers and invoice claims, and write their events, in batches.
  grantTableBatches(intake, table, ['get', 'write']);
  // Reads the dropped file, writes `<key>.rejects.csv` (or `<key>.error.json`) beside it.
  intake.grantObjects(intakeBucket, key, 'readWrite');
  // An e-invoice's PDF (or XML) is kept for the court file: `<tenant>/<dossier>/invoices/…`.
  intake.grantObjects(documentsBucket, key, 'write');
  new IntakeFailures(stack, 'IntakeFailures', { intake, topic: props.alarmTopic });
  return intake;
}

/**
 * A file dropped in the intake bucket starts the intake function. The bucket lives in the stateful
 * stack; a notification set there would point back here (a cycle), so it is set from this stack on
 * a reference. The handler skips the `.rejects.` reports it writes.
 */
export function notifyIntake(stack: Stack, intakeBucket: SharedBucket, intake: PipelineFunction): void {
  s3.Bucket.fromBucketAttributes(stack, 'IntakeBucketRef', {
    bucketArn: intakeBucket.arn,
    bucketName: intakeBucket.bucket.bucketName,
  }).addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(intake));
  // CDK's own singleton function that applies the notification at deploy time (no data passes through it).
  const handler = stack.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
  if (!handler) throw new Error('the S3 notification handler was not found: CDK renamed it?');
  Validations.of(handler).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'CDK-managed deploy-time handler for S3 notifications; the managed policy only lets it write its own logs.',
  });
}
