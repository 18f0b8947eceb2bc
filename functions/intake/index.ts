import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { awsPipelineDeps } from '../../shared/adapters/aws/aws-deps';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { readLambdaConfig } from '../../shared/adapters/config';
import { makeHandler } from './handler';

const logger = new LambdaLogger();
const deps = awsPipelineDeps(readLambdaConfig(), logger);

export const handler = makeHandler({
  repository: deps.repository,
  tenants: deps.tenants,
  blobs: deps.documents,
  logger,
}).use(injectLambdaContext(logger.powertools));
