import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { MatchedRoute } from './route-table';

/** Bodies API Gateway passes as text; anything else arrives base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  return /^(text\/|application\/(json|[a-z.+-]*\+json|xml|x-www-form-urlencoded|javascript))/i.test(
    contentType,
  );
}

/** API Gateway joins repeated headers and query parameters with commas. */
function joined(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** JWT authorizer claims as API Gateway passes them: strings (arrays in brackets), numbers as text. */
function claimsOf(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value),
    ]),
  );
}

/**
 * The payload-v2 event API Gateway's HTTP API hands the `api` function for a request, with the
 * verified token's claims under requestContext.authorizer.jwt.claims, so the router reads the
 * tenant exactly as on AWS. `now` is the server's clock (accelerated or real).
 */
export function apiGatewayEvent(input: {
  request: IncomingMessage;
  url: URL;
  route: MatchedRoute;
  body: Buffer;
  claims: JWTPayload;
  now: Date;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { request, url, route, body, now } = input;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const text = joined(value);
    if (text !== undefined && name !== 'cookie') headers[name] = text;
  }
  const query: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) query[name] = url.searchParams.getAll(name).join(',');
  const cookies = request.headers.cookie?.split(';').map((cookie) => cookie.trim());
  const textual = isTextual(request.headers['content-type']);
  const method = request.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(route.pathParameters).length > 0 ? { pathParameters: route.pathParameters } : {}),
    ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: claimsOf(input.claims), scopes: [] },
      },
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: (headers.host ?? '127.0.0.1').split('.')[0]!,
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}
