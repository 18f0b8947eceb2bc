import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { EmfMetrics } from '../../shared/adapters/aws/emf-metrics';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { readLambdaConfig } from '../../shared/adapters/config';
import { tableDeps } from '../../shared/adapters/dynamodb/repository-from-config';
import { makeHandler } from './handler';

// Each function wires only the adapters it calls: a smaller bundle and a faster cold start.
// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();

export const handler = makeHandler({
  ...tableDeps(config, logger),
  // DossierStuck as an EMF line: the alarm in infra/aws/constructs/alarms.ts watches it.
  metrics: new EmfMetrics(),
  stuckAfterFailures: config.STUCK_AFTER_FAILURES,
}).use(injectLambdaContext(logger.powertools));
