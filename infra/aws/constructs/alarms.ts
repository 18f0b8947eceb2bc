import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../../shared/adapters/aws/emf-metrics';
import { DOSSIER_STUCK_METRIC as DOSSIER_STUCK_METRIC_NAME } from '../../../shared/use-cases/escalation/record-step-failure';
import { RATES_MISSING_MESSAGE } from '../../../shared/use-cases/sweeps/check-rates';

/** Metric of the daily rate check (one count per night the current half-year is missing). */
export const RATES_METRIC = { namespace: 'Recouvrement', metricName: 'RatesMissingCurrentHalfYear' };

export interface PipelineAlarmsProps {
  topic: sns.ITopic;
  /** Label (used in alarm ids and descriptions) → state machine whose failed executions page someone. */
  stateMachines: Record<string, sfn.IStateMachine>;
  /** Dead-letter queue of the schedules: one message there is a sweep that never started. */
  scheduleDeadLetters: sqs.IQueue;
  /** Log group of the function whose daily check logs RATES_MISSING_MESSAGE (prescription-scan). */
  ratesCheckLogs: logs.ILogGroup;
}

/** Emitted (EMF) by escalation-failed each time a dossier is parked after repeated failed steps. */
export const DOSSIER_STUCK_METRIC = {
  namespace: METRICS_NAMESPACE,
  metricName: DOSSIER_STUCK_METRIC_NAME,
  dimensionsMap: { service: 'recouvrement' },
};

/**
 * Few alarms, each one an action for a person: a workflow failed (a sweep
 * missed dossiers, or escalation steps keep failing), or a daily sweep never
 * started. Any failure counts: the step is idempotent and retried by the next
 * sweep, but a failure that repeats blocks a dossier's legal calendar.
 */
export class PipelineAlarms extends Construct {
  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    const notify = new actions.SnsAction(props.topic);

    for (const [label, stateMachine] of Object.entries(props.stateMachines)) {
      const alarm = new cloudwatch.Alarm(this, `${label}Failed`, {
        alarmDescription: `${label}: executions failed, timed out or aborted`,
        metric: new cloudwatch.MathExpression({
          expression: 'failed + timedOut + aborted',
          usingMetrics: {
            failed: stateMachine.metricFailed(),
            timedOut: stateMachine.metricTimedOut(),
            aborted: stateMachine.metricAborted(),
          },
          period: Duration.minutes(5),
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
    }

    const missedSweep = new cloudwatch.Alarm(this, 'SweepNotStarted', {
      alarmDescription:
        'A scheduled sweep could not be started after its retries (message in the scheduler DLQ)',
      metric: props.scheduleDeadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    missedSweep.addAlarmAction(notify);

    // The nightly rate check logs a line when the current half-year is not in the table; a
    // metric filter counts it. Until someone adds the rates, interest stops at the last covered
    // day ("sauf à parfaire"): nothing breaks, but every notice claims less than it could.
    new logs.MetricFilter(this, 'RatesMissingFilter', {
      logGroup: props.ratesCheckLogs,
      filterPattern: logs.FilterPattern.stringValue('$.message', '=', RATES_MISSING_MESSAGE),
      metricNamespace: RATES_METRIC.namespace,
      metricName: RATES_METRIC.metricName,
      metricValue: '1',
    });
    const ratesMissing = new cloudwatch.Alarm(this, 'RatesMissing', {
      alarmDescription:
        'The current half-year has no legal/ECB rate in the table: interest is computed to the last covered day. Add it: recouvrement rates add, then upload data/rates.json to s3://<config bucket>/rates/overrides.json (README, "Rates")',
      metric: new cloudwatch.Metric({
        ...RATES_METRIC,
        statistic: cloudwatch.Stats.SUM,
        // A day: the check runs once a night, the alarm stays up until a night finds the rates.
        period: Duration.days(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    ratesMissing.addAlarmAction(notify);

    // A dossier parked after N failed steps in a row: its legal calendar stands still until a
    // person looks at the stuck-dossier task (GET /tasks?kind=stuck-dossier) and resumes it.
    const stuck = new cloudwatch.Alarm(this, 'DossierStuck', {
      alarmDescription:
        'A dossier was parked after repeated failed escalation steps: see GET /tasks?kind=stuck-dossier (error kind), fix the cause, then POST /dossiers/{id}/resume',
      metric: new cloudwatch.Metric({
        ...DOSSIER_STUCK_METRIC,
        statistic: cloudwatch.Stats.SUM,
        period: Duration.hours(1),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    stuck.addAlarmAction(notify);
  }
}
