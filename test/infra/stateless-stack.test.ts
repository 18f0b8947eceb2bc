import type { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../infra/api-routes';
import { aslPlaceholders, readAsl } from '../../infra/aws/constructs/workflow-from-file';
import { arnOf, resourcesOfType, type SynthesizedApp, synthesizeApp } from './fixture';

const ASL_FILES = ['escalation.asl.json', 'overdue-sweep.asl.json', 'prescription-sweep.asl.json'];

describe('RecouvrementStateless', () => {
  let app: SynthesizedApp;
  let logicalIdOf: (name: keyof SynthesizedApp['stateless']['functions']) => string;
  beforeAll(() => {
    app = synthesizeApp();
    const stack: Stack = app.stateless;
    logicalIdOf = (name) => {
      const fn = app.stateless.functions[name];
      if (!fn) throw new Error(`no function ${String(name)}`);
      return stack.getLogicalId(fn.node.defaultChild as CfnFunction);
    };
  });

  describe('functions', () => {
    it('runs every pipeline function on Node.js 22, ARM, traced, with the config contract', () => {
      // Prepare
      const functions = resourcesOfType(app.statelessTemplate, 'AWS::Lambda::Function');
      const pipeline = Object.entries(functions).filter(([id]) =>
        Object.keys(app.stateless.functions).some((name) => id === logicalIdOf(name)),
      );

      // Assess
      expect(pipeline).toHaveLength(17); // the judicial step's five and retention-scan included
      for (const [logicalId, fn] of pipeline) {
        expect(fn.Properties?.['Runtime'], logicalId).toBe('nodejs22.x');
        expect(fn.Properties?.['Architectures'], logicalId).toEqual(['arm64']);
        expect(fn.Properties?.['TracingConfig'], logicalId).toEqual({ Mode: 'Active' });
        const environment = fn.Properties?.['Environment'] as
          | { Variables: Record<string, unknown> }
          | undefined;
        const variables = environment?.Variables ?? {};
        expect(Object.keys(variables), logicalId).toEqual(
          expect.arrayContaining([
            'TABLE_NAME',
            'SHARD_COUNT',
            'DOCUMENTS_BUCKET',
            'INTAKE_BUCKET',
            'SENDER_EMAIL',
            'SES_CONFIGURATION_SET',
            'SMS_SENDER_ID',
            'DISPATCH_BATCH',
            'POWERTOOLS_SERVICE_NAME',
            'NODE_OPTIONS',
          ]),
        );
        expect(variables['POWERTOOLS_SERVICE_NAME']).toBe('recouvrement');
        expect(variables['NODE_OPTIONS']).toBe('--enable-source-maps');
      }
    });

    it('reserves no concurrency unless the deploy sets the step cap, then on the three step functions only', () => {
      const reserved = (template: SynthesizedApp['statelessTemplate']) =>
        Object.values(resourcesOfType(template, 'AWS::Lambda::Function'))
          .map((fn) => fn.Properties?.['ReservedConcurrentExecutions'])
          .filter((value) => value !== undefined);
      expect(reserved(app.statelessTemplate)).toEqual([]);
      const capped = synthesizeApp({ stepReservedConcurrency: '300' });
      expect(reserved(capped.statelessTemplate)).toEqual([300, 300, 300]);
    });

    it('gives the escalation machine ARN to dispatch-due, and lets it start that machine only', () => {
      // Prepare
      const escalationId = findStateMachine('EXPRESS', 'Escalation');
      const dispatchDue = resourcesOfType(app.statelessTemplate, 'AWS::Lambda::Function')[
        logicalIdOf('dispatchDue')
      ];

      // Assess
      expect(dispatchDue?.Properties?.['Environment']).toMatchObject({
        Variables: { ESCALATION_STATE_MACHINE_ARN: { Ref: escalationId }, STARTS_IN_FLIGHT: '20' },
      });
      const starts = statementsWith('states:StartExecution');
      expect(starts).toHaveLength(6); // dispatch-due, judicial-scan, and the role of each sweep schedule (retention's included)
      expect(starts.map((statement) => statement.Resource)).toContainEqual({ Ref: escalationId });
    });

    it('gives the judicial step machine ARN to judicial-scan, and lets it start that machine', () => {
      const judicialStepId = findStateMachine('EXPRESS', 'JudicialWorkflow');
      const judicialScan = resourcesOfType(app.statelessTemplate, 'AWS::Lambda::Function')[
        logicalIdOf('judicialScan')
      ];
      expect(judicialScan?.Properties?.['Environment']).toMatchObject({
        Variables: { JUDICIAL_STEP_STATE_MACHINE_ARN: { Ref: judicialStepId } },
      });
      expect(statementsWith('states:StartExecution').map((statement) => statement.Resource)).toContainEqual({
        Ref: judicialStepId,
      });
    });
  });

  describe('state machines', () => {
    it('runs the escalation step as EXPRESS and the sweeps as STANDARD, logged without data and traced', () => {
      // Prepare
      const machines = Object.values(
        resourcesOfType(app.statelessTemplate, 'AWS::StepFunctions::StateMachine'),
      );

      // Assess
      expect(machines.map((machine) => machine.Properties?.['StateMachineType']).sort()).toEqual([
        'EXPRESS',
        'EXPRESS',
        'STANDARD',
        'STANDARD',
        'STANDARD',
        'STANDARD',
      ]);
      for (const machine of machines) {
        expect(machine.Properties?.['LoggingConfiguration']).toMatchObject({
          Level: 'ALL',
          IncludeExecutionData: false,
        });
        expect(machine.Properties?.['TracingConfiguration']).toEqual({ Enabled: true });
      }
    });

    it('substitutes every placeholder the ASL files contain', () => {
      // Prepare
      const machines = Object.values(
        resourcesOfType(app.statelessTemplate, 'AWS::StepFunctions::StateMachine'),
      );
      const definitions = machines.map((machine) => ({
        definition: machine.Properties?.['DefinitionString'],
        keys: Object.keys((machine.Properties?.['DefinitionSubstitutions'] ?? {}) as object),
      }));

      // Assess
      for (const { definition, keys } of definitions) {
        expect(typeof definition).toBe('string'); // from the file, not an uploaded asset
        const placeholders = aslPlaceholders(definition as string);
        expect(placeholders.length).toBeGreaterThan(0);
        expect(keys).toEqual(expect.arrayContaining(placeholders));
      }
      for (const file of ASL_FILES) {
        const placeholders = aslPlaceholders(readAsl(file));
        expect(
          definitions.some(({ keys }) => placeholders.every((name) => keys.includes(name))),
          file,
        ).toBe(true);
      }
    });

    it('fills LastShard with shardCount - 1 and ShardsPerTask with the default group of 4', () => {
      app.statelessTemplate.resourcePropertiesCountIs(
        'AWS::StepFunctions::StateMachine',
        { DefinitionSubstitutions: Match.objectLike({ LastShard: '15', ShardsPerTask: '4' }) },
        3,
      );
    });

    it('lets each machine invoke only its own functions', () => {
      // Prepare
      const expected = [
        [logicalIdOf('decide'), logicalIdOf('act'), logicalIdOf('record'), logicalIdOf('failed')],
        [logicalIdOf('dispatchDue')],
        [logicalIdOf('prescriptionScan')],
        [logicalIdOf('judicialScan')],
        [logicalIdOf('retentionScan')],
        [
          logicalIdOf('judicialReadStage'),
          logicalIdOf('judicialCourtFile'),
          logicalIdOf('judicialWatch'),
          logicalIdOf('judicialAct'),
          logicalIdOf('judicialRecord'),
        ],
      ].map((ids) => ids.map(arnOf));

      // Assess
      const invokes = statementsWith('lambda:InvokeFunction')
        .map((statement) => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]))
        // The monthly-statements schedule's own role invokes its one function (checked below).
        .filter((resources) => !JSON.stringify(resources).includes(logicalIdOf('monthlyStatements')));
      expect(invokes).toHaveLength(6);
      for (const resources of expected) expect(invokes).toContainEqual(resources);
    });
  });

  describe('schedules', () => {
    it.each([
      // The overdue sweep holds 2 h after 06:00 so that contacts start at 08:00 (docs/legal.md §8).
      ['overdue sweep', 'cron(0 6 * * ? *)', { holdSeconds: 7200, asOf: '<aws.scheduler.scheduled-time>' }],
      ['prescription sweep', 'cron(0 2 * * ? *)', { asOf: '<aws.scheduler.scheduled-time>' }],
      // Court deadlines (docs/legal.md §10): after the prescription sweep, before the day's contacts.
      ['judicial sweep', 'cron(0 3 * * ? *)', { asOf: '<aws.scheduler.scheduled-time>' }],
      // Personal data past retention (docs/personal-data.md).
      ['retention sweep', 'cron(0 4 * * ? *)', { asOf: '<aws.scheduler.scheduled-time>' }],
      // A daily check at 09:00; the job acts on the month's first working day only.
      ['monthly statements', 'cron(0 9 * * ? *)', { asOf: '<aws.scheduler.scheduled-time>' }],
    ])('starts the %s daily in Europe/Paris with the scheduled time as asOf', (_label, expression, input) => {
      app.statelessTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'Europe/Paris',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Input: JSON.stringify(input),
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }),
          DeadLetterConfig: { Arn: Match.anyValue() },
        },
      });
    });

    it('sends failed starts to an encrypted, TLS-only dead-letter queue', () => {
      // The schedules' dead-letter queue, and intake's (test/infra/intake-failures.test.ts).
      app.statelessTemplate.resourceCountIs('AWS::SQS::Queue', 2);
      app.statelessTemplate.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
      app.statelessTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });
  });

  it('notifies the intake function of every object created in the intake bucket', () => {
    app.statelessTemplate.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { 'Fn::ImportValue': Match.stringLikeRegexp('RecouvrementStateful:.*Intake') },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          { Events: ['s3:ObjectCreated:*'], LambdaFunctionArn: arnOf(logicalIdOf('intake')) },
        ],
      },
    });
  });

  describe('messaging', () => {
    it('lets only the senders use SES, as the sender identity and configuration set, never *', () => {
      // Prepare
      const sends = statementsWith('ses:SendEmail');

      // Assess
      expect(sends).toHaveLength(6); // escalation-act, prescription-scan, judicial-watch, judicial-act, monthly-statements, api (the enforcement hand-off)
      for (const statement of sends) {
        expect(statement.Resource).not.toBe('*');
        expect(JSON.stringify(statement.Resource)).not.toContain('"*"');
        expect(JSON.stringify(statement.Resource)).toContain(':identity/noreply@example.com');
        expect(JSON.stringify(statement.Resource)).toContain(':configuration-set/');
        expect(statement.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'noreply@example.com' } });
      }
      app.statelessTemplate.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    });

    it('lets escalation-act and escalation-record read a page with BatchGetItem, on the table only', () => {
      for (const name of ['act', 'record'] as const) {
        const role = app.stateless.functions[name]!.role!.node.defaultChild as CfnRole;
        const roleId = app.stateless.getLogicalId(role);
        const batchGets = Object.values(resourcesOfType(app.statelessTemplate, 'AWS::IAM::Policy'))
          .filter((policy) => JSON.stringify(policy.Properties?.['Roles']).includes(roleId))
          .flatMap(
            (policy) =>
              (policy.Properties?.['PolicyDocument'] as { Statement: Statement[] } | undefined)?.Statement ??
              [],
          )
          .filter((statement) => [statement.Action].flat().includes('dynamodb:BatchGetItem'));
        expect(batchGets, name).toHaveLength(1);
        expect(JSON.stringify(batchGets[0]!.Resource)).not.toMatch(/index|"\*"/);
      }
    });

    it('lets only escalation-act publish SMS', () => {
      const publishes = statementsWith('sns:Publish');
      expect(publishes).toHaveLength(1);
      expect(publishes[0]?.Condition).toBeDefined();
    });
  });

  it('feeds SES bounces and complaints and SMS failures straight to delivery-feedback (no state machine)', () => {
    const template = app.statelessTemplate;
    const handler = logicalIdOf('deliveryFeedback');
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: Match.anyValue() },
      }),
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [handler, 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' } }),
        ]),
      }),
    });
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      DestinationArn: { 'Fn::GetAtt': [handler, 'Arn'] },
      FilterPattern: '{ $.status = "FAILURE" }',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.anyValue(),
      RetentionInDays: 30,
    });
  });

  it('puts every API route behind the Cognito JWT authorizer, throttled and access-logged', () => {
    // Prepare
    const template = app.statelessTemplate;
    const routes = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route'));

    // Assess: the shared route list, deployed as is; only the routes marked public go without a token
    const keyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
    expect(routes.map((route) => route.Properties?.['RouteKey']).sort()).toEqual(
      API_ROUTES.map(keyOf).sort(),
    );
    const open = new Set(API_ROUTES.filter((route) => route.auth === 'none').map(keyOf));
    expect([...open].sort()).toEqual(['GET /health', 'GET /openapi.json']);
    for (const route of routes)
      expect(route.Properties?.['AuthorizationType']).toBe(
        open.has(String(route.Properties?.['RouteKey'])) ? 'NONE' : 'JWT',
      );
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
    });
  });

  it('alarms on failed workflows, on sweeps that never started, on a missing current half-year of rates, on a stuck dossier', () => {
    // 9 (one per workflow, the judicial sweep's and step's and the retention sweep's included), plus the intake dead-letter queue's (test/infra/intake-failures.test.ts).
    // And 8 service alarms (test/infra/hardening.test.ts): SES bounce and complaint rates, Lambda and table throttles, 4 sweeps that did not run.
    app.statelessTemplate.resourceCountIs('AWS::CloudWatch::Alarm', 18);
    for (const alarm of Object.values(resourcesOfType(app.statelessTemplate, 'AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties?.['AlarmActions']).toHaveLength(1);
    }
  });

  function findStateMachine(type: 'EXPRESS' | 'STANDARD', idPrefix = ''): string {
    const machines = resourcesOfType(app.statelessTemplate, 'AWS::StepFunctions::StateMachine');
    const found = Object.entries(machines).find(
      ([id, machine]) => machine.Properties?.['StateMachineType'] === type && id.startsWith(idPrefix),
    );
    if (!found) throw new Error(`no ${type} state machine`);
    return found[0];
  }

  interface Statement {
    Action: string | string[];
    Resource: unknown;
    Condition?: unknown;
  }

  /** Every Allow statement of the stack's IAM policies that grants `action`. */
  function statementsWith(action: string): Statement[] {
    return Object.values(resourcesOfType(app.statelessTemplate, 'AWS::IAM::Policy'))
      .flatMap(
        (policy) =>
          (policy.Properties?.['PolicyDocument'] as { Statement: Statement[] } | undefined)?.Statement ?? [],
      )
      .filter((statement) => [statement.Action].flat().includes(action));
  }
});
