import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { SfnEscalationLauncher } from '../../shared/adapters/aws/sfn-escalation-launcher';
import { readLambdaConfig, required } from '../../shared/adapters/config';
import { repositoryFromConfig } from '../../shared/adapters/dynamodb/repository-from-config';
import { makeHandler } from './handler';

// Each function wires only the adapters it calls: a smaller bundle and a faster cold start.
// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();
const launcher = new SfnEscalationLauncher({
  stateMachineArn: required(config.ESCALATION_STATE_MACHINE_ARN, 'ESCALATION_STATE_MACHINE_ARN'),
  concurrency: config.STARTS_IN_FLIGHT,
});

export const handler = makeHandler({
  repository: repositoryFromConfig(config),
  launcher,
  logger,
  dispatchBatch: config.DISPATCH_BATCH,
  stepPageSize: config.STEP_PAGE_SIZE,
}).use(injectLambdaContext(logger.powertools));
