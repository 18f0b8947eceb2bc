import type { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { RATES_METRIC } from '../../infra/aws/constructs/alarms';
import { RATES_MISSING_MESSAGE } from '../../shared/use-cases/sweeps/check-rates';
import { resourcesOfType, type SynthesizedApp, synthesizeApp } from './fixture';

/** The rate overrides on AWS: config bucket, `rates/` read for the functions computing interest, the alarm. */
describe('rates config (docs/legal.md §2, "Rates")', () => {
  let app: SynthesizedApp;
  let configImport: unknown;
  beforeAll(() => {
    app = synthesizeApp();
    configImport = { 'Fn::ImportValue': app.stateful.configBucket.arnExportName };
  });

  const functionOf = (name: keyof SynthesizedApp['stateless']['functions']) => {
    const stack: Stack = app.stateless;
    const id = stack.getLogicalId(app.stateless.functions[name]!.node.defaultChild as CfnFunction);
    return { id, fn: resourcesOfType(app.statelessTemplate, 'AWS::Lambda::Function')[id]! };
  };

  /** The statements of the function's own role policy. */
  function statementsOf(name: keyof SynthesizedApp['stateless']['functions']) {
    const roleRef = functionOf(name).fn.Properties?.['Role'] as { 'Fn::GetAtt': [string, string] };
    return Object.values(resourcesOfType(app.statelessTemplate, 'AWS::IAM::Policy'))
      .filter((policy) =>
        ((policy.Properties?.['Roles'] ?? []) as { Ref: string }[]).some(
          (r) => r.Ref === roleRef['Fn::GetAtt'][0],
        ),
      )
      .flatMap(
        (policy) =>
          (policy.Properties?.['PolicyDocument'] as { Statement: Record<string, unknown>[] } | undefined)
            ?.Statement ?? [],
      );
  }

  it('keeps the overrides in a versioned, encrypted config bucket of the stateful stack', () => {
    const buckets = resourcesOfType(app.statefulTemplate, 'AWS::S3::Bucket');
    const config = Object.entries(buckets).find(([id]) => id.startsWith('Config'));
    expect(config?.[1].Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          expect.objectContaining({
            ServerSideEncryptionByDefault: expect.objectContaining({ SSEAlgorithm: 'aws:kms' }),
          }),
        ],
      },
    });
  });

  it('gives every function CONFIG_BUCKET', () => {
    for (const name of Object.keys(
      app.stateless.functions,
    ) as (keyof SynthesizedApp['stateless']['functions'])[]) {
      const variables =
        (
          functionOf(name).fn.Properties?.['Environment'] as
            | { Variables: Record<string, unknown> }
            | undefined
        )?.Variables ?? {};
      expect(variables['CONFIG_BUCKET'], name).toBeDefined();
    }
  });

  it.each(['act', 'record', 'prescriptionScan', 'api'] as const)(
    'lets %s read rates/* of the config bucket, and only that',
    (name) => {
      const statements = statementsOf(name);
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: 's3:GetObject',
          Resource: { 'Fn::Join': ['', [configImport, '/rates/*']] },
        }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Action: 's3:ListBucket',
          Resource: configImport,
          Condition: { StringLike: { 's3:prefix': ['rates/*'] } },
        }),
      );
      const onConfig = statements.filter((s) =>
        JSON.stringify(s.Resource).includes(app.stateful.configBucket.arnExportName),
      );
      expect(onConfig).toHaveLength(2);
    },
  );

  it('gives no other function access to the config bucket', () => {
    for (const name of ['intake', 'decide', 'dispatchDue', 'monthlyStatements'] as const) {
      const text = JSON.stringify(statementsOf(name));
      expect(text.includes(app.stateful.configBucket.arnExportName), name).toBe(false);
    }
  });

  it('counts the nightly "current half-year missing" log line and alarms on it', () => {
    app.statelessTemplate.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: `{ $.message = "${RATES_MISSING_MESSAGE}" }`,
      LogGroupName: { Ref: Match.stringLikeRegexp('^PrescriptionScanLogs') },
      MetricTransformations: [
        { MetricNamespace: RATES_METRIC.namespace, MetricName: RATES_METRIC.metricName, MetricValue: '1' },
      ],
    });
    app.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: RATES_METRIC.namespace,
      MetricName: RATES_METRIC.metricName,
      Period: 86400,
      Threshold: 1,
      AlarmActions: [Match.anyValue()],
    });
  });
});
