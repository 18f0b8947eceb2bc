import 'aws-sdk-client-mock-vitest/extend';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EmfMetrics } from '../../shared/adapters/aws/emf-metrics';
import { registeredMailFromConfig } from '../../shared/adapters/aws/registered-mail-from-config';
import {
  CachedRegisteredMailSecret,
  type SecretReader,
} from '../../shared/adapters/aws/registered-mail-secret';
import { SecretsManagerReader } from '../../shared/adapters/aws/secrets-manager-reader';
import type { DossierRepository } from '../../shared/use-cases/ports';
import { RegisteredLettersByHand } from '../../shared/use-cases/registered-letters/post-by-hand';
import { TrackedRegisteredMail } from '../../shared/use-cases/registered-letters/tracked-registered-mail';

const SECRET = JSON.stringify({ apiKey: 'key-1', webhookSecret: 'whsec_0123456789abcdef' });

describe('CachedRegisteredMailSecret', () => {
  it('reads the secret once per container, again after ten minutes, and not after a failure', async () => {
    let clock = 0;
    const read = vi
      .fn<SecretReader['read']>()
      .mockRejectedValueOnce(new Error('throttled'))
      .mockResolvedValue(SECRET);
    const secret = new CachedRegisteredMailSecret({ read }, 'recouvrement/registered-mail', () => clock);
    await expect(secret.get()).rejects.toThrow('throttled');
    expect(await secret.get()).toEqual({ apiKey: 'key-1', webhookSecret: 'whsec_0123456789abcdef' });
    await secret.get();
    expect(read).toHaveBeenCalledTimes(2);
    clock = 11 * 60_000;
    await secret.get();
    expect(read).toHaveBeenCalledTimes(3);
    expect(read).toHaveBeenCalledWith('recouvrement/registered-mail');
  });

  it('names what the secret lacks, never its content', async () => {
    const secret = new CachedRegisteredMailSecret({ read: async () => '{"apiKey":"k-secret"}' }, 'lrar');
    await expect(secret.get()).rejects.toThrow(/lrar lacks webhookSecret/);
    await expect(secret.get()).rejects.not.toThrow(/k-secret/);
    const notJson = new CachedRegisteredMailSecret({ read: async () => 'k-secret' }, 'lrar');
    await expect(notJson.get()).rejects.toThrow(/^secret lrar is not JSON$/);
  });
});

describe('SecretsManagerReader', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => sm.reset());

  it('calls GetSecretValue by name', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'lrar' }).resolves({ SecretString: SECRET });
    const reader = new SecretsManagerReader(new SecretsManagerClient({ region: 'eu-west-3' }));
    expect(await reader.read('lrar')).toBe(SECRET);
    expect(sm).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: 'lrar' });
  });

  it('refuses a binary secret, naming the secret and not its content', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2]) });
    const reader = new SecretsManagerReader(new SecretsManagerClient({ region: 'eu-west-3' }));
    await expect(reader.read('lrar')).rejects.toThrow(/^secret lrar has no string value$/);
  });
});

describe('registeredMailFromConfig (AWS)', () => {
  const repository = {} as DossierRepository;
  it('posts by hand without a provider, through the provider (tracked) with its URL and secret name', () => {
    expect(registeredMailFromConfig({}, repository)).toBeInstanceOf(RegisteredLettersByHand);
    expect(
      registeredMailFromConfig({ REGISTERED_MAIL_URL: 'https://lrar.example' }, repository),
    ).toBeInstanceOf(RegisteredLettersByHand);
    const reader = { read: vi.fn(async () => SECRET) };
    const provider = registeredMailFromConfig(
      { REGISTERED_MAIL_URL: 'https://lrar.example', REGISTERED_MAIL_SECRET_NAME: 'lrar' },
      repository,
      reader,
    );
    expect(provider).toBeInstanceOf(TrackedRegisteredMail);
    // The key is read when a letter is posted, not at cold start.
    expect(reader.read).not.toHaveBeenCalled();
  });
});

describe('EmfMetrics', () => {
  it('writes one embedded-metric-format line CloudWatch turns into Recouvrement/DossierStuck', () => {
    const lines: string[] = [];
    new EmfMetrics(
      (line) => lines.push(line),
      'recouvrement',
      () => 1_774_000_000_000,
    ).count('DossierStuck');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      _aws: {
        Timestamp: 1_774_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: 'Recouvrement',
            Dimensions: [['service']],
            Metrics: [{ Name: 'DossierStuck', Unit: 'Count' }],
          },
        ],
      },
      service: 'recouvrement',
      DossierStuck: 1,
    });
  });
});
