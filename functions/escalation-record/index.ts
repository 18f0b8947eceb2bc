import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { rateSourceFromConfig } from '../../shared/adapters/aws/rate-source-from-config';
import { readLambdaConfig } from '../../shared/adapters/config';
import { repositoryFromConfig } from '../../shared/adapters/dynamodb/repository-from-config';
import { makeHandler } from './handler';

// Each function wires only the adapters it calls: a smaller bundle and a faster cold start.
// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();

const config = readLambdaConfig();
const repository = repositoryFromConfig(config);

// The judicial review reads the tenant's thresholds and computes interest with the effective rates.
export const handler = makeHandler({
  repository,
  tenants: repository,
  logger,
  rates: rateSourceFromConfig(config, logger),
}).use(injectLambdaContext(logger.powertools));
