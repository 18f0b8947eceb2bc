import type { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { SES_BOUNCE_RATE_ALARM, SES_COMPLAINT_RATE_ALARM } from '../../infra/aws/constructs/service-alarms';
import { resourcesOfType, type SynthesizedApp, synthesizeApp } from './fixture';

/**
 * Issue 15's hardening, read from the synthesized templates: the erasure's grants (no more than
 * it needs), no `*` action anywhere, every alarm to the topic, the service alarms.
 */
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function statements(template: Template): Statement[] {
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy')).flatMap(
    (policy) =>
      (policy.Properties?.['PolicyDocument'] as { Statement: Statement[] } | undefined)?.Statement ?? [],
  );
}

describe('hardening (issue 15)', () => {
  let app: SynthesizedApp;
  let policyOf: (name: string) => Statement[];
  beforeAll(() => {
    app = synthesizeApp();
    const stack: Stack = app.stateless;
    policyOf = (name) => {
      const fn = app.stateless.functions[name]!;
      const roleId = stack.getLogicalId(fn.role!.node.defaultChild as CfnFunction);
      return Object.values(resourcesOfType(app.statelessTemplate, 'AWS::IAM::Policy'))
        .filter((policy) => JSON.stringify(policy.Properties?.['Roles']).includes(roleId))
        .flatMap(
          (policy) =>
            (policy.Properties?.['PolicyDocument'] as { Statement: Statement[] } | undefined)?.Statement ??
            [],
        );
    };
  });

  it('grants no `*` action, nor a whole service, in either stack', () => {
    for (const template of [app.statefulTemplate, app.statelessTemplate])
      for (const statement of statements(template))
        for (const action of [statement.Action].flat()) {
          expect(action).not.toBe('*');
          expect(action).not.toMatch(/^[a-z0-9-]+:\*$/);
        }
  });

  it('lets the retention sweep erase (versions, batch rewrite) but not read documents or touch other buckets', () => {
    const actions = policyOf('retentionScan').flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:BatchWriteItem', 's3:ListBucketVersions', 's3:DeleteObjectVersion']),
    );
    expect(actions).not.toContain('s3:GetObject');
    expect(actions).not.toContain('s3:PutObject');
    expect(actions).not.toContain('ses:SendEmail');
    const deletes = policyOf('retentionScan').filter((s) =>
      [s.Action].flat().includes('s3:DeleteObjectVersion'),
    );
    expect(JSON.stringify(deletes)).toContain('DocumentsBucketArn');
    expect(JSON.stringify(deletes)).not.toMatch(/IntakeBucketArn|ConfigBucketArn/);
  });

  it('encrypts every log group of the stateless stack with its rotated customer-managed key, usable by CloudWatch Logs only for its log groups', () => {
    const keys = resourcesOfType(app.statelessTemplate, 'AWS::KMS::Key');
    const [keyId, key] = Object.entries(keys).find(([id]) => id.startsWith('LogsKey'))!;
    expect(key.Properties?.['EnableKeyRotation']).toBe(true);
    expect(JSON.stringify(key.Properties?.['KeyPolicy'])).toContain('kms:EncryptionContext:aws:logs:arn');
    const groups = Object.values(resourcesOfType(app.statelessTemplate, 'AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThan(10);
    for (const group of groups)
      expect(group.Properties?.['KmsKeyId']).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
  });

  it('starts the retention sweep daily at 04:00 Paris with a dead-letter queue', () => {
    app.statelessTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 4 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      Target: Match.objectLike({ DeadLetterConfig: { Arn: Match.anyValue() } }),
    });
  });

  it('alarms on SES bounce and complaint rates, throttles, and each daily sweep that did not run', () => {
    const alarms = Object.values(resourcesOfType(app.statelessTemplate, 'AWS::CloudWatch::Alarm'));
    const byMetric = (name: string) => alarms.filter((a) => a.Properties?.['MetricName'] === name);
    expect(byMetric('Reputation.BounceRate')[0]?.Properties?.['Threshold']).toBe(SES_BOUNCE_RATE_ALARM);
    expect(byMetric('Reputation.ComplaintRate')[0]?.Properties?.['Threshold']).toBe(SES_COMPLAINT_RATE_ALARM);
    expect(byMetric('Throttles')).toHaveLength(1);
    expect(byMetric('ThrottledRequests')).toHaveLength(1);
    const didNotRun = byMetric('ExecutionsStarted');
    expect(didNotRun).toHaveLength(4);
    for (const alarm of didNotRun)
      expect(alarm.Properties).toMatchObject({
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
        TreatMissingData: 'breaching',
        Period: 86_400,
      });
    // Every alarm of the stack notifies the one topic.
    for (const alarm of alarms) expect(alarm.Properties?.['AlarmActions']).toHaveLength(1);
  });
});
