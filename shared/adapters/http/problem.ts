import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ConflictError, NotFoundError, UnprocessableError, ValidationError } from '../../domain/errors';
import type { Logger } from '../../use-cases/ports';

/** RFC 9457 problem details; `field` names the offending input so a client can point at it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  field?: string;
}

export function problem(
  status: number,
  title: string,
  extra: Partial<Problem> = {},
): APIGatewayProxyStructuredResultV2 {
  const body: Problem = { type: 'about:blank', title, status, ...extra };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify(body),
  };
}

/**
 * Maps the project's errors to HTTP by class, never by message. Anything unexpected is a 500
 * whose detail says nothing of the data (the log keeps the error's name, not the payload).
 */
export function problemFromError(error: unknown, logger: Logger): APIGatewayProxyStructuredResultV2 {
  if (error instanceof ValidationError)
    return problem(400, 'Invalid request', { detail: error.message, field: error.field });
  if (error instanceof UnprocessableError)
    return problem(422, 'Unprocessable content', { detail: error.message, field: error.field });
  if (error instanceof NotFoundError) return problem(404, 'Not found', { detail: error.message });
  if (error instanceof ConflictError) return problem(409, 'Conflict', { detail: error.message });
  logger.error('unexpected API error', { error: (error as Error)?.name ?? 'unknown' });
  return problem(500, 'Internal error');
}

export function json(status: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
