import type { Logger } from '../../use-cases/ports';
import { type LambdaConfig, required } from '../config';
import { tableDeps } from '../dynamodb/repository-from-config';
import { messengerFromConfig } from './messenger-from-config';

/** What a job that reads dossiers and e-mails (prescription alerts, monthly statements) needs on AWS. */
export function mailingDeps(config: LambdaConfig, logger: Logger) {
  return {
    ...tableDeps(config, logger),
    messenger: messengerFromConfig(config),
    senderEmail: required(config.SENDER_EMAIL, 'SENDER_EMAIL'),
  };
}
