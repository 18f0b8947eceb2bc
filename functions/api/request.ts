import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ValidationError } from '../../shared/domain/errors';
import type { ApiDeps } from './handler';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/** One route of the API: the tenant is already read from the token; errors become problem+json. */
export type Route = (
  deps: ApiDeps,
  tenantId: string,
  event: Event,
  now: string,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function body(event: Event): unknown {
  if (!event.body) throw new ValidationError('(body)', 'a JSON body is required');
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('(body)', 'not valid JSON');
  }
}

export function dossierId(event: Event): string {
  const id = event.pathParameters?.dossierId;
  if (!id) throw new ValidationError('dossierId', 'missing in the path');
  return id;
}
