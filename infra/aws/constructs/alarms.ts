import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface PipelineAlarmsProps {
  topic: sns.ITopic;
  /** Label (used in alarm ids and descriptions) → state machine whose failed executions page someone. */
  stateMachines: Record<string, sfn.IStateMachine>;
  /** Dead-letter queue of the schedules: one message there is a sweep that never started. */
  scheduleDeadLetters: sqs.IQueue;
}

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
  }
}
