import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { mailingDeps } from '../../shared/adapters/aws/mailing-deps';
import { readLambdaConfig } from '../../shared/adapters/config';
import { makeHandler } from './handler';

// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();

export const handler = makeHandler(mailingDeps(readLambdaConfig(), logger)).use(
  injectLambdaContext(logger.powertools),
);
