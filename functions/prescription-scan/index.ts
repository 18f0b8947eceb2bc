import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { mailingDeps } from '../../shared/adapters/aws/mailing-deps';
import { rateSourceFromConfig } from '../../shared/adapters/aws/rate-source-from-config';
import { readLambdaConfig } from '../../shared/adapters/config';
import { makeHandler } from './handler';

// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();

export const handler = makeHandler({
  ...mailingDeps(config, logger),
  dispatchBatch: config.DISPATCH_BATCH,
  // The sweep's daily check that the current half-year's rates are in the table.
  rates: rateSourceFromConfig(config, logger),
}).use(injectLambdaContext(logger.powertools));
