import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { S3BlobStore } from '../../shared/adapters/aws/s3-blob-store';
import { readLambdaConfig } from '../../shared/adapters/config';
import { repositoryFromConfig } from '../../shared/adapters/dynamodb/repository-from-config';
import { makeHandler } from './handler';

// Each function wires only the adapters it calls: a smaller bundle and a faster cold start.
// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();
const repository = repositoryFromConfig(config);

export const handler = makeHandler({
  repository,
  tenants: repository,
  blobs: new S3BlobStore(),
  logger,
  // E-invoices: the PDF (or XML) is kept there for the court file; optional so a deploy without it still ingests.
  ...(config.DOCUMENTS_BUCKET ? { documentsBucket: config.DOCUMENTS_BUCKET } : {}),
}).use(injectLambdaContext(logger.powertools));
