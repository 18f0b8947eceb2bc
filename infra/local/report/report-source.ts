import type { KpiReport } from '../../../shared/use-cases/kpis/compute-kpis';
import type { CallQueueItem } from '../../../shared/use-cases/tasks/list-call-tasks';
import type { TaskItem } from '../../../shared/use-cases/tasks/list-tasks';
import { apiRequest } from '../api-request';

/** One GET of the API, its JSON body; a non-2xx answer throws with its problem's detail. */
export type ApiGet = (routeKey: `GET ${string}`, query: Record<string, string>) => Promise<unknown>;

/** What the report shows, read from the API only: the creditor sees nothing there it cannot see in the API. */
export interface ReportData {
  kpis: KpiReport;
  /** Judicial reviews waiting for the creditor's decision. */
  judicialReviews: TaskItem[];
  /** The call queue's head, best expected recovery first. */
  calls: CallQueueItem[];
}

/** The period's days, both included; without them, the API's default period (the 30 days to today). */
export async function loadReportData(
  get: ApiGet,
  period: { from?: string; to?: string },
): Promise<ReportData> {
  const query: Record<string, string> = {};
  if (period.from) query.from = period.from;
  if (period.to) query.to = period.to;
  const [kpis, judicial, calls] = await Promise.all([
    get('GET /kpis', query),
    get('GET /tasks', { kind: 'judicial-review', limit: '100' }),
    get('GET /tasks', { kind: 'call', limit: '20' }),
  ]);
  return {
    kpis: kpis as KpiReport,
    judicialReviews: (judicial as { items: TaskItem[] }).items,
    calls: (calls as { items: CallQueueItem[] }).items,
  };
}

function bodyOf(status: number, text: string, what: string): unknown {
  const body = text ? JSON.parse(text) : {};
  if (status < 200 || status > 299)
    throw new Error(
      `${what}: HTTP ${status}${body?.detail ? `: ${body.detail}` : ''}${body?.field ? ` (${body.field})` : ''}`,
    );
  return body;
}

/** The API function called in process (the demo), as API Gateway would call it. */
export function inProcessApi(
  api: (event: unknown) => Promise<unknown>,
  tenantId: string,
  at: () => string,
): ApiGet {
  return async (routeKey, query) => {
    const out = (await api(apiRequest(routeKey, { tenantId, query, at: at() }))) as {
      statusCode: number;
      body?: string;
    };
    return bodyOf(out.statusCode, out.body ?? '', routeKey);
  };
}

/** The HTTP API of `serve` (or API Gateway), with a bearer token. */
export function httpApi(baseUrl: string, token: string): ApiGet {
  return async (routeKey, query) => {
    const path = routeKey.slice('GET '.length);
    const url = new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    return bodyOf(response.status, await response.text(), routeKey);
  };
}
