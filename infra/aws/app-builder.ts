import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readDeployConfig } from './deploy-config';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface RecouvrementApp {
  app: App;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/**
 * Builds the whole app; app.ts synthesizes it, the tests assert on it. cdk-nag
 * (AwsSolutions) runs as a validation plugin at synth: a finding that is not
 * fixed or acknowledged with its reason fails the synth.
 */
export function buildRecouvrementApp(context: Record<string, unknown> = {}): RecouvrementApp {
  const app = new App({
    context: {
      // S3 grants log delivery by bucket policy, not by an ACL (ACLs stay disabled on every bucket).
      '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
      // Strong references: CloudFormation refuses to delete a stateful export the stateless stack still uses.
      '@aws-cdk/core:defaultCrossStackReferences': 'strong',
      ...context,
    },
  });
  const config = readDeployConfig(app.node);
  const env = { account: process.env['CDK_DEFAULT_ACCOUNT'], region: process.env['CDK_DEFAULT_REGION'] };

  const stateful = new StatefulStack(app, 'RecouvrementStateful', {
    env,
    description: 'Recouvrement: data that outlives deployments (key, table, buckets, users, alarm topic)',
    alarmEmail: config.alarmEmail,
  });
  const stateless = new StatelessStack(app, 'RecouvrementStateless', {
    env,
    description: 'Recouvrement: functions, workflows, schedules, API, alarms',
    config,
    key: stateful.key,
    table: stateful.table,
    intakeBucket: stateful.intakeBucket,
    documentsBucket: stateful.documentsBucket,
    configBucket: stateful.configBucket,
    userPool: stateful.userPool,
    apiClient: stateful.apiClient,
    alarmTopic: stateful.alarmTopic,
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, stateless };
}
