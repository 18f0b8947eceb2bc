import type { Logger } from '../../use-cases/ports';
import { type LambdaConfig, required } from '../config';
import { repositoryFromConfig } from '../dynamodb/repository-from-config';
import { messengerFromConfig } from './messenger-from-config';

/** What a job that reads dossiers and e-mails (prescription alerts, monthly statements) needs on AWS. */
export function mailingDeps(config: LambdaConfig, logger: Logger) {
  const repository = repositoryFromConfig(config);
  return {
    repository,
    tenants: repository,
    messenger: messengerFromConfig(config),
    logger,
    senderEmail: required(config.SENDER_EMAIL, 'SENDER_EMAIL'),
  };
}
