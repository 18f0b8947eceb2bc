import type { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { arnOf, resourcesOfType, type SynthesizedApp, synthesizeApp } from './fixture';

/** Intake failures on AWS: the on-failure destination of the intake function, and its alarm. */
describe('intake failures', () => {
  let app: SynthesizedApp;
  let intakeId: string;
  beforeAll(() => {
    app = synthesizeApp();
    const stack: Stack = app.stateless;
    intakeId = stack.getLogicalId(app.stateless.functions['intake']!.node.defaultChild as CfnFunction);
  });

  it('sends a file event the intake function failed on (after 2 retries) to an encrypted dead-letter queue', () => {
    type Destination = { OnFailure: { Destination: { 'Fn::GetAtt': string[] } } };
    const configs = Object.values(resourcesOfType(app.statelessTemplate, 'AWS::Lambda::EventInvokeConfig'));
    const intake = configs.find(
      (config) => JSON.stringify(config.Properties?.['FunctionName']) === JSON.stringify({ Ref: intakeId }),
    );
    if (!intake) throw new Error('no async invoke configuration for intake');
    expect(intake.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
    });
    const destination = intake.Properties?.['DestinationConfig'] as Destination;
    const queueId = destination.OnFailure.Destination['Fn::GetAtt'][0]!;
    const queue = resourcesOfType(app.statelessTemplate, 'AWS::SQS::Queue')[queueId];
    expect(queue?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });

    // Lambda sends the failed event with the function's role: it may send to that queue.
    const sends = Object.values(resourcesOfType(app.statelessTemplate, 'AWS::IAM::Policy'))
      .flatMap(
        (policy) =>
          (policy.Properties?.['PolicyDocument'] as { Statement: { Action: unknown; Resource: unknown }[] })
            ?.Statement ?? [],
      )
      .filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
    expect(sends.map((statement) => statement.Resource)).toContainEqual(arnOf(queueId));
  });

  it('pages the operator as soon as one failed file waits in that queue', () => {
    const alarms = Object.values(resourcesOfType(app.statelessTemplate, 'AWS::CloudWatch::Alarm'));
    const intake = alarms.find((alarm) =>
      String(alarm.Properties?.['AlarmDescription']).startsWith('An intake file failed'),
    );
    expect(intake?.Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [expect.anything()],
    });
  });
});
