import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface DossierApiProps {
  handler: lambda.IFunction;
  userPool: cognito.IUserPool;
  /** The app client whose ID tokens (which carry custom:tenantId) the API accepts. */
  client: cognito.IUserPoolClient;
  /** Steady requests per second across the API, and the burst above it. */
  throttle?: { rateLimit: number; burstLimit: number };
}

/** Routes served by the `api` function; every one needs a valid creditor token. */
export const API_ROUTES: ReadonlyArray<{ method: apigw.HttpMethod; path: string }> = [
  { method: apigw.HttpMethod.GET, path: '/dossiers/{dossierId}' },
  { method: apigw.HttpMethod.GET, path: '/dossiers/{dossierId}/timeline' },
  { method: apigw.HttpMethod.POST, path: '/dossiers/{dossierId}/payments' },
  { method: apigw.HttpMethod.POST, path: '/dossiers/{dossierId}/disputes' },
  { method: apigw.HttpMethod.POST, path: '/dossiers/{dossierId}/opt-outs' },
  { method: apigw.HttpMethod.GET, path: '/tasks' },
  { method: apigw.HttpMethod.POST, path: '/tasks/{taskId}/outcome' },
];

/**
 * HTTP API for creditors: a Cognito JWT on every route (the function reads the
 * tenant from the verified `custom:tenantId` claim, never from the request),
 * stage throttling, and JSON access logs that name the route and the caller's
 * subject, never a body or a debtor.
 */
export class DossierApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(scope: Construct, id: string, props: DossierApiProps) {
    super(scope, id);
    const issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${props.userPool.userPoolId}`;
    const authorizer = new HttpJwtAuthorizer('CognitoJwt', issuer, {
      jwtAudience: [props.client.userPoolClientId],
    });

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Recouvrement: dossiers, timelines, payments, disputes, call tasks',
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });
    const integration = new HttpLambdaIntegration('Dossiers', props.handler);
    for (const route of API_ROUTES) {
      this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration });
    }

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            subject: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
  }

  get url(): string {
    return this.stage.url;
  }
}
