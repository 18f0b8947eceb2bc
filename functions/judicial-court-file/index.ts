import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { mailingDeps } from '../../shared/adapters/aws/mailing-deps';
import { rateSourceFromConfig } from '../../shared/adapters/aws/rate-source-from-config';
import { S3BlobStore } from '../../shared/adapters/aws/s3-blob-store';
import { readLambdaConfig, required } from '../../shared/adapters/config';
import { PdfLetterRenderer } from '../../shared/adapters/pdf/pdf-letter-renderer';
import { makeHandler } from './handler';

// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();

export const handler = makeHandler({
  ...mailingDeps(config, logger),
  // The request PDF and the bundle go to the documents bucket, where the formal notice's PDF is read back from.
  documents: new S3BlobStore(),
  documentsBucket: required(config.DOCUMENTS_BUCKET, 'DOCUMENTS_BUCKET'),
  letters: new PdfLetterRenderer(),
  // The claim is computed as the formal notice computed it: packaged rates + CONFIG_BUCKET's overrides.
  rates: rateSourceFromConfig(config, logger),
}).use(injectLambdaContext(logger.powertools));
