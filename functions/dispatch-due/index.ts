import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { awsPipelineDeps } from '../../shared/adapters/aws/aws-deps';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { readLambdaConfig, required } from '../../shared/adapters/config';
import { makeHandler } from './handler';

const logger = new LambdaLogger();
const config = readLambdaConfig();
// The adapters build lazily; what this function always needs is checked now, so a missing
// variable fails the cold start rather than the first invocation (style rule 4).
required(config.ESCALATION_STATE_MACHINE_ARN, 'ESCALATION_STATE_MACHINE_ARN');

export const handler = makeHandler(awsPipelineDeps(config, logger)).use(
  injectLambdaContext(logger.powertools),
);
