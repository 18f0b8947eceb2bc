import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface SecureBucketProps {
  /** Objects hold personal data (invoices, letters, e-mails): encrypt with the project's key. */
  encryptionKey: kms.IKey;
  /** Where S3 writes this bucket's server access logs (cdk-nag S1). */
  accessLogs: s3.IBucket;
  versioned?: boolean;
  lifecycleRules?: s3.LifecycleRule[];
  cors?: s3.CorsRule[];
}

/**
 * A bucket with the defaults every data bucket of the project needs: no public
 * access, TLS only, SSE-KMS with bucket keys (fewer KMS calls, lower cost), server
 * access logs, and RETAIN: the documents are the evidence a court will read.
 */
export function secureBucket(scope: Construct, id: string, props: SecureBucketProps): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: props.encryptionKey,
    bucketKeyEnabled: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: props.versioned ?? false,
    serverAccessLogsBucket: props.accessLogs,
    serverAccessLogsPrefix: `${id}/`,
    ...(props.cors ? { cors: props.cors } : {}),
    lifecycleRules: [
      { abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ...(props.lifecycleRules ?? []),
    ],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * The bucket S3 writes server access logs into. S3 log delivery cannot write
 * with SSE-KMS, so it is S3-managed; it does not log itself (a loop), which
 * cdk-nag S1 reports and the stack acknowledges on this bucket only.
 */
export function accessLogBucket(scope: Construct, id: string): s3.Bucket {
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    encryption: s3.BucketEncryption.S3_MANAGED,
    // Log delivery is granted by a bucket policy (feature flag set in app-builder.ts), not an ACL.
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(400) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * A bucket of the stateful stack as the stateless stack sees it: its ARN comes
 * through an export with a fixed name, so the `<arn>/*` object grants can be
 * acknowledged to cdk-nag by that name rather than by a generated one.
 */
export interface SharedBucket {
  bucket: s3.IBucket;
  /** `Fn::ImportValue` of the bucket ARN. */
  arn: string;
  arnExportName: string;
}
