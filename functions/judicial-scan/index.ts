import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { SfnEscalationLauncher } from '../../shared/adapters/aws/sfn-escalation-launcher';
import { readLambdaConfig, required } from '../../shared/adapters/config';
import { repositoryFromConfig } from '../../shared/adapters/dynamodb/repository-from-config';
import { makeHandler } from './handler';

// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();

export const handler = makeHandler({
  repository: repositoryFromConfig(config),
  // One judicial step per due dossier: the same launcher as the overdue sweep's, on the judicial machine.
  launcher: new SfnEscalationLauncher({
    stateMachineArn: required(config.JUDICIAL_STEP_STATE_MACHINE_ARN, 'JUDICIAL_STEP_STATE_MACHINE_ARN'),
    concurrency: config.STARTS_IN_FLIGHT,
  }),
  logger,
  dispatchBatch: config.DISPATCH_BATCH,
}).use(injectLambdaContext(logger.powertools));
