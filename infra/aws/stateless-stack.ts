import { Aspects, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { RATES_PREFIX } from '../../shared/adapters/aws/rate-source-from-config';
import { PipelineAlarms } from './constructs/alarms';
import { DashboardSite } from './constructs/dashboard-site';
import { DeliveryFeedback } from './constructs/delivery-feedback';
import { DossierApi } from './constructs/dossier-api';
import { JudicialStep } from './constructs/judicial-step';
import { EncryptLogGroups, logsKey } from './constructs/log-encryption';
import { Messaging } from './constructs/messaging';
import { grantPersonalDataErasure } from './constructs/personal-data-erasure';
import type { PipelineFunction } from './constructs/pipeline-function';
import { grantRegisteredMailSecret } from './constructs/registered-mail-secret';
import type { SharedBucket } from './constructs/secure-bucket';
import { ServiceAlarms } from './constructs/service-alarms';
import { grantTableBatches } from './constructs/table-batches';
import type { DeployConfig } from './deploy-config';
import { dailySweeps } from './stateless/daily-sweeps';
import { escalationStep } from './stateless/escalation-step';
import { functionFactories } from './stateless/function-factories';
import { intakeFunction, notifyIntake } from './stateless/intake';

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
 * Its larger parts are declared by the functions of stateless/, in this stack's scope so that
 * their logical ids do not depend on the file that declares them.
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

    const functions = functionFactories(this, {
      config,
      key,
      table,
      intakeBucket,
      documentsBucket,
      configBucket,
      messaging,
    });
    const { environment, pipelineFunction, mailingJob } = functions;

    const intake = intakeFunction(this, {
      pipelineFunction,
      key,
      table,
      intakeBucket,
      documentsBucket,
      alarmTopic: props.alarmTopic,
    });

    const escalation = escalationStep(this, {
      config,
      functions,
      key,
      table,
      documentsBucket,
      configBucket,
      messaging,
    });
    const { decide, act, record, failed, dispatchDue } = escalation;

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

    const { sweeps, scheduleDeadLetters } = dailySweeps(this, {
      config,
      dispatchDue,
      prescriptionScan,
      judicialScan,
      retentionScan,
      monthlyStatements,
    });

    notifyIntake(this, intakeBucket, intake);

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
        Escalation: escalation.machine,
        ...sweeps,
        JudicialStep: judicialStep.machine,
      },
      scheduleDeadLetters,
      ratesCheckLogs: prescriptionScan.logGroup,
    });
    // SES reputation, throttles, and a daily sweep that did not start at all (issue 15).
    new ServiceAlarms(this, 'ServiceAlarms', {
      topic: props.alarmTopic,
      table,
      dailySweeps: sweeps,
    });
  }
}
