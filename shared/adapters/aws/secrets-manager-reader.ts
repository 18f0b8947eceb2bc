import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretReader } from './registered-mail-secret';

/**
 * GetSecretValue by name, through one client per container (region and credentials from the
 * Lambda). The secret's value never reaches a log or an error message: only its name does.
 */
export class SecretsManagerReader implements SecretReader {
  constructor(private readonly client: SecretsManagerClient = new SecretsManagerClient({})) {}

  async read(secretName: string): Promise<string> {
    const out = await this.client.send(new GetSecretValueCommand({ SecretId: secretName }));
    if (!out.SecretString) throw new Error(`secret ${secretName} has no string value`);
    return out.SecretString;
  }
}
