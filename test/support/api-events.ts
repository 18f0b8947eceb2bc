export { apiRequest as apiEvent } from '../../infra/local/api-request';

/** A handler's answer, its JSON body parsed. */
export interface ApiAnswer {
  status: number;
  contentType: string | undefined;
  body: Record<string, unknown> & { items?: Record<string, unknown>[] };
}

export function answer(result: unknown): ApiAnswer {
  const { statusCode, headers, body } = result as {
    statusCode: number;
    headers?: Record<string, string>;
    body?: string;
  };
  return { status: statusCode, contentType: headers?.['content-type'], body: body ? JSON.parse(body) : {} };
}
