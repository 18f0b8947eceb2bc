import type { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Messaging } from '../constructs/messaging';
import {
  type FunctionName,
  PipelineFunction,
  type PipelineFunctionProps,
} from '../constructs/pipeline-function';
import { registeredMailEnvironment } from '../constructs/registered-mail-secret';
import type { SharedBucket } from '../constructs/secure-bucket';
import type { DeployConfig } from '../deploy-config';

export interface FunctionFactoriesProps {
  config: DeployConfig;
  key: kms.IKey;
  table: dynamodb.ITable;
  intakeBucket: SharedBucket;
  documentsBucket: SharedBucket;
  configBucket: SharedBucket;
  messaging: Messaging;
}

/** A function of the stack: the deployment's SDK bundling choice and the environment contract. */
export type PipelineFunctionFactory = (
  id: string,
  props: Omit<PipelineFunctionProps, 'bundleAwsSdk' | 'environment'> & {
    environment?: Record<string, string>;
  },
) => PipelineFunction;

/** A job that reads dossiers and e-mails (alerts, statements). */
export type MailingJobFactory = (
  id: string,
  name: FunctionName,
  description: string,
  timeout: Duration,
  extra?: Pick<PipelineFunctionProps, 'memorySize' | 'letterFonts'> & {
    documents?: 'write' | 'readWrite';
  },
) => PipelineFunction;

export interface FunctionFactories {
  /** The contract of shared/adapters/config.ts, for a function that adds its own variables to it. */
  environment: Record<string, string>;
  pipelineFunction: PipelineFunctionFactory;
  mailingJob: MailingJobFactory;
}

/**
 * How the stateless stack declares its functions, so each is declared once with the same
 * defaults. They are created in the stack itself (not in a construct of their own): their
 * logical ids, hence the deployed functions, do not depend on which file declares them.
 */
export function functionFactories(stack: Stack, props: FunctionFactoriesProps): FunctionFactories {
  const { config, key, table, intakeBucket, documentsBucket, configBucket, messaging } = props;
  // The contract of shared/adapters/config.ts; every function gets the same, read lazily by each port.
  const environment = {
    TABLE_NAME: table.tableName,
    SHARD_COUNT: String(config.shardCount),
    DOCUMENTS_BUCKET: documentsBucket.bucket.bucketName,
    CONFIG_BUCKET: configBucket.bucket.bucketName,
    INTAKE_BUCKET: intakeBucket.bucket.bucketName,
    SENDER_EMAIL: config.senderEmail,
    SES_CONFIGURATION_SET: messaging.configurationSet.configurationSetName,
    SMS_SENDER_ID: config.smsSenderId,
    DISPATCH_BATCH: String(config.dispatchBatch),
    STEP_PAGE_SIZE: String(config.stepPageSize),
    STUCK_AFTER_FAILURES: String(config.stuckAfterFailures),
    ...registeredMailEnvironment(config),
  };
  const pipelineFunction: PipelineFunctionFactory = (id, props) =>
    new PipelineFunction(stack, id, {
      bundleAwsSdk: config.bundleAwsSdk,
      ...props,
      environment: props.environment ?? environment,
    });

  // Table read/write, SES, and the documents bucket for the .eml evidence kept like any other message's.
  const mailingJob: MailingJobFactory = (id, name, description, timeout, extra = {}) => {
    const { documents = 'write', ...props } = extra;
    const fn = pipelineFunction(id, { name, description, timeout, ...props });
    fn.bindTable(table, key, 'readWrite');
    fn.grantObjects(documentsBucket, key, documents);
    messaging.grantSendEmail(fn);
    return fn;
  };
  return { environment, pipelineFunction, mailingJob };
}
