import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { awsPipelineDeps } from '../../shared/adapters/aws/aws-deps';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { readLambdaConfig } from '../../shared/adapters/config';
import { makeHandler } from './handler';

const logger = new LambdaLogger();

export const handler = makeHandler(awsPipelineDeps(readLambdaConfig(), logger)).use(
  injectLambdaContext(logger.powertools),
);
