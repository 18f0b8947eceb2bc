import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { EmfMetrics } from '../../shared/adapters/aws/emf-metrics';
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
// It also counts the page's failed dossiers: DossierStuck as an EMF line when one is parked.
export const handler = makeHandler({
  repository,
  tenants: repository,
  logger,
  rates: rateSourceFromConfig(config, logger),
  metrics: new EmfMetrics(),
  stuckAfterFailures: config.STUCK_AFTER_FAILURES,
}).use(injectLambdaContext(logger.powertools));
