import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

const STATEMACHINES_DIR = fileURLToPath(new URL('../../../statemachines/', import.meta.url));

/** `${Name}` placeholders of an ASL file, in order of first appearance. */
export function aslPlaceholders(definition: string): string[] {
  return [...new Set([...definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] ?? ''))];
}

export function readAsl(file: string): string {
  return readFileSync(`${STATEMACHINES_DIR}${file}`, 'utf8');
}

export interface WorkflowFromFileProps {
  /** File name under statemachines/, e.g. `escalation.asl.json`. */
  file: string;
  type: sfn.StateMachineType;
  /** Placeholder name → function: substituted with its ARN, and the only functions the machine may invoke. */
  functions: Record<string, lambda.IFunction>;
  /** Other placeholders, substituted as they are (e.g. a number inside an intrinsic function). */
  values?: Record<string, string>;
}

/**
 * A state machine whose definition is the ASL file the embedded stack runs too,
 * with its placeholders filled by definitionSubstitutions. A placeholder with
 * no value fails the synth rather than the first execution.
 *
 * Logs: ALL events, never the execution data (inputs and outputs carry dossier
 * data and, on the act step, debtor contacts). X-Ray on.
 */
export class WorkflowFromFile extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowFromFileProps) {
    super(scope, id);
    const definition = readAsl(props.file);
    const substitutions: Record<string, string> = { ...props.values };
    for (const [name, fn] of Object.entries(props.functions)) substitutions[name] = fn.functionArn;
    const missing = aslPlaceholders(definition).filter((name) => !(name in substitutions));
    if (missing.length > 0) throw new Error(`${props.file}: no value for ${missing.join(', ')}`);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch Logs' resource policy small as machines are added.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-${id}`,
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromString(definition),
      definitionSubstitutions: substitutions,
      stateMachineType: props.type,
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Logging to CloudWatch Logs (logs:CreateLogDelivery and the other log-delivery actions) and X-Ray tracing have no resource-level permissions.',
    });

    // The unqualified ARNs the ASL names, nothing else (grantInvoke would add `<arn>:*`).
    const functionArns = Object.values(props.functions).map((fn) => fn.functionArn);
    if (functionArns.length > 0) {
      this.stateMachine.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: functionArns }),
      );
    }
  }
}
