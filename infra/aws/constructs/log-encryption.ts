import { type IAspect, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';

/**
 * The customer-managed key of a stack's log groups (function logs, workflow logs, API access
 * logs, the SMS failure log, which holds phone numbers). Its own key rather than the data key of
 * the stateful stack: CloudWatch Logs must be allowed on it, and only for this account's log
 * groups of this region (the encryption-context condition), which the data key need not allow.
 */
export function logsKey(stack: Stack): kms.Key {
  const key = new kms.Key(stack, 'LogsKey', {
    description: 'Recouvrement: CloudWatch Logs of the pipeline',
    enableKeyRotation: true,
    // The log groups are destroyed with the stack; a retained key would outlive what it protects.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }),
  );
  return key;
}

/** Puts every log group of the scope under the key, whichever construct declared it. */
export class EncryptLogGroups implements IAspect {
  constructor(private readonly key: kms.IKey) {}

  visit(node: IConstruct): void {
    if (node instanceof logs.CfnLogGroup && node.kmsKeyId === undefined) node.kmsKeyId = this.key.keyArn;
  }
}
