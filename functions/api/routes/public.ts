import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from '../../../shared/adapters/http/problem';
import { openApiDocument } from '../openapi/openapi-document';

/**
 * The routes without a token (no authorizer on AWS, none in `serve`): liveness and the API's own
 * contract. They read nothing of any tenant.
 */
export type PublicRoute = (
  event: APIGatewayProxyEventV2,
  now: string,
) => Promise<APIGatewayProxyStructuredResultV2>;

export const PUBLIC_ROUTES: Record<string, PublicRoute> = {
  'GET /health': async (_event, now) => json(200, { status: 'ok', now }),
  'GET /openapi.json': async () => json(200, openApiDocument()),
};
