import { Duration, type Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { SWEEP_SCHEDULES } from '../../sweep-schedules';
import { dailySchedule } from '../constructs/daily-schedule';
import type { PipelineFunction } from '../constructs/pipeline-function';
import { WorkflowFromFile } from '../constructs/workflow-from-file';
import type { DeployConfig } from '../deploy-config';

export interface DailySweepsProps {
  config: DeployConfig;
  /** The page task of each sweep. */
  dispatchDue: PipelineFunction;
  prescriptionScan: PipelineFunction;
  judicialScan: PipelineFunction;
  retentionScan: PipelineFunction;
  /** A plain daily job, started without a workflow. */
  monthlyStatements: PipelineFunction;
}

/** The four sweeps' state machines, by the name their alarms carry. */
export type SweepMachines = Record<
  'OverdueSweep' | 'PrescriptionSweep' | 'JudicialSweep' | 'RetentionSweep',
  sfn.StateMachine
>;

export interface DailySweeps {
  sweeps: SweepMachines;
  /** Where a schedule's start goes once its retries are spent; an alarm watches it. */
  scheduleDeadLetters: sqs.Queue;
}

/**
 * The daily sweeps (Standard workflows: they run for minutes over every shard, and their history is
 * the audit of the day) and the schedules that start them at fixed Paris hours (README.md, "Schedules").
 */
export function dailySweeps(stack: Stack, props: DailySweepsProps): DailySweeps {
  const { config, dispatchDue, prescriptionScan, judicialScan, retentionScan, monthlyStatements } = props;
  // One page task walks ShardsPerTask shards in turn: an empty shard costs a query, not a task.
  const shardValues = {
    LastShard: String(config.shardCount - 1),
    ShardsPerTask: String(config.shardsPerTask),
  };
  const overdueSweep = new WorkflowFromFile(stack, 'OverdueSweep', {
    file: 'overdue-sweep.asl.json',
    type: sfn.StateMachineType.STANDARD,
    functions: { DispatchDueFunctionArn: dispatchDue },
    values: shardValues,
  }).stateMachine;
  const prescriptionSweep = new WorkflowFromFile(stack, 'PrescriptionSweep', {
    file: 'prescription-sweep.asl.json',
    type: sfn.StateMachineType.STANDARD,
    functions: { PrescriptionScanFunctionArn: prescriptionScan },
    values: shardValues,
  }).stateMachine;
  const judicialSweep = new WorkflowFromFile(stack, 'JudicialSweep', {
    file: 'judicial-sweep.asl.json',
    type: sfn.StateMachineType.STANDARD,
    functions: { JudicialScanFunctionArn: judicialScan },
    values: shardValues,
  }).stateMachine;

  const retentionSweep = new WorkflowFromFile(stack, 'RetentionSweep', {
    file: 'retention-sweep.asl.json',
    type: sfn.StateMachineType.STANDARD,
    functions: { RetentionScanFunctionArn: retentionScan },
  }).stateMachine;

  const scheduleDeadLetters = new sqs.Queue(stack, 'ScheduleDeadLetters', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(scheduleDeadLetters).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself the dead-letter queue of the sweep schedules; an alarm watches its depth.',
  });
  dailySchedule(stack, 'OverdueSweepDaily', {
    description: 'Overdue sweep, every day at 06:00 Europe/Paris, contacts from 08:00',
    hour: SWEEP_SCHEDULES.overdue.hour,
    input: { holdSeconds: SWEEP_SCHEDULES.overdue.holdSeconds },
    stateMachine: overdueSweep,
    deadLetterQueue: scheduleDeadLetters,
  });
  // 02:00 Paris does not exist on the spring DST day (02:00 -> 03:00): the scheduler skips that one run
  // (README.md, "Schedules"); the next night's sweep catches up.
  dailySchedule(stack, 'PrescriptionSweepDaily', {
    description: 'Prescription sweep, every day at 02:00 Europe/Paris',
    hour: SWEEP_SCHEDULES.prescription.hour,
    stateMachine: prescriptionSweep,
    deadLetterQueue: scheduleDeadLetters,
  });
  dailySchedule(stack, 'JudicialSweepDaily', {
    description: 'Judicial sweep (court deadlines), every day at 03:00 Europe/Paris',
    hour: SWEEP_SCHEDULES.judicial.hour,
    stateMachine: judicialSweep,
    deadLetterQueue: scheduleDeadLetters,
  });
  dailySchedule(stack, 'RetentionSweepDaily', {
    description: 'Retention sweep (personal data past retention), every day at 04:00 Europe/Paris',
    hour: SWEEP_SCHEDULES.retention.hour,
    stateMachine: retentionSweep,
    deadLetterQueue: scheduleDeadLetters,
  });
  // Daily at 09:00; the job itself acts only on the month's first working day (a holiday-aware
  // rule no cron expression can say).
  dailySchedule(stack, 'MonthlyStatementsDaily', {
    description: 'Monthly statements, checked every day at 09:00 Europe/Paris',
    hour: 9,
    lambda: monthlyStatements,
    deadLetterQueue: scheduleDeadLetters,
  });
  const statementsId = stack.getLogicalId(monthlyStatements.node.defaultChild as lambda.CfnFunction);
  Validations.of(stack).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${statementsId}.Arn>:*]`,
    reason:
      "The scheduler's Lambda target grants invoke on this one function and its versions/aliases (`<arn>:*`); no other function.",
  });
  const sweeps = {
    OverdueSweep: overdueSweep,
    PrescriptionSweep: prescriptionSweep,
    JudicialSweep: judicialSweep,
    RetentionSweep: retentionSweep,
  };
  return { sweeps, scheduleDeadLetters };
}
