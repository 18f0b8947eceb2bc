import { RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { dossierTable } from './constructs/dossier-table';
import { accessLogBucket, type SharedBucket, secureBucket } from './constructs/secure-bucket';
import { TenantUserPool } from './constructs/tenant-user-pool';

export interface StatefulStackProps extends StackProps {
  alarmEmail: string | undefined;
}

/**
 * What must outlive any deployment: the key, the table, the buckets, the users
 * and the alarm topic (its e-mail subscriptions are confirmed by hand). The
 * stateless stack can be destroyed and redeployed freely against it.
 */
export class StatefulStack extends Stack {
  readonly key: kms.Key;
  readonly table: dynamodb.Table;
  readonly intakeBucket: SharedBucket;
  readonly documentsBucket: SharedBucket;
  /** Operators' data that changes without a release: `rates/overrides.json` (docs/legal.md §2). */
  readonly configBucket: SharedBucket;
  readonly userPool: cognito.UserPool;
  readonly apiClient: cognito.UserPoolClient;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.key = new kms.Key(this, 'DataKey', {
      description: 'Recouvrement: dossiers, invoices, letters, e-mail evidence, alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the encrypted alarm topic: it needs the key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );

    this.table = dossierTable(this, 'Dossiers', this.key);

    const accessLogs = accessLogBucket(this, 'AccessLogs');
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the target of the other buckets’ server access logs; logging it into itself would loop.',
    });
    this.intakeBucket = this.share(
      'Intake',
      secureBucket(this, 'Intake', { encryptionKey: this.key, accessLogs }),
    );
    // Letters and .eml evidence: versioned so a rewrite never loses the proof that was sent.
    // No expiry: evidence must outlive the claim (prescription up to 5 years, enforcement 10).
    this.documentsBucket = this.share(
      'Documents',
      secureBucket(this, 'Documents', {
        encryptionKey: this.key,
        accessLogs,
        versioned: true,
        // The dashboard downloads a document by following GET /documents/{id}'s 303 to a pre-signed
        // URL from its own origin: the browser then needs CORS. GET only, no credentials: the
        // 5-minute signature in the URL is what grants the read, whoever the page's origin is.
        cors: [
          {
            allowedMethods: [s3.HttpMethods.GET],
            allowedOrigins: ['*'],
            exposedHeaders: ['content-disposition'],
            maxAge: 3600,
          },
        ],
      }),
    );

    // Its own bucket rather than a prefix of the documents bucket: the functions that read rates
    // then get no read on letters and e-mails (personal data), and the data outlives redeploys.
    // Versioned: every change of a rate stays on record, with who uploaded it (CloudTrail).
    this.configBucket = this.share(
      'Config',
      secureBucket(this, 'Config', { encryptionKey: this.key, accessLogs, versioned: true }),
    );

    const users = new TenantUserPool(this, 'Tenants');
    this.userPool = users.userPool;
    this.apiClient = users.apiClient;

    this.alarmTopic = new sns.Topic(this, 'Alarms', {
      displayName: 'Recouvrement alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
  }

  private share(name: string, bucket: s3.Bucket): SharedBucket {
    const arnExportName = `${this.stackName}-${name}BucketArn`;
    return { bucket, arn: this.exportValue(bucket.bucketArn, { name: arnExportName }), arnExportName };
  }
}
