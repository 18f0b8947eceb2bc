import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../shared/adapters/dynamodb/table-schema';
import { resourcesOfType, SKIP_BUNDLING, type SynthesizedApp, synthesizeApp } from './fixture';

/**
 * Every acknowledged AwsSolutions finding, and how many constructs carry it.
 * A new acknowledgment fails this test on purpose: it must be reviewed here.
 */
const EXPECTED_ACKNOWLEDGMENTS: Record<string, number> = {
  'AwsSolutions-S1': 2, // the access-log bucket does not log into itself; the dashboard's static files
  'AwsSolutions-IAM5[Resource::*]': 25, // X-Ray on 17 function roles (retention-scan included); log delivery + X-Ray on 6 machines (the retention sweep included); SMS publish; the dashboard deployment's invalidation
  'AwsSolutions-IAM5[Resource::RecouvrementStateful-IntakeBucketArn/*]': 1, // intake
  'AwsSolutions-IAM5[Resource::RecouvrementStateful-DocumentsBucketArn/*]': 11, // erasure (infra/aws/constructs/personal-data-erasure.ts) on api and retention-scan; escalation-act, prescription-scan, judicial-court-file (read: the formal notice into the bundle; write: the court file), judicial-watch and judicial-act (the alerts' .eml), monthly-statements, api (read: pre-signed document links; write: the hand-off .eml to the commissaire de justice)
  'AwsSolutions-APIG4': 2, // GET /health and GET /openapi.json: no tenant data, no input
  'AwsSolutions-IAM5[Resource::RecouvrementStateful-ConfigBucketArn/rates/*]': 5, // rate overrides: escalation-act, escalation-record (judicial review's amount), prescription-scan, judicial-court-file (the court file's itemised claim), api
  'AwsSolutions-L1': 18, // CDK's dashboard BucketDeployment handler; Node.js 22 on the 17 functions (escalation-failed, judicial-scan, the judicial step's five and retention-scan included)
  // the scheduler may invoke the monthly-statements function and its versions, nothing else
  'AwsSolutions-IAM5[Resource::<MonthlyStatements774719A0.Arn>:*]': 1,
  // SNS writes the SMS delivery status into log groups and streams it names itself
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:sns/<AWS::Region>/<AWS::AccountId>/DirectPublishToPhoneNumber/*]': 1,
  'AwsSolutions-SQS3': 2, // the schedules' and the intake function's dead-letter queues
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]': 2, // CDK's S3 notification and dashboard deployment handlers
  // The dashboard (infra/aws/constructs/dashboard-site.ts): CloudFront over static code, no data.
  'AwsSolutions-CFR1': 1,
  'AwsSolutions-CFR2': 1,
  'AwsSolutions-CFR3': 1,
  'AwsSolutions-CFR4': 1,
  // CDK's BucketDeployment handler: copies the dashboard asset into its bucket at deploy time
  'AwsSolutions-IAM5[Action::s3:GetObject*]': 1,
  'AwsSolutions-IAM5[Action::s3:GetBucket*]': 1,
  'AwsSolutions-IAM5[Action::s3:List*]': 1,
  'AwsSolutions-IAM5[Action::s3:DeleteObject*]': 1,
  'AwsSolutions-IAM5[Action::s3:Abort*]': 1,
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]': 1,
  'AwsSolutions-IAM5[Resource::<DashboardFilesFF9B60FA.Arn>/*]': 1,
};

/** One synthesized app (bundling skipped) for the app-wide checks and the stateful stack. */
describe('Recouvrement CDK app', () => {
  let app: SynthesizedApp;
  beforeAll(() => {
    app = synthesizeApp();
  });

  describe('cdk-nag AwsSolutions', () => {
    it('synthesizes with the AwsSolutions validation plugin and no finding left', () => {
      // Act: synth runs the plugin and throws on any unacknowledged finding
      expect(() => app.app.synth()).not.toThrow();
      const report = new AwsSolutionsChecks().validateScope(app.app);

      // Assess
      expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
      expect(report.success).toBe(true);
    });

    it('passes too with a concrete region, as `cdk synth` gives it (CDK_DEFAULT_REGION)', () => {
      const previous = process.env['CDK_DEFAULT_REGION'];
      process.env['CDK_DEFAULT_REGION'] = 'eu-west-3';
      try {
        const regional = synthesizeApp();
        expect(() => regional.app.synth()).not.toThrow();
        expect(new AwsSolutionsChecks().validateScope(regional.app).violations).toEqual([]);
      } finally {
        if (previous === undefined) delete process.env['CDK_DEFAULT_REGION'];
        else process.env['CDK_DEFAULT_REGION'] = previous;
      }
    });

    it('acknowledges only the reviewed findings, each with a reason', () => {
      // Prepare
      const counts: Record<string, number> = {};
      for (const construct of app.app.node.findAll()) {
        for (const entry of construct.node.metadata) {
          if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
          for (const [key, reason] of Object.entries(entry.data as Record<string, string>)) {
            const id = key.replace(/^annotation::/i, '');
            counts[id] = (counts[id] ?? 0) + 1;
            expect(reason.length, `${construct.node.path} ${id}`).toBeGreaterThan(40);
          }
        }
      }

      // Assess
      expect(counts).toEqual(EXPECTED_ACKNOWLEDGMENTS);
    });

    it('does report findings (the plugin is live): a bare bucket fails S1 and S10', () => {
      // Prepare
      const bare = new App({ context: SKIP_BUNDLING });
      new s3.Bucket(new Stack(bare, 'Bare'), 'Bucket');

      // Act
      const report = new AwsSolutionsChecks().validateScope(bare);

      // Assess
      expect(report.success).toBe(false);
      expect(report.violations.map((violation) => violation.ruleName)).toEqual(
        expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']),
      );
    });
  });

  describe('RecouvrementStateful', () => {
    it('creates the one table from TABLE_SCHEMA, on demand, with PITR, KMS and deletion protection', () => {
      // Prepare
      const template = app.statefulTemplate;
      const keyLogicalId = Object.keys(resourcesOfType(template, 'AWS::KMS::Key'))[0];
      const attributes = [
        TABLE_SCHEMA.partitionKey,
        TABLE_SCHEMA.sortKey,
        ...TABLE_SCHEMA.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
      ];

      // Assess
      template.resourceCountIs('AWS::DynamoDB::Table', 1);
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          KeySchema: [
            { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
          ],
          AttributeDefinitions: Match.arrayEquals(
            attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
          ),
          GlobalSecondaryIndexes: TABLE_SCHEMA.globalIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: {
            SSEEnabled: true,
            SSEType: 'KMS',
            KMSMasterKeyId: { 'Fn::GetAtt': [keyLogicalId, 'Arn'] },
          },
          DeletionProtectionEnabled: true,
          // Idempotency keys expire after 24 h: DynamoDB deletes them (shared/adapters/dynamodb/idempotency-keys.ts).
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        },
      });
    });

    it('rotates its customer-managed key and keeps it', () => {
      app.statefulTemplate.resourceCountIs('AWS::KMS::Key', 1);
      app.statefulTemplate.hasResource('AWS::KMS::Key', {
        DeletionPolicy: 'Retain',
        Properties: { EnableKeyRotation: true },
      });
    });

    it('keeps every bucket private, TLS-only, encrypted, logged and retained', () => {
      // Prepare
      const template = app.statefulTemplate;
      const buckets = resourcesOfType(template, 'AWS::S3::Bucket');
      const policies = Object.values(resourcesOfType(template, 'AWS::S3::BucketPolicy'));
      const logged = Object.values(buckets).filter((bucket) => bucket.Properties?.['LoggingConfiguration']);

      // Assess
      expect(Object.keys(buckets)).toHaveLength(4);
      expect(logged).toHaveLength(3); // intake, documents and config log into the access-log bucket
      for (const [logicalId, bucket] of Object.entries(buckets)) {
        expect(bucket.DeletionPolicy, logicalId).toBe('Retain');
        expect(bucket.Properties?.['PublicAccessBlockConfiguration'], logicalId).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        expect(bucket.Properties?.['BucketEncryption'], logicalId).toBeDefined();
        const policy = policies.find(
          (candidate) =>
            JSON.stringify(candidate.Properties?.['Bucket']) === JSON.stringify({ Ref: logicalId }),
        );
        expect(JSON.stringify(policy?.Properties?.['PolicyDocument']), logicalId).toContain(
          '"aws:SecureTransport":"false"',
        );
      }
      template.hasResourceProperties('AWS::S3::Bucket', {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({
              ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
            }),
          ],
        },
      });
    });

    it('lets no user choose or change the tenant claim', () => {
      // Assess
      const template = app.statefulTemplate;
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        Schema: Match.arrayWith([Match.objectLike({ Name: 'tenantId', Mutable: false })]),
      });
      const clients = Object.values(resourcesOfType(template, 'AWS::Cognito::UserPoolClient'));
      expect(clients).toHaveLength(1);
      expect(clients[0]?.Properties?.['ReadAttributes']).toContain('custom:tenantId');
      expect(clients[0]?.Properties?.['WriteAttributes']).not.toContain('custom:tenantId');
    });

    it('encrypts the alarm topic with the key', () => {
      app.statefulTemplate.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: Match.objectLike({ 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }),
      });
    });
  });
});
