import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { messengerFromConfig } from '../../shared/adapters/aws/messenger-from-config';
import { rateSourceFromConfig } from '../../shared/adapters/aws/rate-source-from-config';
import { S3BlobStore } from '../../shared/adapters/aws/s3-blob-store';
import { S3DocumentEraser } from '../../shared/adapters/aws/s3-document-eraser';
import { S3DocumentStore } from '../../shared/adapters/aws/s3-document-store';
import { readLambdaConfig, required } from '../../shared/adapters/config';
import { DynamoDossierTasks } from '../../shared/adapters/dynamodb/dossier-tasks';
import { DynamoIdempotencyKeys } from '../../shared/adapters/dynamodb/idempotency-keys';
import { repositoryFromConfig } from '../../shared/adapters/dynamodb/repository-from-config';
import { MessengerEnforcementHandOff } from '../../shared/adapters/enforcement-hand-off';
import { makeHandler } from './handler';

// Each function wires only the adapters it calls: a smaller bundle and a faster cold start.
// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();

const repository = repositoryFromConfig(config);

export const handler = makeHandler({
  repository,
  logger,
  // Payments read the tenant's payment policy and impute with the formal notice's rate table.
  tenants: repository,
  rates: rateSourceFromConfig(config, logger),
  // POST /invoices' Idempotency-Key, in the same table.
  idempotency: new DynamoIdempotencyKeys(new DynamoDBClient({}), config.TABLE_NAME),
  // GET /documents/{id}: pre-signed GET URLs on the documents bucket (read-only grant).
  documentStore: new S3DocumentStore(new S3Client({}), required(config.DOCUMENTS_BUCKET, 'DOCUMENTS_BUCKET')),
  // POST /invoices with an e-invoice keeps its PDF (or XML) there for the court file (write grant).
  documents: new S3BlobStore(),
  documentsBucket: required(config.DOCUMENTS_BUCKET, 'DOCUMENTS_BUCKET'),
  // GET /debtors/{id}/export and DELETE /debtors/{id}/personal-data (docs/personal-data.md):
  // a dossier's tasks, and the erasure of every version of a document (delete-version grant).
  dossierTasks: new DynamoDossierTasks(new DynamoDBClient({}), config.TABLE_NAME),
  documentEraser: new S3DocumentEraser(
    new S3Client({}),
    required(config.DOCUMENTS_BUCKET, 'DOCUMENTS_BUCKET'),
  ),
  // POST /dossiers/{id}/court-events: the enforcement mandate's hand-off, an e-mail through SES.
  enforcementHandOff: new MessengerEnforcementHandOff(
    messengerFromConfig(config),
    required(config.SENDER_EMAIL, 'SENDER_EMAIL'),
  ),
}).use(injectLambdaContext(logger.powertools));
