import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchIntake } from '../../infra/local/bench/intake';
import {
  emptyUsage,
  indexWriteUnits,
  meterBlobStore,
  meterDynamoClient,
  meterLambda,
  meterMessenger,
} from '../../infra/local/cost/meter';
import { type LocalDynamo, startLocalDynamo } from '../../infra/local/dynamo';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import type { BlobStore, Messenger } from '../../shared/use-cases/ports';

const meta = {
  at: '2026-01-05T08:00:00Z',
  tenantId: 't',
  dossierId: 'd',
  debtorId: 'c',
  level: 'l',
  template: 'x',
  idempotencyKey: 'k',
};
const receipt = { channel: 'email' as const, reference: 'r' };
const messenger: Messenger = {
  sendEmail: async () => receipt,
  sendSms: async () => receipt,
  sendLetter: async () => receipt,
  announceCall: async () => receipt,
};

describe('counting decorators', () => {
  it('count messages by kind, SMS parts and registered letters', async () => {
    // Prepare
    const usage = emptyUsage();
    const metered = meterMessenger(messenger, usage);
    // Act
    await metered.sendEmail({
      ...meta,
      to: 'a@b.example',
      from: 'c@d.example',
      subject: 's',
      text: 't',
      html: 'h',
    });
    await metered.sendSms({ ...meta, to: '+33600000000', text: 'x'.repeat(200) });
    const letter = {
      ...meta,
      recipientName: 'n',
      recipientAddress: { line1: 'l', postalCode: '75001', city: 'Paris', country: 'FR' },
      pdf: new Uint8Array(1),
    };
    await metered.sendLetter({ ...letter, registered: true });
    await metered.sendLetter({ ...letter, registered: false });
    await metered.announceCall({ ...meta, priority: 1, summary: 's' });
    // Assess
    expect(usage.messages).toEqual({
      email: 1,
      sms: 1,
      smsSegments: 2,
      letter: 1,
      registeredLetter: 1,
      call: 1,
    });
  });

  it('count S3 requests and bytes, Lambda invocations and billed milliseconds', async () => {
    // Prepare
    const usage = emptyUsage();
    const store: BlobStore = {
      get: async () => new Uint8Array(3),
      put: async (_b, key) => ({ key, sha256: '' }),
    };
    const blobs = meterBlobStore(store, usage);
    const fn = meterLambda('escalation-decide', async (payload) => payload, usage);
    // Act
    await blobs.put('b', 'k', 'héllo', 'text/plain');
    await blobs.get('b', 'k');
    await fn({});
    await fn({});
    // Assess
    expect(usage.s3).toEqual({ put: 1, get: 1, putBytes: 6 });
    expect(usage.lambda['escalation-decide']!.invocations).toBe(2);
    expect(usage.lambda['escalation-decide']!.billedMs).toBeGreaterThanOrEqual(2);
  });

  it('counts index writes of an item per index it belongs to, twice for an overwrite', () => {
    const item = { PK: { S: 'p' }, SK: { S: 's' }, GSI1PK: { S: 'DUE#1' }, GSI3PK: { S: 'T#t#DOSSIERS' } };
    expect(indexWriteUnits(item, false)).toBe(2);
    expect(indexWriteUnits(item, true)).toBe(4);
    expect(indexWriteUnits({ PK: { S: 'p' }, data: { S: 'x'.repeat(1500) } }, false)).toBe(0);
  });
});

describe('DynamoDB request units on dynalite', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startLocalDynamo();
  });
  afterAll(async () => {
    await dynamo.stop();
  });

  it('counts write units with index writes, failed conditions, and read units', async () => {
    // Prepare
    const usage = emptyUsage();
    meterDynamoClient(dynamo.client, usage);
    const repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, 16);
    const event = {
      tenantId: 't',
      dossierId: 'd',
      eventId: 'e1',
      // A type the KPI aggregates ignore: its first write is the event's put alone.
      type: 'action-postponed',
      at: meta.at,
      day: '2026-01-05',
      actor: 'creditor',
    } as const;
    // Act
    await repository.appendEvent(event);
    await repository.appendEvent(event);
    await repository.getEvent('t', 'd', 'e1');
    // Assess: two puts of a small item without index keys (the second fails its condition, still billed), one consistent read.
    expect(usage.dynamo.requests).toEqual({ PutItem: 2, GetItem: 1 });
    expect(usage.dynamo.conditionalFailures).toBe(1);
    expect(usage.dynamo.wru).toBe(2);
    expect(usage.dynamo.rru).toBe(1);
  });
});

describe('bench modules, tiny scale', () => {
  it('ingests a seeded file and measures the raw floor in the same run', async () => {
    const result = await benchIntake({ rows: 30, seed: 3, conditionalSample: 0.5 });
    expect(result.accepted).toBe(30);
    expect(result.items).toBeGreaterThan(30);
    expect(result.ratio).toBeGreaterThan(0);
    expect(result.floorRowsPerSecond).toBeGreaterThan(0);
  });
});
