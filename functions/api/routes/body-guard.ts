import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problem } from '../../../shared/adapters/http/problem';

/**
 * The client API's body rules, checked by the router itself: `recouvrement serve` refuses the
 * same bodies before the handler (infra/local/serve/http-api.ts), but on AWS the HTTP API lets
 * up to 10 MB through and Lambda up to 6 MB, so the function answers 413 above 1 MB there too,
 * and 415 for a body that is not JSON, whatever the route.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/(json|[a-z.+-]*\+json)\s*(;|$)/i;

/**
 * Routes whose body is a file, not JSON (`routeKey` → the media types accepted): the router and
 * `serve` let these through instead of answering 415. A Windows-1252 CSV goes as
 * application/octet-stream, so API Gateway hands its bytes base64-encoded, untouched.
 */
export const RAW_BODY_ROUTES: Readonly<Record<string, RegExp>> = {
  'POST /bank-statements': /^(application\/(xml|octet-stream)|text\/(xml|csv|plain))\s*(;|$)/i,
  // An e-invoice: Factur-X PDF, UBL or CII XML (routes/e-invoices.ts).
  'POST /invoices': /^(application\/(pdf|xml)|text\/xml)\s*(;|$)/i,
};

/** Whether a body of this media type may go to this route. */
export function acceptsBody(routeKey: string, contentType: string | undefined): boolean {
  const type = contentType ?? '';
  return JSON_TYPE.test(type) || (RAW_BODY_ROUTES[routeKey]?.test(type) ?? false);
}

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const found = Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

export function bodyProblem(event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 | undefined {
  if (!event.body) return undefined;
  const bytes = event.isBase64Encoded
    ? Buffer.byteLength(event.body, 'base64')
    : Buffer.byteLength(event.body, 'utf8');
  if (bytes > MAX_BODY_BYTES)
    return problem(413, 'Payload too large', { detail: `the body exceeds ${MAX_BODY_BYTES} bytes` });
  if (
    event.requestContext.http.method !== 'GET' &&
    !acceptsBody(event.routeKey, header(event, 'content-type'))
  )
    return problem(415, 'Unsupported media type', { detail: 'the body must be application/json' });
  return undefined;
}

export { header };
