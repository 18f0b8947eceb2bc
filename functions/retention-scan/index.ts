import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { S3DocumentEraser } from '../../shared/adapters/aws/s3-document-eraser';
import { readLambdaConfig, required } from '../../shared/adapters/config';
import { DynamoDossierTasks } from '../../shared/adapters/dynamodb/dossier-tasks';
import { repositoryFromConfig } from '../../shared/adapters/dynamodb/repository-from-config';
import { makeHandler } from './handler';

// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();
const repository = repositoryFromConfig(config);

export const handler = makeHandler({
  repository,
  tenants: repository,
  logger,
  tasks: new DynamoDossierTasks(new DynamoDBClient({}), config.TABLE_NAME),
  documents: new S3DocumentEraser(new S3Client({}), required(config.DOCUMENTS_BUCKET, 'DOCUMENTS_BUCKET')),
}).use(injectLambdaContext(logger.powertools));
