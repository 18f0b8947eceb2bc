import { Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { PipelineFunction } from './pipeline-function';
import type { SharedBucket } from './secure-bucket';

/**
 * What erasing a debtor's personal data needs beyond `bindTable(readWrite)` (docs/personal-data.md):
 * overwriting its events without their notes in batches (BatchWriteItem on the table only), and
 * deleting its documents for good in the versioned documents bucket: every version and delete
 * marker of a key (ListBucketVersions on the bucket, DeleteObjectVersion on its objects).
 */
export function grantPersonalDataErasure(
  fn: PipelineFunction,
  table: dynamodb.ITable,
  documents: SharedBucket,
): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['dynamodb:BatchWriteItem'], resources: [table.tableArn] }),
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['s3:ListBucketVersions'], resources: [documents.arn] }),
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      resources: [`${documents.arn}/*`],
    }),
  );
  Validations.of(fn.role!).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${documents.arnExportName}/*]`,
    reason:
      'A debtor’s document keys are known only at run time (per tenant and dossier); erasure deletes them and their versions in this one bucket.',
  });
}
