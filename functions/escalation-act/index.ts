import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { mailingDeps } from '../../shared/adapters/aws/mailing-deps';
import { rateSourceFromConfig } from '../../shared/adapters/aws/rate-source-from-config';
import { registeredMailFromConfig } from '../../shared/adapters/aws/registered-mail-from-config';
import { readLambdaConfig } from '../../shared/adapters/config';
import { PdfLetterRenderer } from '../../shared/adapters/pdf/pdf-letter-renderer';
import { makeHandler } from './handler';

// Each function wires only the adapters it calls: a smaller bundle and a faster cold start.
// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();
const deps = mailingDeps(config, logger);

export const handler = makeHandler({
  ...deps,
  letters: new PdfLetterRenderer(),
  // The LRAR provider (REGISTERED_MAIL_URL, key from the secret REGISTERED_MAIL_SECRET_NAME), or by hand.
  registeredMail: registeredMailFromConfig(config, deps.repository),
  // Packaged rates + `rates/overrides.json` of CONFIG_BUCKET, cached per container (a few minutes).
  rates: rateSourceFromConfig(config, logger),
}).use(injectLambdaContext(logger.powertools));
