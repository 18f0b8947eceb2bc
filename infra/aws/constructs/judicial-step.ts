import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { RATES_PREFIX } from '../../../shared/adapters/aws/rate-source-from-config';
import type { FunctionName, PipelineFunction, PipelineFunctionProps } from './pipeline-function';
import type { SharedBucket } from './secure-bucket';
import { WorkflowFromFile } from './workflow-from-file';

export interface JudicialStepProps {
  /** The stack's function factory (runtime, bundling, environment contract). */
  pipelineFunction: (
    id: string,
    props: Omit<PipelineFunctionProps, 'bundleAwsSdk' | 'environment'>,
  ) => PipelineFunction;
  /** The stack's factory for functions that read dossiers and e-mail the creditor (table, SES, .eml evidence). */
  mailingJob: (id: string, name: FunctionName, description: string, timeout: Duration) => PipelineFunction;
  table: dynamodb.ITable;
  key: kms.IKey;
  documentsBucket: SharedBucket;
  configBucket: SharedBucket;
}

/**
 * The judicial step (statemachines/judicial-step.asl.json, docs/legal.md §10): one short Express
 * execution per dossier whose court day has come, started by the judicial sweep, its tasks on thin
 * functions, each with the grants its part needs: the court file writes documents and computes the
 * claim, the watches and acts e-mail the creditor, the stage read and the record touch the table only.
 */
export class JudicialStep extends Construct {
  readonly machine: sfn.StateMachine;
  readonly functions: Record<string, PipelineFunction>;

  constructor(scope: Construct, id: string, props: JudicialStepProps) {
    super(scope, id);
    const { pipelineFunction, mailingJob, table, key, documentsBucket, configBucket } = props;
    const readStage = pipelineFunction('JudicialReadStage', {
      name: 'judicial-read-stage',
      description: 'Judicial step: where the dossier stands in court today',
      timeout: Duration.seconds(30),
    });
    readStage.bindTable(table, key, 'read');
    const courtFile = pipelineFunction('JudicialCourtFile', {
      name: 'judicial-court-file',
      description:
        'Judicial step: builds the court file (request or invitation PDF, form A, bundle) or lists what is missing',
      // A request or invitation PDF rendered with DejaVu Sans, as escalation-act's letters.
      memorySize: 1024,
      letterFonts: true,
      timeout: Duration.minutes(2),
    });
    courtFile.bindTable(table, key, 'readWrite');
    // The formal notice's PDF read back into the bundle, the files written beside it.
    courtFile.grantObjects(documentsBucket, key, 'readWrite');
    // The itemised claim is computed with the packaged rates + the overrides, as the notice was.
    courtFile.grantReadPrefix(configBucket, key, RATES_PREFIX);
    const watch = mailingJob(
      'JudicialWatch',
      'judicial-watch',
      'Judicial step: watches a court deadline or the claim declaration and alerts the creditor',
      Duration.seconds(30),
    );
    const act = mailingJob(
      'JudicialAct',
      'judicial-act',
      'Judicial step: formula, lawyer, mandate and missing-data tasks, and the creditor told',
      Duration.seconds(30),
    );
    const record = pipelineFunction('JudicialRecord', {
      name: 'judicial-record',
      description: 'Judicial step: what was due today leaves the sweep index',
      timeout: Duration.seconds(30),
    });
    record.bindTable(table, key, 'readWrite');
    const machine = new WorkflowFromFile(this, 'Workflow', {
      file: 'judicial-step.asl.json',
      // Express, like the escalation step: one short execution per dossier and day.
      type: sfn.StateMachineType.EXPRESS,
      functions: {
        JudicialReadStageFunctionArn: readStage,
        JudicialCourtFileFunctionArn: courtFile,
        JudicialWatchFunctionArn: watch,
        JudicialActFunctionArn: act,
        JudicialRecordFunctionArn: record,
      },
    }).stateMachine;
    this.machine = machine;
    this.functions = {
      judicialReadStage: readStage,
      judicialCourtFile: courtFile,
      judicialWatch: watch,
      judicialAct: act,
      judicialRecord: record,
    };
  }
}
