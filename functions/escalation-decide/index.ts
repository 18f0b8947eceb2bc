import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { readLambdaConfig } from '../../shared/adapters/config';
import { tableDeps } from '../../shared/adapters/dynamodb/repository-from-config';
import { makeHandler } from './handler';

// Each function wires only the adapters it calls: a smaller bundle and a faster cold start.
// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();

export const handler = makeHandler(tableDeps(readLambdaConfig(), logger)).use(
  injectLambdaContext(logger.powertools),
);
