import { Duration, type Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { RATES_PREFIX } from '../../../shared/adapters/aws/rate-source-from-config';
import type { Messaging } from '../constructs/messaging';
import type { PipelineFunction } from '../constructs/pipeline-function';
import type { SharedBucket } from '../constructs/secure-bucket';
import { grantTableBatches } from '../constructs/table-batches';
import { WorkflowFromFile } from '../constructs/workflow-from-file';
import type { DeployConfig } from '../deploy-config';
import type { FunctionFactories } from './function-factories';

export interface EscalationStepProps {
  config: DeployConfig;
  functions: Pick<FunctionFactories, 'environment' | 'pipelineFunction'>;
  key: kms.IKey;
  table: dynamodb.ITable;
  documentsBucket: SharedBucket;
  configBucket: SharedBucket;
  messaging: Messaging;
}

export interface EscalationStep {
  decide: PipelineFunction;
  act: PipelineFunction;
  record: PipelineFunction;
  failed: PipelineFunction;
  /** statemachines/escalation.asl.json: one page of due dossiers per execution. */
  machine: sfn.StateMachine;
  /** Started by the overdue sweep: one escalation execution per page of due dossiers. */
  dispatchDue: PipelineFunction;
}

/**
 * The amiable escalation: its page functions, each with the grants its part needs, the Express
 * machine that runs them (DecidePage → ActOnPage → RecordPage, RecordPageFailure), and the
 * function that starts it for each page of due dossiers.
 */
export function escalationStep(stack: Stack, props: EscalationStepProps): EscalationStep {
  const { config, key, table, documentsBucket, configBucket, messaging } = props;
  const { environment, pipelineFunction } = props.functions;
  // The three functions of a step share the cap a deploy may set (docs/scaling.md, concurrency).
  const stepConcurrency =
    config.stepReservedConcurrency === undefined
      ? {}
      : { reservedConcurrentExecutions: config.stepReservedConcurrency };
  const decide = pipelineFunction('EscalationDecide', {
    name: 'escalation-decide',
    description: 'Reads a page of due dossiers with their timelines and decides each next escalation action',
    // One Query per dossier, 8 at a time: a page of 50 reads in about a second (ASL DecidePage: 60 s).
    timeout: Duration.seconds(30),
    ...stepConcurrency,
  });
  decide.bindTable(table, key, 'read');

  const act = pipelineFunction('EscalationAct', {
    name: 'escalation-act',
    description:
      'Performs the escalation actions of a page: e-mail, SMS, letter PDF, call task, formal notice',
    memorySize: 1024,
    // Letters embed DejaVu Sans: its files ship beside the bundle.
    letterFonts: true,
    // A page of 50, 8 dossiers at a time, each action retried a little: under ASL ActOnPage's 150 s,
    // which with DecidePage and RecordPage (60 s each) stays within Express's 5 minutes (docs/scaling.md).
    timeout: Duration.seconds(140),
    ...stepConcurrency,
  });
  act.bindTable(table, key, 'readWrite');
  // The page's dossiers in one BatchGetItem (step-page-reads.ts).
  grantTableBatches(act, table, ['get']);
  act.grantObjects(documentsBucket, key, 'write');
  // Formal notices compute interest with the packaged rates + the operators' overrides.
  act.grantReadPrefix(configBucket, key, RATES_PREFIX);
  messaging.grantSendEmail(act);
  messaging.grantSendSms(act.role!);

  const record = pipelineFunction('EscalationRecord', {
    name: 'escalation-record',
    description: 'Records the escalation steps of a page and schedules the next ones; counts the failed',
    timeout: Duration.seconds(45),
    ...stepConcurrency,
  });
  record.bindTable(table, key, 'readWrite');
  grantTableBatches(record, table, ['get']);
  // The judicial review computes the itemised amount with the packaged rates + the overrides.
  record.grantReadPrefix(configBucket, key, RATES_PREFIX);

  const failed = pipelineFunction('EscalationFailed', {
    name: 'escalation-failed',
    description: 'Counts a failed escalation step; parks the dossier for a person after repeated failures',
    timeout: Duration.seconds(30),
  });
  failed.bindTable(table, key, 'readWrite');

  const machine = new WorkflowFromFile(stack, 'Escalation', {
    file: 'escalation.asl.json',
    // Express: one short step per page of due dossiers (docs/scaling.md); priced per request, not per transition.
    type: sfn.StateMachineType.EXPRESS,
    functions: {
      EscalationDecideFunctionArn: decide,
      EscalationActFunctionArn: act,
      EscalationRecordFunctionArn: record,
      EscalationFailedFunctionArn: failed,
    },
  }).stateMachine;

  const dispatchDue = pipelineFunction('DispatchDue', {
    name: 'dispatch-due',
    description: 'Starts one escalation execution per page of due dossiers of one shard',
    timeout: Duration.minutes(10),
    environment: {
      ...environment,
      ESCALATION_STATE_MACHINE_ARN: machine.stateMachineArn,
      STARTS_IN_FLIGHT: String(config.startsInFlight),
    },
  });
  dispatchDue.bindTable(table, key, 'read');
  machine.grantStartExecution(dispatchDue);
  return { decide, act, record, failed, machine, dispatchDue };
}
