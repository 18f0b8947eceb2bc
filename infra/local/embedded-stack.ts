import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';
import { makeHandler as makeApi } from '../../functions/api/handler';
import { makeHandler as makeDeliveryFeedback } from '../../functions/delivery-feedback/handler';
import { makeHandler as makeDispatchDue } from '../../functions/dispatch-due/handler';
import { makeHandler as makeAct } from '../../functions/escalation-act/handler';
import { makeHandler as makeDecide } from '../../functions/escalation-decide/handler';
import { makeHandler as makeFailed } from '../../functions/escalation-failed/handler';
import { makeHandler as makeRecord } from '../../functions/escalation-record/handler';
import { makeHandler as makeIntake } from '../../functions/intake/handler';
import { makeHandler as makeJudicialScan } from '../../functions/judicial-scan/handler';
import { makeHandler as makeMonthlyStatements } from '../../functions/monthly-statements/handler';
import { makeHandler as makePrescriptionScan } from '../../functions/prescription-scan/handler';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { DynamoIdempotencyKeys } from '../../shared/adapters/dynamodb/idempotency-keys';
import { DEFAULT_SHARD_COUNT } from '../../shared/adapters/dynamodb/table-schema';
import { MessengerEnforcementHandOff } from '../../shared/adapters/enforcement-hand-off';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store';
import { FolderDocumentStore } from '../../shared/adapters/local/folder-document-store';
import { LocalRegisteredMail } from '../../shared/adapters/local/local-registered-mail';
import { LoggedMetrics } from '../../shared/adapters/local/logged-metrics';
import { OutboxMessenger } from '../../shared/adapters/local/outbox-messenger';
import { DEFAULT_DATA_DIR, localRateSource } from '../../shared/adapters/local/rate-overrides-file';
import { PdfLetterRenderer } from '../../shared/adapters/pdf/pdf-letter-renderer';
import type { LocalDate } from '../../shared/domain/calendar';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import { DEFAULT_STUCK_AFTER_FAILURES } from '../../shared/use-cases/escalation/record-step-failure';
import { recordDeliveryReceipt } from '../../shared/use-cases/events/record-delivery-receipt';
import type { IntakeObjectOutcome } from '../../shared/use-cases/intake/intake-object';
import type { BlobStore, EscalationLauncher, Logger, Messenger } from '../../shared/use-cases/ports';
import { SWEEP_SCHEDULES } from '../sweep-schedules';
import { type ExecutionObserver, type LocalFunction, LocalStateMachine, loadDefinition } from './asl-runner';
import { DeliverySimulator } from './delivery-simulator';
import { type LocalDynamo, startLocalDynamo } from './dynamo';
import { LocalEscalationLauncher } from './local-escalation-launcher';

export const INTAKE_BUCKET = 'intake';
export const DOCUMENTS_BUCKET = 'documents';

export interface EmbeddedOptions {
  /** Outbox and buckets live here: `<outDir>/outbox.jsonl`, `<outDir>/buckets/<bucket>/...`. */
  outDir: string;
  logger: Logger;
  shardCount?: number;
  senderEmail?: string;
  /** Escalation steps run at once by one sweep page. */
  concurrency?: number;
  /** Dossiers one sweep page task dispatches (DISPATCH_BATCH on AWS); small values exercise the paging. */
  dispatchBatch?: number;
  /** "Now" for requests that carry no time of their own (API calls): the simulated clock. */
  now?: () => Date;
  /** Optional wrappers around the ports and functions (the cost meter counts billable units through them). */
  hooks?: EmbeddedHooks;
  /** Failed escalation steps in a row before a dossier is parked (STUCK_AFTER_FAILURES on AWS). */
  stuckAfterFailures?: number;
  /** Folder of the operators' data: `<dataDir>/rates.json` holds the rate overrides (default `data`). */
  dataDir?: string;
  /** dynalite's LevelDB folder: the table survives a restart (`serve`); in memory when absent. */
  dynamoPath?: string;
  /** Where both buckets live instead of `<outDir>/buckets` (`serve`: the local S3 endpoint). */
  blobStore?: BlobStore;
}

/**
 * Seams for decorators: each hook receives the real part and returns what the handlers use.
 * Without hooks the stack is exactly the plain embedded pipeline.
 */
export interface EmbeddedHooks {
  dynamoClient?(client: DynamoDBClient): void;
  messenger?(messenger: Messenger): Messenger;
  /** Both buckets (intake and documents) go through the one store the stack builds. */
  blobs?(blobs: BlobStore): BlobStore;
  /** What dispatch-due starts escalation steps through. */
  launcher?(launcher: EscalationLauncher): EscalationLauncher;
  /** Each Lambda, by its functions/ folder name. */
  lambda?(name: string, fn: LocalFunction): LocalFunction;
  execution?: ExecutionObserver;
}

export interface EmbeddedStack {
  deps: PipelineDeps;
  dynamo: LocalDynamo;
  repository: DynamoDossierRepository;
  blobs: FolderBlobStore;
  functions: Record<string, LocalFunction>;
  machines: {
    escalation: LocalStateMachine;
    overdueSweep: LocalStateMachine;
    prescriptionSweep: LocalStateMachine;
    judicialSweep: LocalStateMachine;
  };
  launches: LocalEscalationLauncher['stats'];
  /** Dossiers the escalation stepped since the previous call (a simulation re-reads only these). */
  takeStepped(): { tenantId: string; dossierId: string }[];
  /** `serve` stopping: the escalation steps in flight finish, no other starts (local-escalation-launcher.ts). */
  interruptLaunches(): void;
  launchesInterrupted(): boolean;
  /** Puts an object in the intake bucket and delivers the S3 event AWS would send, stamped `at`. */
  putIntakeObject(key: string, body: string | Uint8Array, at: string): Promise<IntakeObjectOutcome[]>;
  runOverdueSweep(asOf: string): Promise<unknown>;
  runPrescriptionSweep(asOf: string): Promise<unknown>;
  /** The daily judicial sweep (court deadlines, docs/legal.md §10), as its 03:00 schedule runs it on AWS. */
  runJudicialSweep(asOf: string): Promise<unknown>;
  /** The simulated LRAR service: formal notices are delivered 2 working days after posting. */
  registeredMail: LocalRegisteredMail;
  /** Records the delivery receipts the registered-mail service issued by `day` (as its webhook would). */
  deliverReceipts(day: LocalDate): Promise<number>;
  /**
   * Delivers the bounces and SMS failures the simulated providers owe (messages to `@bounce.example`
   * or a fiction-range number) to the delivery-feedback function. The overdue sweep calls it at its end.
   */
  deliverFeedback(): Promise<number>;
  stop(): Promise<void>;
}

/** A Lambda's view of its payload: JSON in, JSON out, so nothing passes locally that AWS would not carry. */
function asLambda(handler: (event: never, context: never) => Promise<unknown>): LocalFunction {
  return async (payload) => {
    const result = await handler(JSON.parse(JSON.stringify(payload ?? null)) as never, {} as never);
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  };
}

function s3Event(bucket: string, key: string, size: number, at: string): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-3',
        eventTime: at,
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'intake',
          bucket: { name: bucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${bucket}` },
          // S3 URL-encodes keys in events, spaces as '+'.
          object: {
            key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size,
            eTag: '',
            sequencer: '0',
          },
        },
      },
    ],
  };
}

/**
 * The whole pipeline in one process: dynalite for DynamoDB, folders for S3, an outbox for
 * SES/SNS/letters, and aws-local-stepfunctions running the very ASL files CDK deploys, each
 * Task mapped to the same handler module the Lambda runs (functions/<name>/handler.ts).
 */
export async function startEmbeddedStack(options: EmbeddedOptions): Promise<EmbeddedStack> {
  const shardCount = options.shardCount ?? DEFAULT_SHARD_COUNT;
  const hooks = options.hooks ?? {};
  const dynamo = await startLocalDynamo(options.dynamoPath ? { path: options.dynamoPath } : {});
  hooks.dynamoClient?.(dynamo.client);
  const repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, shardCount);
  const blobs = new FolderBlobStore(join(options.outDir, 'buckets'));
  const base = options.blobStore ?? blobs;
  const store = hooks.blobs ? hooks.blobs(base) : base;
  const outbox = new DeliverySimulator(new OutboxMessenger(options.outDir), options.outDir);
  const registeredMail = new LocalRegisteredMail({ outDir: options.outDir });
  const launcher = new LocalEscalationLauncher(options.logger, options.concurrency ?? 8);
  const deps: PipelineDeps = {
    repository,
    tenants: repository,
    messenger: hooks.messenger ? hooks.messenger(outbox) : outbox,
    letters: new PdfLetterRenderer(),
    registeredMail,
    documents: store,
    documentsBucket: DOCUMENTS_BUCKET,
    launcher: hooks.launcher ? hooks.launcher(launcher) : launcher,
    logger: options.logger,
    shardCount,
    dispatchBatch: options.dispatchBatch ?? 2_000,
    senderEmail: options.senderEmail ?? 'relances@recouvrement.example',
    // Packaged rates + `<dataDir>/rates.json`, as the config bucket's overrides on AWS.
    rates: localRateSource(options.dataDir ?? DEFAULT_DATA_DIR, options.logger),
  };
  // The timeline's documents: the outbox (letters, e-mails), then the documents bucket (court files).
  const documentStore = new FolderDocumentStore(options.outDir, { blobs: store, name: DOCUMENTS_BUCKET });
  const intake = makeIntake({ repository, tenants: repository, blobs: store, logger: options.logger });
  const handlers: Record<string, LocalFunction> = {
    intake: asLambda(intake as never),
    'escalation-decide': asLambda(makeDecide(deps) as never),
    'escalation-act': asLambda(makeAct(deps) as never),
    'escalation-record': asLambda(makeRecord(deps) as never),
    'escalation-failed': asLambda(
      makeFailed({
        repository,
        tenants: repository,
        logger: options.logger,
        metrics: new LoggedMetrics(options.logger),
        stuckAfterFailures: options.stuckAfterFailures ?? DEFAULT_STUCK_AFTER_FAILURES,
      }) as never,
    ),
    'dispatch-due': asLambda(makeDispatchDue(deps) as never),
    'prescription-scan': asLambda(makePrescriptionScan(deps) as never),
    // The court file reads the formal notice's PDF from the outbox, where it was written embedded.
    'judicial-scan': asLambda(makeJudicialScan({ ...deps, documentStore }) as never),
    // The client API's extras: Idempotency-Key in the same table, the documents from the outbox.
    api: asLambda(
      makeApi(
        {
          ...deps,
          idempotency: new DynamoIdempotencyKeys(dynamo.client, dynamo.tableName),
          documentStore,
          // The enforcement mandate's hand-off: an e-mail to the outbox, as SES on AWS.
          enforcementHandOff: new MessengerEnforcementHandOff(deps.messenger, deps.senderEmail),
        },
        options.now,
      ) as never,
    ),
    'delivery-feedback': asLambda(makeDeliveryFeedback({ repository, logger: options.logger }) as never),
    'monthly-statements': asLambda(makeMonthlyStatements(deps) as never),
  };
  const functions: Record<string, LocalFunction> = Object.fromEntries(
    Object.entries(handlers).map(([name, fn]) => [name, hooks.lambda ? hooks.lambda(name, fn) : fn]),
  );
  const values = { LastShard: shardCount - 1 };
  const machine = (name: string) =>
    new LocalStateMachine(name, loadDefinition(name, values), functions, hooks.execution);
  const machines = {
    escalation: machine('escalation'),
    overdueSweep: machine('overdue-sweep'),
    prescriptionSweep: machine('prescription-sweep'),
    judicialSweep: machine('judicial-sweep'),
  };
  launcher.machine = machines.escalation;

  return {
    deps,
    dynamo,
    repository,
    blobs,
    functions,
    machines,
    launches: launcher.stats,
    takeStepped: () => launcher.takeStepped(),
    interruptLaunches: () => launcher.interrupt(),
    launchesInterrupted: () => launcher.interrupted,
    async putIntakeObject(key, body, at) {
      await store.put(INTAKE_BUCKET, key, body, key.endsWith('.json') ? 'application/json' : 'text/csv');
      const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
      return (await functions.intake!(s3Event(INTAKE_BUCKET, key, size, at))) as IntakeObjectOutcome[];
    },
    async runOverdueSweep(asOf) {
      const result = await machines.overdueSweep.run({
        asOf,
        holdSeconds: SWEEP_SCHEDULES.overdue.holdSeconds,
      });
      // The providers report a bounce a minute after the send; the next step sees it.
      await outbox.flush((event) => functions['delivery-feedback']!(event));
      return result;
    },
    deliverFeedback: () => outbox.flush((event) => functions['delivery-feedback']!(event)),
    runPrescriptionSweep: (asOf) => machines.prescriptionSweep.run({ asOf }),
    runJudicialSweep: (asOf) => machines.judicialSweep.run({ asOf }),
    registeredMail,
    async deliverReceipts(day) {
      const receipts = await registeredMail.receiptsDue(day);
      for (const receipt of receipts)
        await recordDeliveryReceipt({ repository, tenants: repository, logger: options.logger }, receipt);
      return receipts.length;
    },
    stop: () => dynamo.stop(),
  };
}
