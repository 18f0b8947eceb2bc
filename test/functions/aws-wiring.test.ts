import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { sdkStreamMixin } from '@smithy/core/serde';
import type { Context, S3Event } from 'aws-lambda';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from 'vitest';
import { startLocalDynamo } from '../../infra/local/dynamo';
import { pageExecutionName } from '../../shared/adapters/aws/sfn-escalation-launcher';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { keys, shardOf } from '../../shared/adapters/dynamodb/keys';
import type { Dossier } from '../../shared/domain/dossier';
import type { StepDecision } from '../../shared/domain/escalation';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aDossier, aTenant } from '../support/builders';

/**
 * The real `functions/<name>/index.ts` modules — configuration from the environment, AWS adapters,
 * middy and Powertools — with every AWS SDK client mocked by class (aws-sdk-client-mock).
 */

const ENV = {
  AWS_REGION: 'eu-west-3',
  TABLE_NAME: 'recouvrement-test',
  DOCUMENTS_BUCKET: 'recouvrement-documents-test',
  SENDER_EMAIL: 'relances@creancier.example',
  ESCALATION_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-3:123456789012:stateMachine:escalation',
  JUDICIAL_STEP_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-3:123456789012:stateMachine:judicial-step',
  SES_CONFIGURATION_SET: 'recouvrement-events',
  SMS_SENDER_ID: 'RECOUVRE',
  SHARD_COUNT: '8',
} as const;

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** Literal imports, so the bundler-style resolution and the type checker see the real modules. */
const MODULES = {
  api: () => import('../../functions/api/index'),
  'dispatch-due': () => import('../../functions/dispatch-due/index'),
  'escalation-act': () => import('../../functions/escalation-act/index'),
  'escalation-decide': () => import('../../functions/escalation-decide/index'),
  'escalation-record': () => import('../../functions/escalation-record/index'),
  intake: () => import('../../functions/intake/index'),
  'prescription-scan': () => import('../../functions/prescription-scan/index'),
  'judicial-scan': () => import('../../functions/judicial-scan/index'),
  'judicial-read-stage': () => import('../../functions/judicial-read-stage/index'),
  'judicial-court-file': () => import('../../functions/judicial-court-file/index'),
  'judicial-watch': () => import('../../functions/judicial-watch/index'),
  'judicial-act': () => import('../../functions/judicial-act/index'),
  'judicial-record': () => import('../../functions/judicial-record/index'),
};
type FunctionName = keyof typeof MODULES;

/** A cold start: fresh module graph, so configuration is read again from process.env. */
async function coldStart(name: FunctionName): Promise<Handler> {
  vi.resetModules();
  const module = await MODULES[name]();
  return module.handler as unknown as Handler;
}

function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/03/10/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function invoke(handler: Handler, name: string, event: unknown): Promise<unknown> {
  return handler(event, lambdaContext(name));
}

function s3Event(bucket: string, encodedKey: string): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-3',
        eventTime: '2026-03-10T07:30:00.000Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
        requestParameters: { sourceIPAddress: '203.0.113.10' },
        responseElements: {
          'x-amz-request-id': 'C3D13FE58DE4C810',
          'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'intake',
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${bucket}`,
          },
          object: {
            key: encodedKey,
            size: 1024,
            eTag: 'd41d8cd98f00b204e9800998ecf8427e',
            sequencer: '0055AED6DCD90281E5',
          },
        },
      },
    ],
  };
}

/** What GetObject returns on Node: an SDK stream with transformToByteArray & co. */
function objectBody(text: string) {
  return sdkStreamMixin(Readable.from([Buffer.from(text, 'utf8')]));
}

// ---------------------------------------------------------------------------------------------
// Fixtures: items written by the real repository on dynalite and read back through lib-dynamodb,
// so the mocks return exactly what DynamoDB would (keys, index attributes, entity, numbers).
// ---------------------------------------------------------------------------------------------

const TENANT = 'tenant-wiring';
const DUE_DOSSIER: Dossier = aDossier({
  tenantId: TENANT,
  dossierId: 'DOS-CLI-001',
  // The courtesy e-mail went out before the due date (3 March); reminder-1 is due on D+1.
  levelIndex: 0,
  lastActionOn: '2026-02-28',
  nextActionOn: '2026-03-04',
});
const DISPUTED_DOSSIER: Dossier = aDossier({
  tenantId: TENANT,
  dossierId: 'DOS-CLI-002',
  nextActionOn: '2026-03-04',
});

const fixtures: {
  dossier: Record<string, unknown>;
  disputed: Record<string, unknown>;
  timeline: Record<string, unknown>[];
  disputedTimeline: Record<string, unknown>[];
  tenant: Record<string, unknown>;
} = { dossier: {}, disputed: {}, timeline: [], disputedTimeline: [], tenant: {} };

beforeAll(async () => {
  const dynamo = await startLocalDynamo();
  try {
    const repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, Number(ENV.SHARD_COUNT));
    await repository.putTenant(aTenant(TENANT));
    for (const dossier of [DUE_DOSSIER, DISPUTED_DOSSIER]) {
      await repository.createDossier(dossier);
      await repository.appendEvent({
        tenantId: TENANT,
        dossierId: dossier.dossierId,
        eventId: '2026-02-01#INV#F-2026-001',
        type: 'invoice-added',
        at: '2026-02-01T08:00:00.000Z',
        day: '2026-02-01',
        actor: 'creditor',
        amountCents: 120_000,
        invoiceNumbers: ['F-2026-001'],
      });
    }
    await repository.appendEvent({
      tenantId: TENANT,
      dossierId: DUE_DOSSIER.dossierId,
      eventId: '2026-02-28#ACT#courtesy#email',
      type: 'action-sent',
      at: '2026-02-28T06:00:00.000Z',
      day: '2026-02-28',
      actor: 'pipeline',
      level: 'courtesy',
      channel: 'email',
      template: 'courtesy',
      state: 'done',
    });
    await repository.appendEvent({
      tenantId: TENANT,
      dossierId: DISPUTED_DOSSIER.dossierId,
      eventId: '2026-03-02#DISPUTE#D-1',
      type: 'dispute-opened',
      at: '2026-03-02T10:00:00.000Z',
      day: '2026-03-02',
      actor: 'debtor',
      note: 'not-delivered',
    });
    const doc = DynamoDBDocumentClient.from(dynamo.client);
    const item = async (key: { PK: string; SK: string }) =>
      (await doc.send(new GetCommand({ TableName: dynamo.tableName, Key: key }))).Item!;
    const timeline = async (dossierId: string) =>
      (
        await doc.send(
          new QueryCommand({
            TableName: dynamo.tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
            ExpressionAttributeValues: { ':pk': keys.dossier(TENANT, dossierId).PK, ':prefix': 'EVT#' },
          }),
        )
      ).Items!;
    fixtures.dossier = await item(keys.dossier(TENANT, DUE_DOSSIER.dossierId));
    fixtures.disputed = await item(keys.dossier(TENANT, DISPUTED_DOSSIER.dossierId));
    fixtures.tenant = await item(keys.tenant(TENANT));
    fixtures.timeline = await timeline(DUE_DOSSIER.dossierId);
    fixtures.disputedTimeline = await timeline(DISPUTED_DOSSIER.dossierId);
    doc.destroy();
  } finally {
    await dynamo.stop();
  }
});

// ---------------------------------------------------------------------------------------------

let ddb: AwsClientStub<DynamoDBDocumentClient>;
let s3: AwsClientStub<S3Client>;
let ses: AwsClientStub<SESv2Client>;
let sns: AwsClientStub<SNSClient>;
let sfn: AwsClientStub<SFNClient>;
let stdout: MockInstance<typeof process.stdout.write>;
const savedEnv = { ...process.env };

/** Everything Powertools wrote (one JSON object per line). */
function logLines(): string {
  return stdout.mock.calls.map((call) => String(call[0])).join('');
}

beforeEach(() => {
  process.env = { ...savedEnv, ...ENV };
  ddb = mockClient(DynamoDBDocumentClient);
  s3 = mockClient(S3Client);
  ses = mockClient(SESv2Client);
  sns = mockClient(SNSClient);
  sfn = mockClient(SFNClient);
  stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterEach(() => {
  for (const stub of [ddb, s3, ses, sns, sfn]) stub.restore();
  stdout.mockRestore();
  process.env = { ...savedEnv };
});

afterAll(() => {
  vi.resetModules();
});

describe('configuration at cold start', () => {
  it('fails at import, naming TABLE_NAME, when it is missing', async () => {
    delete process.env.TABLE_NAME;
    await expect(coldStart('escalation-decide')).rejects.toThrow(/TABLE_NAME/);
  });

  it('fails at import, naming SENDER_EMAIL, when it is not an e-mail address', async () => {
    process.env.SENDER_EMAIL = 'relances-at-creancier';
    await expect(coldStart('escalation-act')).rejects.toThrow(/SENDER_EMAIL/);
  });

  it.each([
    ['dispatch-due', 'ESCALATION_STATE_MACHINE_ARN'],
    ['escalation-act', 'DOCUMENTS_BUCKET'],
    ['escalation-act', 'SENDER_EMAIL'],
    ['prescription-scan', 'SENDER_EMAIL'],
    // The sweep only starts judicial steps; the step's court file writes documents, its watches e-mail.
    ['judicial-scan', 'JUDICIAL_STEP_STATE_MACHINE_ARN'],
    ['judicial-court-file', 'DOCUMENTS_BUCKET'],
    ['judicial-watch', 'SENDER_EMAIL'],
    ['judicial-act', 'SENDER_EMAIL'],
    ['api', 'SENDER_EMAIL'],
  ] as const)(
    '%s fails at import, naming %s, when the variable it needs is missing',
    async (name, variable) => {
      delete process.env[variable];
      await expect(coldStart(name)).rejects.toThrow(new RegExp(variable));
    },
  );

  it('starts every function with the full environment, without calling AWS', async () => {
    for (const name of Object.keys(MODULES) as FunctionName[]) {
      await expect(coldStart(name)).resolves.toBeTypeOf('function');
    }
    for (const stub of [ddb, s3, ses, sns, sfn]) expect(stub).not.toHaveReceivedAnyCommand();
  });
});

describe('dispatch-due', () => {
  it("queries the due index of its shard up to asOf's Paris date and starts one escalation per dossier", async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [
        { tenantId: TENANT, dossierId: 'DOS-CLI-001', nextActionOn: '2026-03-04' },
        { tenantId: 'tenant-other', dossierId: 'DOS-X 7', nextActionOn: '2026-03-10' },
      ],
      Count: 2,
      ScannedCount: 2,
    });
    sfn.on(StartExecutionCommand).resolves({
      executionArn: 'arn:aws:states:eu-west-3:123456789012:execution:escalation:x',
      startDate: new Date(),
    });
    const handler = await coldStart('dispatch-due');

    // Act: 23:30 UTC on 9 March is already 10 March in Paris.
    const asOf = '2026-03-09T23:30:00.000Z';
    const result = await invoke(handler, 'dispatch-due', { shard: 5, asOf, cursor: null });

    // Assess
    expect(result).toEqual({ processed: 2, cursor: null });
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: ENV.TABLE_NAME,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :upper',
      ExpressionAttributeValues: { ':pk': 'DUE#5', ':upper': '2026-03-10$' },
    });
    // One execution for the page of both dossiers (STEP_PAGE_SIZE 50 by default).
    const dossiers = [
      { tenantId: TENANT, dossierId: 'DOS-CLI-001' },
      { tenantId: 'tenant-other', dossierId: 'DOS-X 7' },
    ];
    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: ENV.ESCALATION_STATE_MACHINE_ARN,
      name: pageExecutionName({ asOf, shard: 5, dossiers }),
      input: JSON.stringify({ asOf, dossiers }),
    });
    // Named after the Paris day, in the characters Step Functions accepts (no space).
    for (const call of sfn.commandCalls(StartExecutionCommand)) {
      expect(call.args[0].input.name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
      expect(call.args[0].input.name).toContain('-20260310');
    }
  });

  it('hands back a cursor after DISPATCH_BATCH dossiers and resumes from it', async () => {
    // Prepare
    process.env.DISPATCH_BATCH = '2';
    const lastKey = {
      PK: 'T#t#D#DOS-B',
      SK: 'DOSSIER',
      GSI1PK: 'DUE#0',
      GSI1SK: '2026-03-10#t#DOS-B',
    };
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: [
          { tenantId: 't', dossierId: 'DOS-A', nextActionOn: '2026-03-10' },
          { tenantId: 't', dossierId: 'DOS-B', nextActionOn: '2026-03-10' },
        ],
        LastEvaluatedKey: lastKey,
      })
      .resolvesOnce({ Items: [{ tenantId: 't', dossierId: 'DOS-C', nextActionOn: '2026-03-10' }] });
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x', startDate: new Date() });
    const handler = await coldStart('dispatch-due');
    const asOf = '2026-03-10T05:00:00.000Z';

    // Act
    const first = (await invoke(handler, 'dispatch-due', { shard: 0, asOf })) as {
      processed: number;
      cursor: string | null;
    };
    const second = await invoke(handler, 'dispatch-due', { shard: 0, asOf, cursor: first.cursor });

    // Assess
    expect(first.processed).toBe(2);
    expect(first.cursor).toEqual(expect.any(String));
    expect(second).toEqual({ processed: 1, cursor: null });
    expect(ddb).toHaveReceivedNthCommandWith(QueryCommand, 1, { Limit: 2, ExclusiveStartKey: undefined });
    expect(ddb).toHaveReceivedNthCommandWith(QueryCommand, 2, { Limit: 2, ExclusiveStartKey: lastKey });
    // One page per task here: DOS-A and DOS-B, then DOS-C.
    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 2);
  });

  it('treats an execution name already used today as started (STANDARD machines reject duplicates)', async () => {
    ddb
      .on(QueryCommand)
      .resolves({ Items: [{ tenantId: 't', dossierId: 'DOS-A', nextActionOn: '2026-03-10' }] });
    sfn
      .on(StartExecutionCommand)
      .rejects(Object.assign(new Error('already'), { name: 'ExecutionAlreadyExists' }));
    const handler = await coldStart('dispatch-due');

    await expect(
      invoke(handler, 'dispatch-due', { shard: 1, asOf: '2026-03-10T05:00:00.000Z' }),
    ).resolves.toEqual({ processed: 1, cursor: null });
  });

  it('fails the task, naming the dossiers, when Step Functions refuses a start', async () => {
    process.env.STEP_PAGE_SIZE = '1';
    ddb.on(QueryCommand).resolves({
      Items: [
        { tenantId: 't', dossierId: 'DOS-A', nextActionOn: '2026-03-10' },
        { tenantId: 't', dossierId: 'DOS-B', nextActionOn: '2026-03-10' },
      ],
    });
    sfn
      .on(StartExecutionCommand)
      .resolves({ executionArn: 'arn:x', startDate: new Date() })
      .on(StartExecutionCommand, {
        name: pageExecutionName({
          asOf: '2026-03-10T05:00:00.000Z',
          shard: 1,
          dossiers: [{ tenantId: 't', dossierId: 'DOS-B' }],
        }),
      })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const handler = await coldStart('dispatch-due');

    await expect(
      invoke(handler, 'dispatch-due', { shard: 1, asOf: '2026-03-10T05:00:00.000Z' }),
    ).rejects.toThrow(/1 of 2 escalation starts failed: DOS-B/);
  });

  it('rejects a malformed sweep input before touching DynamoDB', async () => {
    const handler = await coldStart('dispatch-due');
    await expect(
      invoke(handler, 'dispatch-due', { shard: -1, asOf: '2026-03-10T05:00:00.000Z' }),
    ).rejects.toThrow(/shard/);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});

describe('escalation-decide', () => {
  const asOf = '2026-03-04T05:00:00.000Z';
  const page = (...dossierIds: string[]) => ({
    asOf,
    dossiers: dossierIds.map((dossierId) => ({ tenantId: TENANT, dossierId })),
  });

  it('reads each dossier with its timeline in one Query and returns the decisions of the page', async () => {
    // Prepare
    const { PK } = keys.dossier(TENANT, DUE_DOSSIER.dossierId);
    ddb.on(GetCommand, { Key: keys.tenant(TENANT) }).resolves({ Item: fixtures.tenant });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': PK } })
      .resolves({ Items: [fixtures.dossier, ...fixtures.timeline] });
    const handler = await coldStart('escalation-decide');

    // Act
    const decided = (await invoke(handler, 'escalation-decide', page(DUE_DOSSIER.dossierId))) as {
      decisions: { dossierId: string; decision: StepDecision }[];
      count: number;
    };

    // Assess
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: ENV.TABLE_NAME,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': PK, ':from': 'DOSSIER', ':to': 'EVT#~' },
      ConsistentRead: true,
    });
    expect(ddb).not.toHaveReceivedCommandWith(GetCommand, { Key: { PK, SK: 'DOSSIER' } });
    expect(decided.count).toBe(1);
    expect(decided.decisions[0]).toEqual({
      tenantId: TENANT,
      dossierId: DUE_DOSSIER.dossierId,
      decision: {
        kind: 'act',
        day: '2026-03-04',
        levelIndex: 1,
        level: 'reminder-1',
        levelKind: 'reminder',
        skipped: [],
        actions: [expect.objectContaining({ level: 'reminder-1', channel: 'email', day: '2026-03-04' })],
        nextActionOn: '2026-03-11',
      },
    });
  });

  it('stops a dossier whose timeline holds a dispute', async () => {
    const { PK } = keys.dossier(TENANT, DISPUTED_DOSSIER.dossierId);
    ddb.on(GetCommand, { Key: keys.tenant(TENANT) }).resolves({ Item: fixtures.tenant });
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': PK } })
      .resolves({ Items: [fixtures.disputed, ...fixtures.disputedTimeline] });
    const handler = await coldStart('escalation-decide');

    const decided = await invoke(handler, 'escalation-decide', page(DISPUTED_DOSSIER.dossierId));

    expect(decided).toMatchObject({
      decisions: [{ decision: { kind: 'stop', status: 'disputed', day: '2026-03-04' } }],
    });
  });

  it('decides nothing for a dossier that does not exist: nothing handed on', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(GetCommand).resolves({});
    const handler = await coldStart('escalation-decide');

    const decided = await invoke(handler, 'escalation-decide', page('DOS-NOPE'));

    expect(decided).toEqual({ decisions: [], failures: [], count: 0 });
  });
});

describe('escalation-act', () => {
  const asOf = '2026-03-04T05:00:00.000Z';
  const emailAction = {
    level: 'reminder-1',
    levelKind: 'reminder',
    channel: 'email',
    template: 'reminder-1',
    tone: 'courteous',
    day: '2026-03-04',
  };
  const eventKey = keys.event(TENANT, DUE_DOSSIER.dossierId, '2026-03-04#ACT#reminder-1#email');

  /**
   * The page's dossiers come in one BatchGetItem; the tenant's profile by its key. The page's
   * claims go in one TransactWriteItems, their 'done' marks in one BatchWriteItem.
   */
  function dossierAndTenant(): void {
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: {} });
    ddb.on(BatchGetCommand).resolves({ Responses: { [ENV.TABLE_NAME]: [fixtures.dossier] } });
    ddb.on(GetCommand, { Key: keys.tenant(TENANT) }).resolves({ Item: fixtures.tenant });
  }

  /** ActOnPage's input: one 'act' decision of DUE_DOSSIER with this one action. */
  const actPage = (action: Record<string, unknown>) => ({
    asOf,
    decisions: [
      {
        tenantId: TENANT,
        dossierId: DUE_DOSSIER.dossierId,
        decision: {
          kind: 'act',
          day: '2026-03-04',
          levelIndex: 1,
          level: action.level,
          levelKind: 'reminder',
          skipped: [],
          actions: [action],
        },
      },
    ],
  });

  it('sends the e-mail through SES with the configuration set, after storing its .eml in the documents bucket', async () => {
    // Prepare
    dossierAndTenant();
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    const order: string[] = [];
    s3.on(PutObjectCommand).callsFake(() => {
      order.push('s3:PutObject');
      return { ETag: '"e"' };
    });
    ses.on(SendEmailCommand).callsFake(() => {
      order.push('ses:SendEmail');
      return { MessageId: '0102018e-ses-message-id' };
    });
    const handler = await coldStart('escalation-act');

    // Act
    const result = await invoke(handler, 'escalation-act', actPage(emailAction));

    // Assess
    expect(result).toEqual({ failures: [], actions: { sent: 1, 'already-sent': 0, skipped: 0 } });
    expect(ddb).toHaveReceivedCommandWith(BatchGetCommand, {
      RequestItems: {
        [ENV.TABLE_NAME]: { Keys: [keys.dossier(TENANT, DUE_DOSSIER.dossierId)], ConsistentRead: true },
      },
    });
    expect(order).toEqual(['s3:PutObject', 'ses:SendEmail']);

    // The action is claimed on the timeline before anything is sent: a conditional put in the
    // page's transaction of claims (one, here), no claim of its own.
    expect(ddb).toHaveReceivedCommandWith(TransactWriteCommand, {
      TransactItems: [
        {
          Put: {
            TableName: ENV.TABLE_NAME,
            Item: expect.objectContaining({ ...eventKey, state: 'pending', type: 'action-sent' }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ],
    });
    expect(ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.SK)).not.toContain(
      eventKey.SK,
    );

    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      ConfigurationSetName: ENV.SES_CONFIGURATION_SET,
      FromEmailAddress: ENV.SENDER_EMAIL,
      Destination: { ToAddresses: [DUE_DOSSIER.debtor.email!] },
      ReplyToAddresses: [aTenant(TENANT).email],
      EmailTags: expect.arrayContaining([{ Name: 'level', Value: 'reminder-1' }]),
    });

    const idempotencyKey = `${TENANT}#${DUE_DOSSIER.dossierId}#2026-03-04#ACT#reminder-1#email`;
    const emlKey = `${TENANT}/${DUE_DOSSIER.dossierId}/email/${idempotencyKey.replaceAll('#', '_')}.eml`;
    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: ENV.DOCUMENTS_BUCKET,
      Key: emlKey,
      ContentType: 'message/rfc822',
    });
    const put = s3.commandCalls(PutObjectCommand)[0]!.args[0].input;
    const eml = Buffer.from(put.Body as Uint8Array).toString('utf8');
    expect(eml).toContain(`X-Recouvrement-Key: ${idempotencyKey}`);
    expect(eml).toMatch(new RegExp(`^To: .*${DUE_DOSSIER.debtor.email!.replace('.', '\\.')}`, 'm'));
    const sha256 = createHash('sha256')
      .update(put.Body as Uint8Array)
      .digest('hex');
    expect(put.ChecksumSHA256).toBe(Buffer.from(sha256, 'hex').toString('base64'));

    // The timeline event is completed with the evidence's key and fingerprint, in the page's
    // batch of 'done' marks: the claim whole, its state 'done'.
    expect(ddb).toHaveReceivedCommandWith(BatchWriteCommand, {
      RequestItems: {
        [ENV.TABLE_NAME]: [
          {
            PutRequest: {
              Item: expect.objectContaining({
                ...eventKey,
                type: 'action-sent',
                state: 'done',
                document: { key: emlKey, sha256 },
              }),
            },
          },
        ],
      },
    });

    // Personal data never reaches the logs; ids do.
    const logs = logLines();
    expect(logs).toContain('action sent');
    expect(logs).toContain(DUE_DOSSIER.dossierId);
    for (const secret of [DUE_DOSSIER.debtor.email!, DUE_DOSSIER.debtor.phone!, DUE_DOSSIER.debtor.name]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('does not send again an e-mail whose timeline event is already done', async () => {
    // Prepare
    dossierAndTenant();
    // The page's transaction of claims is cancelled (this one exists), then its own put refused.
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
        $metadata: {},
      }),
    );
    ddb
      .on(PutCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }),
      );
    ddb.on(GetCommand, { Key: eventKey }).resolves({
      Item: {
        ...eventKey,
        entity: 'TimelineEvent',
        tenantId: TENANT,
        dossierId: DUE_DOSSIER.dossierId,
        eventId: '2026-03-04#ACT#reminder-1#email',
        type: 'action-sent',
        at: asOf,
        day: '2026-03-04',
        actor: 'pipeline',
        state: 'done',
      } satisfies Record<string, unknown> & TimelineEvent,
    });
    const handler = await coldStart('escalation-act');

    // Act
    const result = await invoke(handler, 'escalation-act', actPage(emailAction));

    // Assess
    expect(result).toEqual({ failures: [], actions: { sent: 0, 'already-sent': 1, skipped: 0 } });
    expect(ses).not.toHaveReceivedAnyCommand();
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
    expect(ddb).not.toHaveReceivedCommand(BatchWriteCommand);
  });

  it('sends an SMS through SNS as transactional, with the sender id', async () => {
    dossierAndTenant();
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    sns.on(PublishCommand).resolves({ MessageId: 'sns-message-1' });
    const handler = await coldStart('escalation-act');

    const result = await invoke(
      handler,
      'escalation-act',
      actPage({ ...emailAction, level: 'reminder-2', template: 'reminder-2', channel: 'sms', tone: 'firm' }),
    );

    expect(result).toEqual({ failures: [], actions: { sent: 1, 'already-sent': 0, skipped: 0 } });
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      PhoneNumber: DUE_DOSSIER.debtor.phone!,
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: ENV.SMS_SENDER_ID },
      },
    });
    expect(ses).not.toHaveReceivedAnyCommand();
  });
});

describe('intake', () => {
  const INTAKE_BUCKET = 'recouvrement-intake-test';
  const HEADER =
    'invoice_number,debtor_ref,debtor_type,debtor_name,debtor_email,debtor_phone,address_line1,postal_code,city,country,amount,issue_date,due_date';
  const GOOD =
    'F-100,CLI-9,professional,Garage Martin,contact@martin.example,+33612345678,5 avenue Foch,75016,Paris,FR,1234.56,2026-02-01,2026-03-03';
  const BAD =
    'F-101,CLI-9,professional,Garage Martin,contact@martin.example,+33612345678,5 avenue Foch,75016,Paris,FR,-12,2026-02-01,2026-03-03';

  it('reads the object, writes the dossier with conditional puts, and puts a rejects report beside it', async () => {
    // Prepare
    const key = `${TENANT}/2026-03/relances mars.csv`;
    s3.on(GetObjectCommand, { Bucket: INTAKE_BUCKET, Key: key }).callsFake(() => ({
      Body: objectBody([HEADER, GOOD, BAD].join('\n')),
      ContentType: 'text/csv',
    }));
    s3.on(PutObjectCommand).resolves({});
    // The generic answer first: a later, more specific matcher must win (the tenant's profile,
    // which intake requires before it stores anything).
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: keys.tenant(TENANT) }).resolves({ Item: fixtures.tenant });
    ddb.on(BatchGetCommand).resolves({ Responses: { [ENV.TABLE_NAME]: [] } });
    ddb.on(PutCommand).resolves({});
    ddb.on(BatchWriteCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    const handler = await coldStart('intake');

    // Act: S3 URL-encodes the key in the event, spaces as '+'.
    const outcomes = await invoke(
      handler,
      'intake',
      s3Event(INTAKE_BUCKET, `${TENANT}/2026-03/relances+mars.csv`),
    );

    // Assess
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: INTAKE_BUCKET, Key: key });
    expect(outcomes).toEqual([
      {
        kind: 'invoices',
        key,
        report: {
          tenantId: TENANT,
          rows: 2,
          accepted: 1,
          alreadyImported: 0,
          encoding: 'utf-8',
          // The reason names the field, never quotes the debtor's data.
          rejected: [{ row: 3, invoiceNumber: 'F-101', field: 'amount', reason: 'not a positive amount' }],
          dossiers: 1,
        },
        rejectsKey: `${key}.rejects.csv`,
      },
    ]);

    // The debtors' dossiers are read in one batch; the invoice-added events, identical on a retry,
    // are written in batches; the claim and the dossier are conditional puts, in transactions of
    // up to 100 on AWS (invoice-claims.ts, dossier-transactions.ts).
    expect(ddb).toHaveReceivedCommandWith(BatchGetCommand, {
      RequestItems: { [ENV.TABLE_NAME]: { Keys: [keys.dossier(TENANT, 'DOS-CLI-9')], ConsistentRead: true } },
    });
    const batched = ddb
      .commandCalls(BatchWriteCommand)
      .flatMap((call) => call.args[0].input.RequestItems?.[ENV.TABLE_NAME] ?? []);
    expect(batched.map((request) => request.PutRequest?.Item)).toEqual([
      expect.objectContaining({
        ...keys.event(TENANT, 'DOS-CLI-9', '2026-03-10#INV#F-100'),
        entity: 'TimelineEvent',
        type: 'invoice-added',
      }),
    ]);
    expect(ddb).not.toHaveReceivedCommand(PutCommand);
    const puts = ddb
      .commandCalls(TransactWriteCommand)
      .flatMap((call) => call.args[0].input.TransactItems ?? [])
      .map((item) => item.Put!);
    expect(puts.map((put) => put.Item?.entity).sort()).toEqual(['Dossier', 'InvoiceClaim']);
    for (const put of puts) {
      expect(put.TableName).toBe(ENV.TABLE_NAME);
      expect(put.ConditionExpression).toBe('attribute_not_exists(PK)');
    }
    const dossier = puts.find((put) => put.Item?.entity === 'Dossier')!.Item!;
    const shard = shardOf(TENANT, 'DOS-CLI-9', Number(ENV.SHARD_COUNT));
    expect(dossier).toMatchObject({
      ...keys.dossier(TENANT, 'DOS-CLI-9'),
      // On the sweep index of its shard (SHARD_COUNT from the environment), due today.
      ...keys.due(shard, '2026-03-10', TENANT, 'DOS-CLI-9'),
      status: 'open',
      invoices: [expect.objectContaining({ number: 'F-100', amountCents: 123_456 })],
    });
    expect(puts.find((put) => put.Item?.entity === 'InvoiceClaim')!.Item).toMatchObject({
      ...keys.invoiceClaim(TENANT, 'F-100'),
      dossierId: 'DOS-CLI-9',
    });

    expect(s3).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: INTAKE_BUCKET,
      Key: `${key}.rejects.csv`,
      ContentType: 'text/csv; charset=utf-8',
    });
    const report = s3.commandCalls(PutObjectCommand)[0]!.args[0].input.Body as Uint8Array;
    // As French Excel opens it: a BOM, ';' separators, CRLF, one line per rejected row.
    expect(Buffer.from(report).toString('utf8')).toBe(
      '\ufeffline;invoice_number;field;reason\r\n3;F-101;amount;not a positive amount\r\n',
    );

    const logs = logLines();
    expect(logs).toContain('intake file processed');
    for (const secret of ['contact@martin.example', '+33612345678', 'Garage Martin', '5 avenue Foch']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('writes no rejects report when every row is good', async () => {
    s3.on(GetObjectCommand).callsFake(() => ({ Body: objectBody([HEADER, GOOD].join('\n')) }));
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: keys.tenant(TENANT) }).resolves({ Item: fixtures.tenant });
    ddb.on(BatchGetCommand).resolves({});
    ddb.on(PutCommand).resolves({});
    ddb.on(BatchWriteCommand).resolves({});
    const handler = await coldStart('intake');

    const outcomes = await invoke(handler, 'intake', s3Event(INTAKE_BUCKET, `${TENANT}/clean.csv`));

    expect(outcomes).toEqual([
      expect.objectContaining({
        kind: 'invoices',
        report: expect.objectContaining({ accepted: 1, rejected: [] }),
      }),
    ]);
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
  });

  it('ignores its own rejects reports', async () => {
    const handler = await coldStart('intake');

    const outcomes = await invoke(
      handler,
      'intake',
      s3Event(INTAKE_BUCKET, `${TENANT}/mars.csv.rejects.csv`),
    );

    expect(outcomes).toEqual([
      { kind: 'ignored', key: `${TENANT}/mars.csv.rejects.csv`, reason: 'intake report' },
    ]);
    expect(s3).not.toHaveReceivedAnyCommand();
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});
