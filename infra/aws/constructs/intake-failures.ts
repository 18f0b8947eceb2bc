import { Duration, Validations } from 'aws-cdk-lib';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterDepth, pageOnFirst } from './alarms';

export interface IntakeFailuresProps {
  /** The intake function, invoked asynchronously by the bucket's ObjectCreated notification. */
  intake: lambda.IFunction;
  topic: sns.ITopic;
}

/**
 * What happens to a dropped file the intake function failed on (the table unreachable, a
 * timeout, a bug): S3 invokes asynchronously, Lambda retries twice, then the event (bucket and
 * key, no file content) lands in a dead-letter queue and an alarm pages the operator, who
 * re-drives it once the cause is fixed (ingestion is idempotent). Files that cannot be read at
 * all are not failures: they get `<key>.error.json` and are never retried.
 */
export class IntakeFailures extends Construct {
  readonly deadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: IntakeFailuresProps) {
    super(scope, id);
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the intake function's on-failure destination (a dead-letter queue); an alarm watches its depth.",
    });
    props.intake.configureAsyncInvoke({
      onFailure: new destinations.SqsDestination(this.deadLetters),
      retryAttempts: 2,
      // A file waits at most this long for a retry; the DLQ keeps it for 14 days after.
      maxEventAge: Duration.hours(6),
    });
    pageOnFirst(this, 'IntakeFailed', new actions.SnsAction(props.topic), {
      description:
        'An intake file failed after its retries (event in the intake dead-letter queue): fix the cause, then re-drive the event',
      metric: deadLetterDepth(this.deadLetters),
    });
  }
}
