/**
 * The embedded stack's functions: each Lambda's handler module (functions/<name>/handler.ts) built
 * on the local adapters, under the name its ASL Task calls. Apart from embedded-stack.ts so the
 * stack reads as adapters and state machines, and each function is wired in one place.
 */
import { join } from 'node:path';
import { makeHandler as makeApi } from '../../functions/api/handler';
import { makeHandler as makeDeliveryFeedback } from '../../functions/delivery-feedback/handler';
import { makeHandler as makeDispatchDue } from '../../functions/dispatch-due/handler';
import { makeHandler as makeAct } from '../../functions/escalation-act/handler';
import { makeHandler as makeDecide } from '../../functions/escalation-decide/handler';
import { makeHandler as makeFailed } from '../../functions/escalation-failed/handler';
import { makeHandler as makeRecord } from '../../functions/escalation-record/handler';
import { makeHandler as makeIntake } from '../../functions/intake/handler';
import { makeHandler as makeJudicialAct } from '../../functions/judicial-act/handler';
import { makeHandler as makeJudicialCourtFile } from '../../functions/judicial-court-file/handler';
import { makeHandler as makeJudicialReadStage } from '../../functions/judicial-read-stage/handler';
import { makeHandler as makeJudicialRecord } from '../../functions/judicial-record/handler';
import { makeHandler as makeJudicialScan } from '../../functions/judicial-scan/handler';
import { makeHandler as makeJudicialWatch } from '../../functions/judicial-watch/handler';
import { makeHandler as makeMonthlyStatements } from '../../functions/monthly-statements/handler';
import { makeHandler as makePrescriptionScan } from '../../functions/prescription-scan/handler';
import { makeHandler as makeRetentionScan } from '../../functions/retention-scan/handler';
import type { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { DynamoDossierTasks } from '../../shared/adapters/dynamodb/dossier-tasks';
import { DynamoIdempotencyKeys } from '../../shared/adapters/dynamodb/idempotency-keys';
import { MessengerEnforcementHandOff } from '../../shared/adapters/enforcement-hand-off';
import { FolderDocumentEraser } from '../../shared/adapters/local/folder-document-eraser';
import { FolderDocumentStore } from '../../shared/adapters/local/folder-document-store';
import { LoggedMetrics } from '../../shared/adapters/local/logged-metrics';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import { DEFAULT_STUCK_AFTER_FAILURES } from '../../shared/use-cases/escalation/record-step-failure';
import type { BlobStore, EscalationLauncher } from '../../shared/use-cases/ports';
import type { LocalFunction } from './asl-runner';
import type { LocalDynamo } from './dynamo';
import type { EmbeddedOptions } from './embedded-stack';
import { asLambda } from './lambda-payloads';

export interface EmbeddedFunctionsWiring {
  options: EmbeddedOptions;
  deps: PipelineDeps;
  /** The table as the functions see it (after the stack's hooks). */
  repository: DynamoDossierRepository;
  /** The one store both buckets go through. */
  store: BlobStore;
  dynamo: LocalDynamo;
  /** The judicial sweep's twin of the escalation launcher: one judicial step per due dossier. */
  judicialLauncher: EscalationLauncher;
}

/** Every function by its functions/ folder name, before the stack's `lambda` hook wraps it. */
export function embeddedFunctions(wiring: EmbeddedFunctionsWiring): Record<string, LocalFunction> {
  const { options, deps, repository, store, dynamo, judicialLauncher } = wiring;
  // The timeline's documents: the outbox (letters, e-mails), then the documents bucket (court files).
  const documentStore = new FolderDocumentStore(options.outDir, { blobs: store, name: deps.documentsBucket });
  // Erasure deletes a document where the documents store reads it: the outbox, then the bucket.
  const dossierTasks = new DynamoDossierTasks(dynamo.client, dynamo.tableName);
  const documentEraser = new FolderDocumentEraser(
    options.outDir,
    join(options.outDir, 'buckets'),
    deps.documentsBucket,
  );
  const intake = makeIntake({
    repository,
    tenants: repository,
    blobs: store,
    logger: options.logger,
    // E-invoices keep their PDF (or XML) there for the court file.
    documentsBucket: deps.documentsBucket,
  });
  // Counting a failed step: the page's RecordPage (its dossiers that failed) and RecordPageFailure.
  const failureDeps = {
    metrics: new LoggedMetrics(options.logger),
    stuckAfterFailures: options.stuckAfterFailures ?? DEFAULT_STUCK_AFTER_FAILURES,
  };
  const handlers: Record<string, LocalFunction> = {
    intake: asLambda(intake as never),
    'escalation-decide': asLambda(makeDecide(deps) as never),
    'escalation-act': asLambda(makeAct(deps) as never),
    'escalation-record': asLambda(makeRecord({ ...deps, ...failureDeps }) as never),
    'escalation-failed': asLambda(
      makeFailed({ repository, tenants: repository, logger: options.logger, ...failureDeps }) as never,
    ),
    'dispatch-due': asLambda(makeDispatchDue(deps) as never),
    'prescription-scan': asLambda(makePrescriptionScan(deps) as never),
    'judicial-scan': asLambda(makeJudicialScan({ ...deps, launcher: judicialLauncher }) as never),
    'judicial-read-stage': asLambda(makeJudicialReadStage(deps) as never),
    // The court file reads the formal notice's PDF from the outbox, where it was written embedded.
    'judicial-court-file': asLambda(makeJudicialCourtFile({ ...deps, documentStore }) as never),
    'judicial-watch': asLambda(makeJudicialWatch(deps) as never),
    'judicial-act': asLambda(makeJudicialAct(deps) as never),
    'judicial-record': asLambda(makeJudicialRecord(deps) as never),
    // The client API's extras: Idempotency-Key in the same table, the documents from the outbox.
    api: asLambda(
      makeApi(
        {
          ...deps,
          idempotency: new DynamoIdempotencyKeys(dynamo.client, dynamo.tableName),
          documentStore,
          // The debtor's personal data: export and erasure (docs/personal-data.md).
          dossierTasks,
          documentEraser,
          // The enforcement mandate's hand-off: an e-mail to the outbox, as SES on AWS.
          enforcementHandOff: new MessengerEnforcementHandOff(deps.messenger, deps.senderEmail),
        },
        options.now,
      ) as never,
    ),
    'delivery-feedback': asLambda(makeDeliveryFeedback({ repository, logger: options.logger }) as never),
    'monthly-statements': asLambda(makeMonthlyStatements(deps) as never),
    'retention-scan': asLambda(
      makeRetentionScan({
        repository,
        tenants: repository,
        logger: options.logger,
        tasks: dossierTasks,
        documents: documentEraser,
      }) as never,
    ),
  };
  return handlers;
}
