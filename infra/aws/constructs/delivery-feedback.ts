import { ArnFormat, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsDestinations from 'aws-cdk-lib/aws-logs-destinations';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface DeliveryFeedbackProps {
  /** The configuration set every e-mail goes through. */
  configurationSet: ses.IConfigurationSet;
  /** The delivery-feedback function. */
  handler: lambda.IFunction;
}

/**
 * Where delivery failures come from, straight to the delivery-feedback Lambda (no state machine):
 * - e-mail: the configuration set's event destination publishes Bounce and Complaint events to an
 *   encrypted SNS topic, which invokes the function;
 * - SMS: SNS writes the status of direct-publish SMS to CloudWatch Logs once the account's SMS
 *   preferences name a delivery-status role (README, "Delivery feedback"); this construct owns the
 *   failure log group (phone numbers in it: a short retention) and subscribes the function to it.
 */
export class DeliveryFeedback extends Construct {
  readonly topic: sns.Topic;
  readonly smsFailureLogs: logs.LogGroup;
  /** Role to set as `DeliveryStatusIAMRole` in the account's SMS preferences. */
  readonly smsDeliveryStatusRole: iam.Role;

  constructor(scope: Construct, id: string, props: DeliveryFeedbackProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const key = new kms.Key(this, 'TopicKey', {
      description: 'Recouvrement delivery feedback topic (SES bounces and complaints)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // SES encrypts what it publishes to the topic with this key; only for this account's events.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    // Adds the topic policy that lets SES publish for this configuration set only.
    new ses.ConfigurationSetEventDestination(this, 'BouncesAndComplaints', {
      configurationSet: props.configurationSet,
      destination: ses.EventDestination.snsTopic(this.topic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    this.topic.addSubscription(new subscriptions.LambdaSubscription(props.handler));

    const smsLogGroupPrefix = `sns/${stack.region}/${stack.account}/DirectPublishToPhoneNumber`;
    this.smsFailureLogs = new logs.LogGroup(this, 'SmsFailures', {
      logGroupName: `${smsLogGroupPrefix}/Failure`,
      // The lines hold the debtor's phone number: kept a month, then gone (GDPR art. 5(1)(e)).
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new logs.SubscriptionFilter(this, 'SmsFailuresToHandler', {
      logGroup: this.smsFailureLogs,
      destination: new logsDestinations.LambdaDestination(props.handler),
      filterPattern: logs.FilterPattern.stringValue('$.status', '=', 'FAILURE'),
    });

    this.smsDeliveryStatusRole = new iam.Role(this, 'SmsDeliveryStatusRole', {
      assumedBy: new iam.ServicePrincipal('sns.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Lets SNS write the delivery status of direct-publish SMS to CloudWatch Logs',
      maxSessionDuration: Duration.hours(1),
    });
    const statusLogs = new iam.Policy(this, 'SmsDeliveryStatusLogs', {
      statements: [
        new iam.PolicyStatement({
          actions: [
            'logs:CreateLogGroup',
            'logs:CreateLogStream',
            'logs:PutLogEvents',
            'logs:PutMetricFilter',
            'logs:PutRetentionPolicy',
          ],
          resources: [
            stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: `${smsLogGroupPrefix}/*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ],
        }),
      ],
    });
    statusLogs.attachToRole(this.smsDeliveryStatusRole);
    // cdk-nag names the resource as synthesized: the region is a token in an environment-agnostic
    // stack, a literal when the CLI supplies CDK_DEFAULT_REGION.
    const stackRegion = Stack.of(this).region;
    const region = Token.isUnresolved(stackRegion) ? '<AWS::Region>' : stackRegion;
    Validations.of(statusLogs).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${region}:<AWS::AccountId>:log-group:sns/${region}/<AWS::AccountId>/DirectPublishToPhoneNumber/*]`,
      reason:
        'SNS names the SMS status log groups (Success/Failure) and their streams itself; the grant covers only the DirectPublishToPhoneNumber log groups of this account and region.',
    });
  }
}
