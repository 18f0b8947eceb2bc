import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/**
 * An API Gateway HTTP API (payload v2) event as the JWT authorizer hands it to the `api`
 * function: the route key, the path filled in, the tenant as the verified `custom:tenantId` claim.
 * The demo's debtors and agents call the API function in process with it, and the tests too, so
 * both send what API Gateway sends (the router reads requestContext.http, the body rules a header).
 */
export function apiRequest(
  routeKey: string,
  options: {
    tenantId?: string;
    pathParameters?: Record<string, string>;
    query?: Record<string, string>;
    /** JSON-serialised, or sent as is when a string (a raw body: not JSON, or exact bytes to sign). */
    body?: unknown;
    /** Sends the body base64-encoded (isBase64Encoded), as API Gateway delivers some payloads. */
    base64?: boolean;
    /** Headers added to (or replacing) the JSON content type and the bearer token. */
    headers?: Record<string, string>;
    at?: string;
  } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method, routePath] = routeKey.split(' ') as [string, string];
  const rawPath = Object.entries(options.pathParameters ?? {}).reduce(
    (path, [name, value]) => path.replace(`{${name}}`, encodeURIComponent(value)),
    routePath,
  );
  const claims = {
    sub: '3f1c2a9e-0000-4000-8000-000000000003',
    token_use: 'id',
    ...(options.tenantId !== undefined ? { 'custom:tenantId': options.tenantId } : {}),
  };
  const at = options.at ?? new Date().toISOString();
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: {
      'content-type': 'application/json',
      authorization: 'Bearer eyJraWQiOiJ...',
      ...options.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      domainName: 'api.recouvrement.example',
      domainPrefix: 'api',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'recouvrement-local',
      },
      requestId: `req-${rawPath}`,
      routeKey,
      stage: '$default',
      time: at,
      timeEpoch: Date.parse(at),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(body !== undefined ? { body: options.base64 ? Buffer.from(body).toString('base64') : body } : {}),
    isBase64Encoded: options.base64 ?? false,
  };
}
