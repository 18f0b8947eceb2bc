import type { DossierRepository, RegisteredMail } from '../../use-cases/ports';
import { RegisteredLettersByHand } from '../../use-cases/registered-letters/post-by-hand';
import { TrackedRegisteredMail } from '../../use-cases/registered-letters/tracked-registered-mail';
import type { LambdaConfig } from '../config';
import { HttpRegisteredMail } from '../http/http-registered-mail';
import { CachedRegisteredMailSecret, type SecretReader } from './registered-mail-secret';
import { SecretsManagerReader } from './secrets-manager-reader';

/** The provider's secret, when one is configured: one per container, shared by its callers. */
export function registeredMailSecretFromConfig(
  config: Pick<LambdaConfig, 'REGISTERED_MAIL_SECRET_NAME'>,
  reader: SecretReader = new SecretsManagerReader(),
): CachedRegisteredMailSecret | undefined {
  return config.REGISTERED_MAIL_SECRET_NAME
    ? new CachedRegisteredMailSecret(reader, config.REGISTERED_MAIL_SECRET_NAME)
    : undefined;
}

/**
 * How a formal notice is posted on AWS. With a provider (REGISTERED_MAIL_URL and
 * REGISTERED_MAIL_SECRET_NAME, from CDK context): its API, with the key read from Secrets
 * Manager, and the tracking lookup its webhook needs. Without: by hand, a task for a person.
 */
export function registeredMailFromConfig(
  config: Pick<LambdaConfig, 'REGISTERED_MAIL_URL' | 'REGISTERED_MAIL_SECRET_NAME'>,
  repository: DossierRepository,
  reader?: SecretReader,
): RegisteredMail {
  const secret = registeredMailSecretFromConfig(config, reader);
  if (!config.REGISTERED_MAIL_URL || !secret) return new RegisteredLettersByHand(repository);
  const provider = new HttpRegisteredMail({
    baseUrl: config.REGISTERED_MAIL_URL,
    apiKey: async () => (await secret.get()).apiKey,
  });
  return new TrackedRegisteredMail(provider, repository);
}
