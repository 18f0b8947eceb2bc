import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_ROUTES as SHARED_ROUTES } from '../../api-routes';

export interface DossierApiProps {
  handler: lambda.IFunction;
  userPool: cognito.IUserPool;
  /** The app client whose ID tokens (which carry custom:tenantId) the API accepts. */
  client: cognito.IUserPoolClient;
  /** Steady requests per second across the API, and the burst above it. */
  throttle?: { rateLimit: number; burstLimit: number };
  /** The registered-mail provider's webhook function, when a provider is configured. */
  registeredMailWebhook?: lambda.IFunction;
  /** Web origins allowed to call the API from a browser (the dashboard's CloudFront origin). */
  corsOrigins?: string[];
}

/** The provider's postings and receipts: no creditor token, the HMAC signature authenticates them. */
export const WEBHOOK_ROUTE = { method: apigw.HttpMethod.POST, path: '/webhooks/registered-mail' };

/** Routes served by the `api` function (the list in infra/api-routes.ts); every one needs a valid creditor token. */
export const API_ROUTES: ReadonlyArray<{ method: apigw.HttpMethod; path: string; auth?: 'none' }> =
  SHARED_ROUTES.map((route) => ({
    method: apigw.HttpMethod[route.method],
    path: route.path,
    ...(route.auth ? { auth: route.auth } : {}),
  }));

/** Why GET /health and GET /openapi.json carry no authorizer (cdk-nag APIG4, reviewed in test/infra). */
const PUBLIC_ROUTE_REASON =
  'Liveness probe and the OpenAPI document of the API: both answer a constant or the process clock, read no table, no bucket and no tenant data, and take no input; a client must be able to fetch the contract before it has a token. The stage throttling applies to them like to every route.';

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
      // The dashboard (infra/aws/constructs/dashboard-site.ts) sends its bearer token from another
      // origin; API Gateway answers the preflight itself, before the authorizer.
      ...(props.corsOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              exposeHeaders: ['x-document-sha256', 'idempotent-replayed'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const integration = new HttpLambdaIntegration('Dossiers', props.handler);
    for (const route of API_ROUTES) {
      if (route.auth !== 'none') {
        this.httpApi.addRoutes({ path: route.path, methods: [route.method], integration });
        continue;
      }
      const [open] = this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        authorizer: new apigw.HttpNoneAuthorizer(),
      });
      Validations.of(open!).acknowledge({ id: 'AwsSolutions-APIG4', reason: PUBLIC_ROUTE_REASON });
    }
    if (props.registeredMailWebhook) {
      const [webhook] = this.httpApi.addRoutes({
        path: WEBHOOK_ROUTE.path,
        methods: [WEBHOOK_ROUTE.method],
        integration: new HttpLambdaIntegration('RegisteredMailWebhook', props.registeredMailWebhook),
        // Outside the JWT authorizer: the provider has no Cognito token.
        authorizer: new apigw.HttpNoneAuthorizer(),
      });
      Validations.of(webhook!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Webhook of the registered-mail provider, which cannot hold a Cognito token: the function authenticates each call by its HMAC-SHA256 signature over the raw body and a timestamp (5-minute window, event-id deduplication), with the shared secret from Secrets Manager; an unsigned call gets 401 before any read or write.',
      });
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
