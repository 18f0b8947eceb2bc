import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json, problem, problemFromError } from '../../shared/adapters/http/problem';
import { parisDate } from '../../shared/domain/calendar';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { callOutcomeSchema, recordCallOutcome } from '../../shared/use-cases/events/record-call-outcome';
import { disputeSchema, recordDispute } from '../../shared/use-cases/events/record-dispute';
import { optOutSchema, recordOptOut } from '../../shared/use-cases/events/record-opt-out';
import { paymentSchema, recordPayment } from '../../shared/use-cases/events/record-payment';
import { parseInput } from '../../shared/use-cases/parse-input';
import type {
  DossierRepository,
  EnforcementHandOff,
  Logger,
  RateSource,
  TenantDirectory,
} from '../../shared/use-cases/ports';
import { callQueueQuerySchema, listCallTasks } from '../../shared/use-cases/tasks/list-call-tasks';
import { taskKindQuerySchema } from '../../shared/use-cases/tasks/list-tasks';
import { JUDICIAL_ROUTES } from './judicial-routes';
import { body, dossierId, type Route } from './request';
import { bodyProblem } from './routes/body-guard';
import type { ClientApiDeps } from './routes/client-deps';
import { CLIENT_ROUTES } from './routes/client-routes';
import { COURT_EVENT_ROUTES } from './routes/court-events';
import { E_INVOICE_ROUTES } from './routes/e-invoices';
import { getKpis, type KpiApiDeps } from './routes/kpis';
import { LIFECYCLE_ROUTES } from './routes/lifecycle';
import { PAYMENT_PLAN_ROUTES } from './routes/payment-plans';
import { PERSONAL_DATA_ROUTES, type PersonalDataApiDeps } from './routes/personal-data';
import { PRESCRIPTION_EVENT_ROUTES } from './routes/prescription-events';
import { PUBLIC_ROUTES } from './routes/public';
import { listOtherTasks, TASK_ROUTES } from './task-routes';

export interface ApiDeps extends ClientApiDeps, KpiApiDeps, PersonalDataApiDeps {
  repository: DossierRepository;
  logger: Logger;
  /** Creditor profiles (scenarios): the registered-letter routes read them to reschedule; payments read the payment policy. */
  tenants?: TenantDirectory;
  /** Payments: the rate table the formal notice computes with (absent: the packaged one). */
  rates?: RateSource;
  /** Court events: the enforcement mandate's hand-off to the commissaire de justice (absent: logged only). */
  enforcementHandOff?: EnforcementHandOff;
}

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/** The tenant comes from the verified JWT (Cognito attribute), never from the path or body. */
function tenantOf(event: Event): string {
  const claim = event.requestContext.authorizer?.jwt?.claims?.['custom:tenantId'];
  if (typeof claim !== 'string' || claim === '')
    throw new ValidationError('token', 'no custom:tenantId claim');
  return claim;
}

export const ROUTES: Record<string, Route> = {
  'GET /dossiers/{dossierId}': async (deps, tenantId, event) => {
    const dossier = await deps.repository.getDossier(tenantId, dossierId(event));
    if (!dossier) throw new NotFoundError(`dossier ${dossierId(event)} not found`);
    return json(200, dossier);
  },
  'GET /dossiers/{dossierId}/timeline': async (deps, tenantId, event) => {
    const id = dossierId(event);
    if (!(await deps.repository.getDossier(tenantId, id))) throw new NotFoundError(`dossier ${id} not found`);
    return json(200, { items: await deps.repository.listTimeline(tenantId, id) });
  },
  'POST /dossiers/{dossierId}/payments': async (deps, tenantId, event, now) => {
    const payment = parseInput(paymentSchema, body(event));
    return json(
      200,
      await recordPayment(deps, { tenantId, dossierId: dossierId(event), payment, receivedAt: now }),
    );
  },
  'POST /dossiers/{dossierId}/disputes': async (deps, tenantId, event, now) => {
    const dispute = parseInput(disputeSchema, body(event));
    return json(
      200,
      await recordDispute(deps, { tenantId, dossierId: dossierId(event), dispute, receivedAt: now }),
    );
  },
  'POST /dossiers/{dossierId}/opt-outs': async (deps, tenantId, event, now) => {
    const optOut = parseInput(optOutSchema, body(event));
    return json(
      200,
      await recordOptOut(deps, { tenantId, dossierId: dossierId(event), optOut, receivedAt: now }),
    );
  },
  'GET /tasks': async (deps, tenantId, event, now) => {
    const { kind } = parseInput(taskKindQuerySchema, event.queryStringParameters ?? {});
    if (kind !== 'call') return listOtherTasks(deps, tenantId, event, now);
    const query = parseInput(callQueueQuerySchema, event.queryStringParameters ?? {});
    return json(200, await listCallTasks(deps, { tenantId, query, today: parisDate(now) }));
  },
  'POST /tasks/{taskId}/outcome': async (deps, tenantId, event, now) => {
    const taskId = event.pathParameters?.taskId;
    if (!taskId) throw new ValidationError('taskId', 'missing in the path');
    const report = parseInput(callOutcomeSchema(parisDate(now)), body(event));
    return json(200, await recordCallOutcome(deps, { tenantId, taskId, report, receivedAt: now }));
  },
  ...TASK_ROUTES,
  ...JUDICIAL_ROUTES,
  ...CLIENT_ROUTES,
  ...E_INVOICE_ROUTES,
  ...COURT_EVENT_ROUTES,
  // The dossier lifecycle (issue 13): dispute resolutions, promises, closure.
  ...LIFECYCLE_ROUTES,
  // Acknowledgments, mediations (C.civ. 2240, 2238) and bank statements (issue 13).
  ...PRESCRIPTION_EVENT_ROUTES,
  // Payment plans (issue 13, docs/legal.md §14).
  ...PAYMENT_PLAN_ROUTES,
  // KPIs (issue 14, docs/kpis.md).
  'GET /kpis': getKpis,
  // The debtor's personal data: export and erasure (issue 15, docs/personal-data.md).
  ...PERSONAL_DATA_ROUTES,
};

/** HTTP API (payload v2, JWT authorizer): a thin router; every error becomes problem+json. */
export function makeHandler(deps: ApiDeps, now: () => Date = () => new Date()) {
  return middy<Event, APIGatewayProxyStructuredResultV2>().handler(async (event) => {
    const open = PUBLIC_ROUTES[event.routeKey];
    if (open) return open(event, now().toISOString());
    const refused = bodyProblem(event);
    if (refused) return refused;
    const route = ROUTES[event.routeKey];
    if (!route) return problem(404, 'Not found', { detail: `no route ${event.routeKey}` });
    try {
      return await route(deps, tenantOf(event), event, now().toISOString());
    } catch (error) {
      return problemFromError(error, deps.logger);
    }
  });
}
