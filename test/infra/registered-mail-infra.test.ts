import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readDeployConfig } from '../../infra/aws/deploy-config';
import { resourcesOfType, synthesizeApp } from './fixture';

/**
 * The registered-mail provider and the stuck-dossier alarm in the synthesized templates (cdk-nag
 * runs inside synthesizeApp and throws on any unacknowledged finding).
 */
const PROVIDER = {
  registeredMailUrl: 'https://api.lrar-provider.example/v1',
  registeredMailSecretName: 'recouvrement/registered-mail',
};

type Fn = { Properties?: { Environment?: { Variables?: Record<string, unknown> } } };
const variablesOf = (fn: Fn) => fn.Properties?.Environment?.Variables ?? {};

describe('registered mail on AWS', () => {
  it('without a provider: no webhook route, no secret grant, no provider variables', () => {
    const app = synthesizeApp();
    const routes = resourcesOfType(app.statelessTemplate, 'AWS::ApiGatewayV2::Route');
    expect(Object.values(routes).map((r) => r.Properties?.['RouteKey'])).not.toContain(
      'POST /webhooks/registered-mail',
    );
    expect(JSON.stringify(app.statelessTemplate.toJSON())).not.toContain('secretsmanager:GetSecretValue');
    for (const fn of Object.values(resourcesOfType(app.statelessTemplate, 'AWS::Lambda::Function')))
      expect(Object.keys(variablesOf(fn as Fn))).not.toContain('REGISTERED_MAIL_URL');
  });

  it('with a provider: URL and secret NAME in the environment, never a key; the webhook route outside the JWT authorizer', () => {
    const app = synthesizeApp(PROVIDER);
    const template = app.statelessTemplate;
    const functions = Object.values(resourcesOfType(template, 'AWS::Lambda::Function')) as Fn[];
    const withProvider = functions.filter((fn) => variablesOf(fn)['REGISTERED_MAIL_URL']);
    expect(withProvider.length).toBeGreaterThan(0);
    for (const fn of withProvider) {
      expect(variablesOf(fn)).toMatchObject({
        REGISTERED_MAIL_URL: PROVIDER.registeredMailUrl,
        REGISTERED_MAIL_SECRET_NAME: PROVIDER.registeredMailSecretName,
      });
      expect(Object.keys(variablesOf(fn)).some((name) => /API_KEY|SECRET$/.test(name))).toBe(false);
    }
    const routes = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route'));
    const webhook = routes.find((r) => r.Properties?.['RouteKey'] === 'POST /webhooks/registered-mail');
    expect(webhook?.Properties?.['AuthorizationType']).toBe('NONE');
    // Besides the webhook, only the public health and OpenAPI routes go without a token.
    const PUBLIC = ['GET /health', 'GET /openapi.json'];
    const others = routes.filter(
      (r) => r !== webhook && !PUBLIC.includes(String(r.Properties?.['RouteKey'])),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const route of others) expect(route.Properties?.['AuthorizationType']).toBe('JWT');

    const policies = JSON.stringify(resourcesOfType(template, 'AWS::IAM::Policy'));
    expect(policies).toContain('secretsmanager:GetSecretValue');
    expect(policies).toContain(':secret:recouvrement/registered-mail-??????');
    expect(app.stateless.functions['registeredMailWebhook']).toBeDefined();
  });

  it('takes the provider from context as both values or neither, https only, a name not an ARN', () => {
    const config = (context: Record<string, string>) => readDeployConfig(new App({ context }).node);
    expect(config({}).registeredMail).toBeUndefined();
    expect(config(PROVIDER).registeredMail).toEqual({
      url: PROVIDER.registeredMailUrl,
      secretName: PROVIDER.registeredMailSecretName,
    });
    expect(() => config({ registeredMailUrl: PROVIDER.registeredMailUrl })).toThrow(/set both or neither/);
    expect(() => config({ ...PROVIDER, registeredMailUrl: 'http://lrar.example' })).toThrow(/https/);
    expect(() =>
      config({ ...PROVIDER, registeredMailSecretName: 'arn:aws:secretsmanager:eu-west-3:1:secret:x' }),
    ).toThrow(/not an ARN/);
    expect(config({}).stuckAfterFailures).toBe(3);
    expect(config({ stuckAfterFailures: '5' }).stuckAfterFailures).toBe(5);
    expect(() => config({ stuckAfterFailures: '0' })).toThrow(/stuckAfterFailures/);
  });
});

describe('stuck dossiers on AWS', () => {
  it('wires RecordPageFailure to escalation-failed, with the threshold in its environment, and alarms on DossierStuck', () => {
    const app = synthesizeApp({ stuckAfterFailures: '4' });
    const template = app.statelessTemplate;
    const failed = app.stateless.functions['failed'];
    expect(failed).toBeDefined();
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    const stuck = alarms.find((alarm) => alarm.Properties?.['MetricName'] === 'DossierStuck');
    expect(stuck?.Properties).toMatchObject({
      Namespace: 'Recouvrement',
      Dimensions: [{ Name: 'service', Value: 'recouvrement' }],
      Statistic: 'Sum',
      Threshold: 1,
    });
    const functions = Object.values(resourcesOfType(template, 'AWS::Lambda::Function')) as Fn[];
    expect(functions.some((fn) => variablesOf(fn)['STUCK_AFTER_FAILURES'] === '4')).toBe(true);
    const machines = JSON.stringify(resourcesOfType(template, 'AWS::StepFunctions::StateMachine'));
    expect(machines).toContain('RecordPageFailure');
  });
});
