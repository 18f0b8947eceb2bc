import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { pageOnFirst } from './alarms';

/**
 * SES suspends sending above a 10 % bounce or 0.5 % complaint rate (its reputation policy): the
 * alarms page well before, at half of it for bounces and a fifth for complaints.
 */
export const SES_BOUNCE_RATE_ALARM = 0.05;
export const SES_COMPLAINT_RATE_ALARM = 0.001;

export interface ServiceAlarmsProps {
  topic: sns.ITopic;
  table: dynamodb.ITable;
  /** Label → a daily sweep that must start at least once a day (its schedule may fail silently). */
  dailySweeps: Record<string, sfn.IStateMachine>;
}

/**
 * The alarms of the services under the pipeline (PipelineAlarms watches the workflows): SES
 * reputation, throttles (Lambda, DynamoDB), and a daily sweep that did not run at all in a day,
 * which no failure metric shows (no execution, no failure). Each notifies the alarm topic.
 */
export class ServiceAlarms extends Construct {
  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const notify = new actions.SnsAction(props.topic);
    const rate = (metricName: string, threshold: number, description: string) => {
      const alarm = new cloudwatch.Alarm(this, metricName.replace('Reputation.', 'Ses'), {
        alarmDescription: description,
        metric: new cloudwatch.Metric({
          namespace: 'AWS/SES',
          metricName,
          statistic: cloudwatch.Stats.MAXIMUM,
          period: Duration.hours(1),
        }),
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(notify);
    };
    rate(
      'Reputation.BounceRate',
      SES_BOUNCE_RATE_ALARM,
      'SES bounce rate at 5 %: check the intake e-mail addresses before SES pauses sending (10 %)',
    );
    rate(
      'Reputation.ComplaintRate',
      SES_COMPLAINT_RATE_ALARM,
      'SES complaint rate at 0.1 %: check the reminders sent before SES pauses sending (0.5 %)',
    );

    // The account's Lambda throttles, not one metric per function: an alarm's math takes at most
    // 10 metrics, the stack has more functions, and the account is the project's own (deploy docs).
    pageOnFirst(this, 'LambdaThrottles', notify, {
      description:
        'Lambda throttled invocations: sweep pages or steps wait; check reserved concurrency and the account limit',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Throttles',
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(5),
      }),
    });
    pageOnFirst(this, 'TableThrottles', notify, {
      description:
        'DynamoDB throttled requests on the table (on-demand: a hot partition or the account limit)',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName: 'ThrottledRequests',
        dimensionsMap: { TableName: props.table.tableName },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.minutes(5),
      }),
    });

    // A day without a start: the schedule was deleted, disabled or never fired (the scheduler DLQ
    // only sees a start that failed). Missing data is breaching: no execution at all is the alarm.
    for (const [label, machine] of Object.entries(props.dailySweeps)) {
      const alarm = new cloudwatch.Alarm(this, `${label}DidNotRun`, {
        alarmDescription: `${label}: no execution started in the last 24 hours`,
        metric: machine.metricStarted({ period: Duration.days(1), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      });
      alarm.addAlarmAction(notify);
    }
  }
}
