import { Aspects, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { RATES_PREFIX } from '../../shared/adapters/aws/rate-source-from-config';
import { SWEEP_SCHEDULES } from '../sweep-schedules';
import { PipelineAlarms } from './constructs/alarms';
import { dailySchedule } from './constructs/daily-schedule';
import { DashboardSite } from './constructs/dashboard-site';
import { DeliveryFeedback } from './constructs/delivery-feedback';
import { DossierApi } from './constructs/dossier-api';
import { IntakeFailures } from './constructs/intake-failures';
import { JudicialStep } from './constructs/judicial-step';
import { EncryptLogGroups, logsKey } from './constructs/log-encryption';
import { Messaging } from './constructs/messaging';
import { grantPersonalDataErasure } from './constructs/personal-data-erasure';
import {
  type FunctionName,
  PipelineFunction,
  type PipelineFunctionProps,
} from './constructs/pipeline-function';
import { grantRegisteredMailSecret, registeredMailEnvironment } from './constructs/registered-mail-secret';
import type { SharedBucket } from './constructs/secure-bucket';
import { ServiceAlarms } from './constructs/service-alarms';
import { grantTableBatches } from './constructs/table-batches';
import { WorkflowFromFile } from './constructs/workflow-from-file';
import type { DeployConfig } from './deploy-config';

export interface StatelessStackProps extends StackProps {
  config: DeployConfig;
  key: kms.IKey;
  table: dynamodb.ITable;
  intakeBucket: SharedBucket;
  documentsBucket: SharedBucket;
  /** Rate overrides under `rates/` (docs/legal.md §2): read by the functions that compute interest. */
  configBucket: SharedBucket;
  userPool: cognito.IUserPool;
  apiClient: cognito.IUserPoolClient;
  alarmTopic: sns.ITopic;
}

/**
 * Everything that can be redeployed without losing data: functions, workflows,
 * schedules, API, alarms. Each function gets only the grants its use case needs.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<string, PipelineFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, key, table, intakeBucket, documentsBucket, configBucket } = props;
    // Every log group of the stack under a customer-managed key of its own (log-encryption.ts).
    Aspects.of(this).add(new EncryptLogGroups(logsKey(this)));

    const messaging = new Messaging(this, 'Messaging', {
      sesIdentity: config.sesIdentity,
      senderEmail: config.senderEmail,
    });

    // The contract of shared/adapters/config.ts; every function gets the same, read lazily by each port.
    const environment = {
      TABLE_NAME: table.tableName,
      SHARD_COUNT: String(config.shardCount),
      DOCUMENTS_BUCKET: documentsBucket.bucket.bucketName,
      CONFIG_BUCKET: configBucket.bucket.bucketName,
      INTAKE_BUCKET: intakeBucket.bucket.bucketName,
      SENDER_EMAIL: config.senderEmail,
      SES_CONFIGURATION_SET: messaging.configurationSet.configurationSetName,
      SMS_SENDER_ID: config.smsSenderId,
      DISPATCH_BATCH: String(config.dispatchBatch),
      STEP_PAGE_SIZE: String(config.stepPageSize),
      STUCK_AFTER_FAILURES: String(config.stuckAfterFailures),
      ...registeredMailEnvironment(config),
    };
    // Every function: the deployment's SDK bundling choice and the environment contract above.
    const pipelineFunction = (
      id: string,
      props: Omit<PipelineFunctionProps, 'bundleAwsSdk' | 'environment'> & {
        environment?: Record<string, string>;
      },
    ) =>
      new PipelineFunction(this, id, {
        bundleAwsSdk: config.bundleAwsSdk,
        ...props,
        environment: props.environment ?? environment,
      });

    const intake = pipelineFunction('Intake', {
      name: 'intake',
      description:
        'Validates, deduplicates and qualifies the invoices of a file dropped in the intake bucket',
      memorySize: 1024,
      timeout: Duration.minutes(10),
    });
    intake.bindTable(table, key, 'readWrite');
    // Groups of debtors read their dossiers and invoice claims, and write their events, in batches.
    grantTableBatches(intake, table, ['get', 'write']);
    // Reads the dropped file, writes `<key>.rejects.csv` (or `<key>.error.json`) beside it.
    intake.grantObjects(intakeBucket, key, 'readWrite');
    // An e-invoice's PDF (or XML) is kept for the court file: `<tenant>/<dossier>/invoices/…`.
    intake.grantObjects(documentsBucket, key, 'write');
    new IntakeFailures(this, 'IntakeFailures', { intake, topic: props.alarmTopic });

    // The three functions of a step share the cap a deploy may set (docs/scaling.md, concurrency).
    const stepConcurrency =
      config.stepReservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: config.stepReservedConcurrency };
    const decide = pipelineFunction('EscalationDecide', {
      name: 'escalation-decide',
      description:
        'Reads a page of due dossiers with their timelines and decides each next escalation action',
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

    const escalation = new WorkflowFromFile(this, 'Escalation', {
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
        ESCALATION_STATE_MACHINE_ARN: escalation.stateMachineArn,
        STARTS_IN_FLIGHT: String(config.startsInFlight),
      },
    });
    dispatchDue.bindTable(table, key, 'read');
    escalation.grantStartExecution(dispatchDue);

    // Jobs that read dossiers and e-mail (alerts, statements): table read/write, SES, and the
    // documents bucket for the .eml evidence kept like any other message's.
    const mailingJob = (
      id: string,
      name: FunctionName,
      description: string,
      timeout: Duration,
      extra: Pick<PipelineFunctionProps, 'memorySize' | 'letterFonts'> & {
        documents?: 'write' | 'readWrite';
      } = {},
    ) => {
      const { documents = 'write', ...props } = extra;
      const fn = pipelineFunction(id, { name, description, timeout, ...props });
      fn.bindTable(table, key, 'readWrite');
      fn.grantObjects(documentsBucket, key, documents);
      messaging.grantSendEmail(fn);
      return fn;
    };
    const prescriptionScan = mailingJob(
      'PrescriptionScan',
      'prescription-scan',
      'Warns creditors of coming prescriptions and stops pursuit of time-barred claims',
      Duration.minutes(10),
    );
    // Its nightly run checks that the current half-year's rates are in the table.
    prescriptionScan.grantReadPrefix(configBucket, key, RATES_PREFIX);
    // The judicial step's machine and functions (constructs/judicial-step.ts), started by the judicial sweep.
    const judicialStep = new JudicialStep(this, 'Judicial', {
      pipelineFunction,
      mailingJob,
      table,
      key,
      documentsBucket,
      configBucket,
    });
    const judicialScan = pipelineFunction('JudicialScan', {
      name: 'judicial-scan',
      description: 'Starts one judicial step per dossier whose court day has come, one shard page at a time',
      timeout: Duration.minutes(10),
      environment: {
        ...environment,
        JUDICIAL_STEP_STATE_MACHINE_ARN: judicialStep.machine.stateMachineArn,
        STARTS_IN_FLIGHT: String(config.startsInFlight),
      },
    });
    judicialScan.bindTable(table, key, 'read');
    judicialStep.machine.grantStartExecution(judicialScan);
    const monthlyStatements = mailingJob(
      'MonthlyStatements',
      'monthly-statements',
      'Monthly statement of open invoices for debtors who ask, on the first working day',
      Duration.minutes(15),
    );

    const api = pipelineFunction('ApiHandler', {
      name: 'api',
      description: 'Creditor API: dossiers, timelines, payments, disputes',
      timeout: Duration.seconds(10),
    });
    api.bindTable(table, key, 'readWrite');
    // GET /tasks reads the tasks' dossiers in batches (BatchWriteItem comes with the erasure below).
    grantTableBatches(api, table, ['get']);
    // GET /documents/{id} signs GET URLs with this role: read of the documents bucket, nothing else.
    api.grantObjects(documentsBucket, key, 'read');
    // Payments are imputed and POST /claims/quote computed by the legal engine: same rates as the notice.
    api.grantReadPrefix(configBucket, key, RATES_PREFIX);
    // POST /dossiers/{id}/court-events: the enforcement mandate's hand-off e-mail to the commissaire
    // de justice (SES), its .eml kept as evidence in the documents bucket like any message.
    messaging.grantSendEmail(api);
    api.grantObjects(documentsBucket, key, 'write');
    // DELETE /debtors/{id}/personal-data: events rewritten without notes, documents deleted with their versions.
    grantPersonalDataErasure(api, table, documentsBucket);

    // The daily retention sweep's function (docs/personal-data.md): same erasure as the API's.
    const retentionScan = pipelineFunction('RetentionScan', {
      name: 'retention-scan',
      description: "Erases the personal data of dossiers ended longer ago than the tenant's retention",
      timeout: Duration.minutes(10),
    });
    retentionScan.bindTable(table, key, 'readWrite');
    grantPersonalDataErasure(retentionScan, table, documentsBucket);

    const deliveryFeedback = pipelineFunction('DeliveryFeedback', {
      name: 'delivery-feedback',
      description:
        'Records e-mail bounces, complaints and SMS failures; the next step falls back to a letter',
      timeout: Duration.seconds(30),
    });
    deliveryFeedback.bindTable(table, key, 'readWrite');
    const feedback = new DeliveryFeedback(this, 'DeliveryFeedbackSources', {
      configurationSet: messaging.configurationSet,
      handler: deliveryFeedback,
    });
    new CfnOutput(this, 'SmsDeliveryStatusRoleArn', { value: feedback.smsDeliveryStatusRole.roleArn });

    this.functions = {
      intake,
      decide,
      act,
      record,
      failed,
      dispatchDue,
      prescriptionScan,
      judicialScan,
      ...judicialStep.functions,
      monthlyStatements,
      retentionScan,
      api,
      deliveryFeedback,
    };

    // Standard sweeps: they run for minutes over every shard, and their history is the audit of the day.
    // One page task walks ShardsPerTask shards in turn: an empty shard costs a query, not a task.
    const shardValues = {
      LastShard: String(config.shardCount - 1),
      ShardsPerTask: String(config.shardsPerTask),
    };
    const overdueSweep = new WorkflowFromFile(this, 'OverdueSweep', {
      file: 'overdue-sweep.asl.json',
      type: sfn.StateMachineType.STANDARD,
      functions: { DispatchDueFunctionArn: dispatchDue },
      values: shardValues,
    }).stateMachine;
    const prescriptionSweep = new WorkflowFromFile(this, 'PrescriptionSweep', {
      file: 'prescription-sweep.asl.json',
      type: sfn.StateMachineType.STANDARD,
      functions: { PrescriptionScanFunctionArn: prescriptionScan },
      values: shardValues,
    }).stateMachine;
    const judicialSweep = new WorkflowFromFile(this, 'JudicialSweep', {
      file: 'judicial-sweep.asl.json',
      type: sfn.StateMachineType.STANDARD,
      functions: { JudicialScanFunctionArn: judicialScan },
      values: shardValues,
    }).stateMachine;

    const retentionSweep = new WorkflowFromFile(this, 'RetentionSweep', {
      file: 'retention-sweep.asl.json',
      type: sfn.StateMachineType.STANDARD,
      functions: { RetentionScanFunctionArn: retentionScan },
    }).stateMachine;

    const scheduleDeadLetters = new sqs.Queue(this, 'ScheduleDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(scheduleDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the sweep schedules; an alarm watches its depth.',
    });
    dailySchedule(this, 'OverdueSweepDaily', {
      description: 'Overdue sweep, every day at 06:00 Europe/Paris, contacts from 08:00',
      hour: SWEEP_SCHEDULES.overdue.hour,
      input: { holdSeconds: SWEEP_SCHEDULES.overdue.holdSeconds },
      stateMachine: overdueSweep,
      deadLetterQueue: scheduleDeadLetters,
    });
    // 02:00 Paris does not exist on the spring DST day (02:00 -> 03:00): the scheduler skips that one run
    // (README.md, "Schedules"); the next night's sweep catches up.
    dailySchedule(this, 'PrescriptionSweepDaily', {
      description: 'Prescription sweep, every day at 02:00 Europe/Paris',
      hour: SWEEP_SCHEDULES.prescription.hour,
      stateMachine: prescriptionSweep,
      deadLetterQueue: scheduleDeadLetters,
    });
    dailySchedule(this, 'JudicialSweepDaily', {
      description: 'Judicial sweep (court deadlines), every day at 03:00 Europe/Paris',
      hour: SWEEP_SCHEDULES.judicial.hour,
      stateMachine: judicialSweep,
      deadLetterQueue: scheduleDeadLetters,
    });
    dailySchedule(this, 'RetentionSweepDaily', {
      description: 'Retention sweep (personal data past retention), every day at 04:00 Europe/Paris',
      hour: SWEEP_SCHEDULES.retention.hour,
      stateMachine: retentionSweep,
      deadLetterQueue: scheduleDeadLetters,
    });
    // Daily at 09:00; the job itself acts only on the month's first working day (a holiday-aware
    // rule no cron expression can say).
    dailySchedule(this, 'MonthlyStatementsDaily', {
      description: 'Monthly statements, checked every day at 09:00 Europe/Paris',
      hour: 9,
      lambda: monthlyStatements,
      deadLetterQueue: scheduleDeadLetters,
    });
    const statementsId = this.getLogicalId(monthlyStatements.node.defaultChild as lambda.CfnFunction);
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${statementsId}.Arn>:*]`,
      reason:
        "The scheduler's Lambda target grants invoke on this one function and its versions/aliases (`<arn>:*`); no other function.",
    });

    // The bucket lives in the stateful stack; a notification set there would point back here (a cycle),
    // so it is set from this stack on a reference. The handler skips the `.rejects.` reports it writes.
    s3.Bucket.fromBucketAttributes(this, 'IntakeBucketRef', {
      bucketArn: intakeBucket.arn,
      bucketName: intakeBucket.bucket.bucketName,
    }).addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(intake));
    this.acknowledgeNotificationHandler();

    // The provider's webhook, with a provider only: its signature key is in the provider's secret.
    const webhook = config.registeredMail
      ? pipelineFunction('RegisteredMailWebhook', {
          name: 'registered-mail-webhook',
          description: "Records the registered-mail provider's signed postings and receipts",
          timeout: Duration.seconds(10),
        })
      : undefined;
    if (webhook) {
      webhook.bindTable(table, key, 'readWrite');
      this.functions.registeredMailWebhook = webhook;
    }
    grantRegisteredMailSecret(this, config, webhook ? [act, webhook] : [act]);

    // The dashboard's site first: the API's CORS names its origin; its config.json names the API.
    const dashboard = new DashboardSite(this, 'Dashboard');
    const dossierApi = new DossierApi(this, 'Api', {
      corsOrigins: [dashboard.origin],
      ...(webhook ? { registeredMailWebhook: webhook } : {}),
      handler: api,
      userPool: props.userPool,
      client: props.apiClient,
    });
    new CfnOutput(this, 'ApiUrl', { value: dossierApi.url });
    dashboard.deploy(dossierApi.url);
    new CfnOutput(this, 'DashboardUrl', { value: dashboard.origin });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'ApiClientId', { value: props.apiClient.userPoolClientId });

    new PipelineAlarms(this, 'Alarms', {
      topic: props.alarmTopic,
      stateMachines: {
        Escalation: escalation,
        OverdueSweep: overdueSweep,
        PrescriptionSweep: prescriptionSweep,
        JudicialSweep: judicialSweep,
        RetentionSweep: retentionSweep,
        JudicialStep: judicialStep.machine,
      },
      scheduleDeadLetters,
      ratesCheckLogs: prescriptionScan.logGroup,
    });
    // SES reputation, throttles, and a daily sweep that did not start at all (issue 15).
    new ServiceAlarms(this, 'ServiceAlarms', {
      topic: props.alarmTopic,
      table,
      dailySweeps: {
        OverdueSweep: overdueSweep,
        PrescriptionSweep: prescriptionSweep,
        JudicialSweep: judicialSweep,
        RetentionSweep: retentionSweep,
      },
    });
  }

  /**
   * CDK's own singleton function that applies the bucket notification at deploy
   * time (no data passes through it).
   */
  private acknowledgeNotificationHandler(): void {
    const handler = this.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (!handler) throw new Error('the S3 notification handler was not found: CDK renamed it?');
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'CDK-managed deploy-time handler for S3 notifications; the managed policy only lets it write its own logs.',
    });
  }
}
