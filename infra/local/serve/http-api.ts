import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { acceptsBody } from '../../../functions/api/routes/body-guard';
import { problem } from '../../../shared/adapters/http/problem';
import type { Logger } from '../../../shared/use-cases/ports';
import type { LocalFunction } from '../asl-runner';
import { apiGatewayEvent } from './api-event';
import type { TokenIssuer } from './auth';
import { serveDashboard } from './dashboard-files';
import { RouteTable } from './route-table';

/** API Gateway's HTTP API rejects larger payloads; so does the local one. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpApiOptions {
  /** The `api` function as the embedded stack wires it (the same makeHandler as the Lambda). */
  api: LocalFunction;
  tokens: TokenIssuer;
  now: () => Date;
  logger: Logger;
  /** What GET /health reports besides `status: ok`. */
  health: () => Record<string, unknown>;
  /** Called around each request so a stop waits for the ones in flight. */
  track<T>(work: Promise<T>): Promise<T>;
}

class HttpError extends Error {
  constructor(readonly result: APIGatewayProxyStructuredResultV2) {
    super(String(result.statusCode));
  }
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2 | string | object): void {
  // Payload v2 lets a function return a bare value: API Gateway then answers 200 with it as JSON.
  const structured =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const body = structured.body
    ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  headers['content-length'] = body.length;
  response.writeHead(structured.statusCode ?? 200, headers);
  response.end(body);
}

/**
 * The body, up to MAX_BODY_BYTES. Past it, the rest is read and dropped before the 413, so the
 * client (still sending) gets the answer rather than a reset; past 8× the limit the socket is cut.
 */
async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 8 * MAX_BODY_BYTES) request.destroy();
    else if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY_BYTES) throw new HttpError(tooLarge());
  return Buffer.concat(chunks);
}

function tooLarge() {
  return problem(413, 'Payload too large', { detail: `the body exceeds ${MAX_BODY_BYTES} bytes` });
}

async function authenticate(request: IncomingMessage, tokens: TokenIssuer): Promise<JWTPayload> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  const unauthorized = (detail: string) => {
    const result = problem(401, 'Unauthorized', { detail });
    return new HttpError({ ...result, headers: { ...result.headers, 'www-authenticate': 'Bearer' } });
  };
  if (!match) throw unauthorized('an Authorization: Bearer token is required');
  try {
    return await tokens.verify(match[1]!);
  } catch (error) {
    // The rule that failed (expired, issuer, audience, signature), never the token itself.
    throw unauthorized(`invalid token: ${(error as { code?: string }).code ?? (error as Error).message}`);
  }
}

/**
 * The HTTP API on 127.0.0.1: what API Gateway does in front of the `api` function (route
 * selection, JWT authorizer, payload limit), then the payload-v2 event to the very handler the
 * Lambda runs. A route added to infra/api-routes.ts and the router works here with no change.
 */
export function createHttpApi(options: HttpApiOptions): Server {
  const routes = new RouteTable();
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    try {
      if (method === 'GET' && url.pathname === '/health')
        return send(response, {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'ok', ...options.health() }),
        });
      // The dashboard's static files (dashboard/), same origin as the API it reads.
      if (await serveDashboard(method, url.pathname, response)) return;
      const route = routes.match(method, url.pathname);
      if (!route)
        return send(response, problem(404, 'Not found', { detail: `no route ${method} ${url.pathname}` }));
      // As API Gateway's routes without an authorizer: no token asked, no claims passed.
      const claims = route.auth === 'none' ? {} : await authenticate(request, options.tokens);
      const body = await readBody(request);
      const contentType = request.headers['content-type'];
      if (body.length > 0 && method !== 'GET' && !acceptsBody(route.routeKey, contentType))
        return send(
          response,
          problem(415, 'Unsupported media type', { detail: 'the body must be application/json' }),
        );
      const event = apiGatewayEvent({ request, url, route, body, claims, now: options.now() });
      const result = await options.api(event);
      send(response, result as APIGatewayProxyStructuredResultV2);
    } catch (error) {
      if (error instanceof HttpError) {
        return send(response, error.result);
      }
      options.logger.error('local API request failed', {
        route: `${method} ${url.pathname.split('/')[1] ?? ''}`,
        error: (error as Error).name,
      });
      send(response, problem(500, 'Internal error'));
    }
  };
  return createServer((request, response) => {
    void options.track(handle(request, response));
  });
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
