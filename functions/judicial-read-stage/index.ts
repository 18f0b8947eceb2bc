import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { readLambdaConfig } from '../../shared/adapters/config';
import { repositoryFromConfig } from '../../shared/adapters/dynamodb/repository-from-config';
import { makeHandler } from './handler';

// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();

export const handler = makeHandler({ repository: repositoryFromConfig(config) }).use(
  injectLambdaContext(logger.powertools),
);
