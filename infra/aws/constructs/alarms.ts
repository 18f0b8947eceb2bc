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
      pageOnFirst(this, `${label}Failed`, notify, {
        description: `${label}: executions failed, timed out or aborted`,
        metric: new cloudwatch.MathExpression({
          expression: 'failed + timedOut + aborted',
          usingMetrics: {
            failed: stateMachine.metricFailed(),
            timedOut: stateMachine.metricTimedOut(),
            aborted: stateMachine.metricAborted(),
          },
          period: Duration.minutes(5),
        }),
      });
    }

    pageOnFirst(this, 'SweepNotStarted', notify, {
      description: 'A scheduled sweep could not be started after its retries (message in the scheduler DLQ)',
      metric: deadLetterDepth(props.scheduleDeadLetters),
    });

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
    pageOnFirst(this, 'RatesMissing', notify, {
      description:
        'The current half-year has no legal/ECB rate in the table: interest is computed to the last covered day. Add it: recouvrement rates add, then upload data/rates.json to s3://<config bucket>/rates/overrides.json (README, "Rates")',
      metric: new cloudwatch.Metric({
        ...RATES_METRIC,
        statistic: cloudwatch.Stats.SUM,
        // A day: the check runs once a night, the alarm stays up until a night finds the rates.
        period: Duration.days(1),
      }),
    });

    // A dossier parked after N failed steps in a row: its legal calendar stands still until a
    // person looks at the stuck-dossier task (GET /tasks?kind=stuck-dossier) and resumes it.
    pageOnFirst(this, 'DossierStuck', notify, {
      description:
        'A dossier was parked after repeated failed escalation steps: see GET /tasks?kind=stuck-dossier (error kind), fix the cause, then POST /dossiers/{id}/resume',
      metric: new cloudwatch.Metric({
        ...DOSSIER_STUCK_METRIC,
        statistic: cloudwatch.Stats.SUM,
        period: Duration.hours(1),
      }),
    });
  }
}

/**
 * An alarm that pages at the first occurrence: one period at 1 or more, no data meaning all is
 * well. Every alarm of the stack is of this kind: each one is an action for a person.
 */
export function pageOnFirst(
  scope: Construct,
  id: string,
  notify: cloudwatch.IAlarmAction,
  props: { description: string; metric: cloudwatch.IMetric },
): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(notify);
  return alarm;
}

/** Messages waiting in a dead-letter queue: the most seen over 5 minutes. */
export function deadLetterDepth(queue: sqs.IQueue): cloudwatch.IMetric {
  return queue.metricApproximateNumberOfMessagesVisible({
    period: Duration.minutes(5),
    statistic: cloudwatch.Stats.MAXIMUM,
  });
}
