import { Duration, TimeZone } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export interface DailyScheduleProps {
  description: string;
  /** Hour of the day, Europe/Paris wall-clock time (DST handled by the scheduler). */
  hour: number;
  /** What the schedule starts: a sweep state machine, or a Lambda for a plain daily job. */
  stateMachine?: sfn.IStateMachine;
  lambda?: lambda.IFunction;
  /** Extra constant input for the state machine (e.g. the overdue sweep's `holdSeconds`). */
  input?: Record<string, string | number>;
  /** Where an invocation goes once its retries are spent; an alarm watches it. */
  deadLetterQueue: sqs.IQueue;
}

/**
 * Starts a sweep state machine once a day at a fixed Paris time, with the
 * scheduled time as `asOf`: a late or retried start still sweeps the day it was
 * meant for, and the sweep is idempotent, so a retry is safe. No flexible
 * window: the legal deadlines are counted in Paris calendar days.
 */
export function dailySchedule(scope: Construct, id: string, props: DailyScheduleProps): scheduler.Schedule {
  return new scheduler.Schedule(scope, id, {
    description: props.description,
    schedule: scheduler.ScheduleExpression.cron({
      minute: '0',
      hour: String(props.hour),
      timeZone: TimeZone.EUROPE_PARIS,
    }),
    timeWindow: scheduler.TimeWindow.off(),
    target: targetOf(props),
  });
}

function targetOf(props: DailyScheduleProps): scheduler.IScheduleTarget {
  const options = {
    input: scheduler.ScheduleTargetInput.fromObject({
      ...props.input,
      asOf: scheduler.ContextAttribute.scheduledTime,
    }),
    deadLetterQueue: props.deadLetterQueue,
    retryAttempts: 5,
    maxEventAge: Duration.hours(6),
  };
  if (props.stateMachine) return new targets.StepFunctionsStartExecution(props.stateMachine, options);
  if (props.lambda) return new targets.LambdaInvoke(props.lambda, options);
  throw new Error('a daily schedule needs a state machine or a Lambda');
}
