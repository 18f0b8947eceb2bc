import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '../../use-cases/ports';
import type { LambdaConfig } from '../config';
import { DynamoDossierRepository } from './dossier-repository';

/** The table of this deployment, from the Lambda environment (TABLE_NAME, SHARD_COUNT). */
export function repositoryFromConfig(config: LambdaConfig): DynamoDossierRepository {
  // DynamoDB has transactions: intake claims invoice numbers 100 a request (invoice-claims.ts).
  return new DynamoDossierRepository(new DynamoDBClient({}), config.TABLE_NAME, config.SHARD_COUNT, {
    transactions: true,
  });
}

/** What a function that reads dossiers and their tenants needs: the table as both, and its logger. */
export function tableDeps(config: LambdaConfig, logger: Logger) {
  const repository = repositoryFromConfig(config);
  return { repository, tenants: repository, logger };
}
