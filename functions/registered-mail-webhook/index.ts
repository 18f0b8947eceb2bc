import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaLogger } from '../../shared/adapters/aws/logger';
import { registeredMailSecretFromConfig } from '../../shared/adapters/aws/registered-mail-from-config';
import { readLambdaConfig, required } from '../../shared/adapters/config';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { DynamoProcessedEvents } from '../../shared/adapters/dynamodb/processed-events';
import { makeHandler } from './handler';

// Each function wires only the adapters it calls: a smaller bundle and a faster cold start.
// Configuration is read and checked at load, so a missing variable fails the cold start.
const logger = new LambdaLogger();
const config = readLambdaConfig();
const client = new DynamoDBClient({});
const repository = new DynamoDossierRepository(client, config.TABLE_NAME, config.SHARD_COUNT);
// The stack deploys this function only with a provider, whose secret holds the webhook's key.
const secret = required(registeredMailSecretFromConfig(config), 'REGISTERED_MAIL_SECRET_NAME');

export const handler = makeHandler({
  repository,
  tenants: repository,
  logger,
  processed: new DynamoProcessedEvents(client, config.TABLE_NAME),
  webhookSecret: async () => (await secret.get()).webhookSecret,
}).use(injectLambdaContext(logger.powertools));
