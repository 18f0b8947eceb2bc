import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { mailingDeps } from '../../shared/adapters/aws/mailing-deps';
import { readLambdaConfig } from '../../shared/adapters/config';
import { makeHandler } from './handler';

// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();

// The dossier and the creditor's alert e-mails (SES), nothing else.
export const handler = makeHandler(mailingDeps(config, logger)).use(injectLambdaContext(logger.powertools));
