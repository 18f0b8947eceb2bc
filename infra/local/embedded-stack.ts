import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { DynamoSentMessages } from '../../shared/adapters/dynamodb/sent-messages';
import { DEFAULT_SHARD_COUNT } from '../../shared/adapters/dynamodb/table-schema';
import { FolderBlobStore } from '../../shared/adapters/local/folder-blob-store';
import { LocalRegisteredMail } from '../../shared/adapters/local/local-registered-mail';
import { OutboxMessenger } from '../../shared/adapters/local/outbox-messenger';
import { DEFAULT_DATA_DIR, localRateSource } from '../../shared/adapters/local/rate-overrides-file';
import { PdfLetterRenderer } from '../../shared/adapters/pdf/pdf-letter-renderer';
import { RecordedMessenger } from '../../shared/adapters/recorded-messenger';
import type { LocalDate } from '../../shared/domain/calendar';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import { recordDeliveryReceipt } from '../../shared/use-cases/events/record-delivery-receipt';
import type { IntakeObjectOutcome } from '../../shared/use-cases/intake/intake-object';
import type {
  BlobStore,
  EscalationLauncher,
  Logger,
  Messenger,
  RegisteredMail,
} from '../../shared/use-cases/ports';
import { DEFAULT_SHARDS_PER_TASK } from '../../shared/use-cases/sweeps/shard-walk';
import { SWEEP_SCHEDULES } from '../sweep-schedules';
import { type ExecutionObserver, type LocalFunction, LocalStateMachine, loadDefinition } from './asl-runner';
import { DeliverySimulator } from './delivery-simulator';
import { type LocalDynamo, startLocalDynamo } from './dynamo';
import { embeddedFunctions } from './embedded-functions';
import { type FaultStats, faultHooks } from './faults/fault-hooks';
import type { FaultOptions, FaultPlan } from './faults/fault-plan';
import { s3Event } from './lambda-payloads';
import { LocalEscalationLauncher } from './local-escalation-launcher';
import type { LocalStoreKind } from './local-store';

export const INTAKE_BUCKET = 'intake';
export const DOCUMENTS_BUCKET = 'documents';

export interface EmbeddedOptions {
  /** Outbox and buckets live here: `<outDir>/outbox.jsonl`, `<outDir>/buckets/<bucket>/...`. */
  outDir: string;
  logger: Logger;
  shardCount?: number;
  /** Shards one sweep page task walks (`shardsPerTask` on AWS, sweeps/shard-walk.ts). */
  shardsPerTask?: number;
  senderEmail?: string;
  /** Escalation steps run at once by one sweep page. */
  concurrency?: number;
  /** Dossiers one sweep page task dispatches (DISPATCH_BATCH on AWS); small values exercise the paging. */
  dispatchBatch?: number;
  /** Due dossiers per escalation execution (STEP_PAGE_SIZE on AWS); small values exercise the pages. */
  stepPageSize?: number;
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
  /** dynalite (default) or DynamoDB Local (needs Java); default RECOUVREMENT_STORE (local-store.ts). */
  store?: LocalStoreKind;
  /** Where both buckets live instead of `<outDir>/buckets` (`serve`: the local S3 endpoint). */
  blobStore?: BlobStore;
  /** Fault injection: chosen adapters fail or time out on a fraction of calls, from a seed (faults/). */
  faults?: FaultOptions;
}

/**
 * Seams for decorators: each hook receives the real part and returns what the handlers use.
 * Without hooks the stack is exactly the plain embedded pipeline.
 */
export interface EmbeddedHooks {
  dynamoClient?(client: DynamoDBClient): void;
  /** The table as the functions see it (the stack's own `repository` stays the plain one). */
  repository?(repository: DynamoDossierRepository): DynamoDossierRepository;
  /** The registered-mail provider the formal notice is posted through. */
  registeredMail?(mail: RegisteredMail): RegisteredMail;
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
    /** The daily retention sweep (statemachines/retention-sweep.asl.json, docs/personal-data.md). */
    retentionSweep: LocalStateMachine;
    /** One judicial step per due dossier (statemachines/judicial-step.asl.json), started by the judicial sweep. */
    judicialStep: LocalStateMachine;
  };
  launches: LocalEscalationLauncher['stats'];
  /** With `faults`: the plan (what it injected, per target) and the re-deliveries it caused. */
  faults?: { plan: FaultPlan; stats: FaultStats };
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
  /** The daily retention sweep: personal data of dossiers ended longer ago than the tenant's retention. */
  runRetentionSweep(asOf: string): Promise<unknown>;
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

/**
 * The whole pipeline in one process: dynalite for DynamoDB, folders for S3, an outbox for
 * SES/SNS/letters, and aws-local-stepfunctions running the very ASL files CDK deploys, each
 * Task mapped to the same handler module the Lambda runs (functions/<name>/handler.ts).
 */
export async function startEmbeddedStack(options: EmbeddedOptions): Promise<EmbeddedStack> {
  const shardCount = options.shardCount ?? DEFAULT_SHARD_COUNT;
  const injected = options.faults ? faultHooks(options.faults, options.hooks) : undefined;
  const hooks = injected?.hooks ?? options.hooks ?? {};
  const dynamo = await startLocalDynamo({
    ...(options.dynamoPath ? { path: options.dynamoPath } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  hooks.dynamoClient?.(dynamo.client);
  // DynamoDB Local has TransactWriteItems, and dynalite too on its thread (dynalite-transactions.mjs):
  // the intake claims numbers and writes dossiers 100 a request, as on AWS (invoice-claims.ts).
  // An endpoint given from outside may be a plain dynalite: one conditional put at a time there.
  const table = new DynamoDossierRepository(dynamo.client, dynamo.tableName, shardCount, {
    transactions: dynamo.store !== 'endpoint',
  });
  const repository = hooks.repository ? hooks.repository(table) : table;
  const blobs = new FolderBlobStore(join(options.outDir, 'buckets'));
  const base = options.blobStore ?? blobs;
  const store = hooks.blobs ? hooks.blobs(base) : base;
  const outbox = new DeliverySimulator(new OutboxMessenger(options.outDir), options.outDir);
  // The outbox sends again as SES and SNS do; the evidence of accepted sends, in the table as on
  // AWS, is what refuses a second e-mail or SMS of one key (docs/reliability.md).
  const sending = new RecordedMessenger(outbox, new DynamoSentMessages(dynamo.client, dynamo.tableName));
  const registeredMail = new LocalRegisteredMail({ outDir: options.outDir });
  const launcher = new LocalEscalationLauncher(options.logger, options.concurrency ?? 8);
  // The judicial sweep's twin of the escalation launcher: one judicial step per due dossier.
  const judicialLauncher = new LocalEscalationLauncher(options.logger, options.concurrency ?? 8);
  const deps: PipelineDeps = {
    repository,
    tenants: repository,
    messenger: hooks.messenger ? hooks.messenger(sending) : sending,
    letters: new PdfLetterRenderer(),
    registeredMail: hooks.registeredMail ? hooks.registeredMail(registeredMail) : registeredMail,
    documents: store,
    documentsBucket: DOCUMENTS_BUCKET,
    launcher: hooks.launcher ? hooks.launcher(launcher) : launcher,
    logger: options.logger,
    shardCount,
    dispatchBatch: options.dispatchBatch ?? 2_000,
    stepPageSize: options.stepPageSize ?? 50,
    senderEmail: options.senderEmail ?? 'relances@recouvrement.example',
    // Packaged rates + `<dataDir>/rates.json`, as the config bucket's overrides on AWS.
    rates: localRateSource(options.dataDir ?? DEFAULT_DATA_DIR, options.logger),
  };
  const handlers = embeddedFunctions({ options, deps, repository, store, dynamo, judicialLauncher });
  const functions: Record<string, LocalFunction> = Object.fromEntries(
    Object.entries(handlers).map(([name, fn]) => [name, hooks.lambda ? hooks.lambda(name, fn) : fn]),
  );
  const values = {
    LastShard: shardCount - 1,
    ShardsPerTask: options.shardsPerTask ?? DEFAULT_SHARDS_PER_TASK,
  };
  const machine = (name: string) =>
    new LocalStateMachine(name, loadDefinition(name, values), functions, hooks.execution);
  const machines = {
    escalation: machine('escalation'),
    overdueSweep: machine('overdue-sweep'),
    prescriptionSweep: machine('prescription-sweep'),
    judicialSweep: machine('judicial-sweep'),
    retentionSweep: machine('retention-sweep'),
    judicialStep: machine('judicial-step'),
  };
  launcher.machine = machines.escalation;
  judicialLauncher.machine = machines.judicialStep;

  return {
    deps,
    dynamo,
    repository: table,
    blobs,
    ...(injected ? { faults: { plan: injected.plan, stats: injected.stats } } : {}),
    functions,
    machines,
    launches: launcher.stats,
    takeStepped: () => launcher.takeStepped(),
    interruptLaunches: () => {
      launcher.interrupt();
      judicialLauncher.interrupt();
    },
    launchesInterrupted: () => launcher.interrupted,
    async putIntakeObject(key, body, at) {
      const contentType = key.endsWith('.json') ? 'application/json' : 'text/csv';
      // The creditor's upload: with faults on, its client retries a failed PUT as the AWS CLI does.
      for (let attempt = 1; ; attempt++) {
        try {
          await store.put(INTAKE_BUCKET, key, body, contentType);
          break;
        } catch (error) {
          if (!injected || attempt >= 10) throw error;
        }
      }
      const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
      // S3 invokes the intake asynchronously: a failed invocation runs twice more, as
      // intake-failures.ts sets on AWS (retryAttempts 2), before its on-failure destination.
      for (let attempt = 1; ; attempt++) {
        try {
          return (await functions.intake!(s3Event(INTAKE_BUCKET, key, size, at))) as IntakeObjectOutcome[];
        } catch (error) {
          if (!injected || attempt >= 3) throw error;
        }
      }
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
    runRetentionSweep: (asOf) => machines.retentionSweep.run({ asOf }),
    registeredMail,
    async deliverReceipts(day) {
      const receipts = await registeredMail.receiptsDue(day);
      // The provider's webhook, which retries until answered: not a target of the fault plan.
      for (const receipt of receipts)
        await recordDeliveryReceipt({ repository: table, tenants: table, logger: options.logger }, receipt);
      return receipts.length;
    },
    stop: () => dynamo.stop(),
  };
}
