import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readDeployConfig } from '../../infra/aws/deploy-config';
import { DEFAULT_SHARD_COUNT } from '../../shared/adapters/dynamodb/table-schema';

const configWith = (context: Record<string, unknown>) => readDeployConfig(new App({ context }).node);

describe('deploy parameters (CDK context)', () => {
  it('has defaults that let `cdk synth` run without arguments', () => {
    expect(configWith({})).toEqual({
      senderEmail: 'noreply@example.com',
      sesIdentity: 'noreply@example.com',
      smsSenderId: 'Recouvrmt',
      shardCount: DEFAULT_SHARD_COUNT,
      shardsPerTask: 4,
      alarmEmail: undefined,
      dispatchBatch: 2_000,
      stepPageSize: 50,
      bundleAwsSdk: undefined,
      startsInFlight: 20,
      stepReservedConcurrency: undefined,
      registeredMail: undefined,
      stuckAfterFailures: 3,
    });
  });

  it('reads the dispatch rate and the step concurrency cap', () => {
    expect(configWith({ startsInFlight: '40', stepReservedConcurrency: '300' })).toMatchObject({
      startsInFlight: 40,
      stepReservedConcurrency: 300,
    });
  });

  it('reads the shards one sweep page task walks', () => {
    expect(configWith({ shardsPerTask: '16' }).shardsPerTask).toBe(16);
  });

  it('leaves the AWS SDK placement to each function unless one is forced for all', () => {
    expect(configWith({ bundleAwsSdk: 'true' }).bundleAwsSdk).toBe(true);
    expect(configWith({ bundleAwsSdk: 'false' }).bundleAwsSdk).toBe(false);
    expect(configWith({}).bundleAwsSdk).toBeUndefined();
  });

  it('reads -c values, which arrive as strings', () => {
    const config = configWith({
      senderEmail: 'relances@cabinet.fr',
      sesIdentity: 'cabinet.fr',
      smsSenderId: 'Cabinet',
      shardCount: '32',
      alarmEmail: 'ops@cabinet.fr',
    });
    expect(config).toMatchObject({ sesIdentity: 'cabinet.fr', shardCount: 32, alarmEmail: 'ops@cabinet.fr' });
  });

  it.each([
    [{ senderEmail: 'not-an-address' }, /senderEmail/],
    [{ senderEmail: 'a@cabinet.fr', sesIdentity: 'other.fr' }, /sesIdentity/],
    [{ smsSenderId: 'TwelveChars1' }, /smsSenderId/],
    [{ smsSenderId: '123456' }, /smsSenderId/],
    [{ smsSenderId: 'AB' }, /smsSenderId/],
    [{ shardCount: '0' }, /shardCount/],
    [{ shardCount: '2.5' }, /shardCount/],
    [{ shardsPerTask: '0' }, /shardsPerTask/],
    [{ alarmEmail: 'ops' }, /alarmEmail/],
    [{ startsInFlight: '0' }, /startsInFlight/],
    [{ stepReservedConcurrency: '0' }, /stepReservedConcurrency/],
  ])('refuses %o at synth time', (context, message) => {
    expect(() => configWith(context)).toThrow(message);
  });
});
