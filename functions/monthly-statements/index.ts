import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { messengerFromConfig } from '../../shared/adapters/aws/messenger-from-config';
import { readLambdaConfig, required } from '../../shared/adapters/config';
import { repositoryFromConfig } from '../../shared/adapters/dynamodb/repository-from-config';
import { makeHandler } from './handler';

// Each function wires only the adapters it calls: a smaller bundle and a faster cold start.
// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();
const repository = repositoryFromConfig(config);

export const handler = makeHandler({
  repository,
  tenants: repository,
  messenger: messengerFromConfig(config),
  logger,
  senderEmail: required(config.SENDER_EMAIL, 'SENDER_EMAIL'),
}).use(injectLambdaContext(logger.powertools));
