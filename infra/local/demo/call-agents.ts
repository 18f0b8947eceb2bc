import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { LocalDate } from '../../../shared/domain/calendar';
import { isRestDay } from '../../../shared/domain/contact-policy';
import type { CallQueueItem } from '../../../shared/use-cases/tasks/list-call-tasks';
import { apiRequest } from '../api-request';
import type { SimulatedClock } from '../clock';
import type { EmbeddedStack } from '../embedded-stack';
import type { CallAnswer, DebtorBehaviour } from './debtor-behaviour';

/** Hour (Paris) the agents work the call queue: inside the 08:00-20:00 window of docs/legal.md §8. */
export const CALL_HOUR = 15;

export interface CallShift {
  /** Outcomes the API accepted. */
  recorded: number;
  /** Of which disputes raised on the phone (the dossier is disputed as through the disputes route). */
  disputes: number;
  /** Requests the API refused (a demo bug: counted with the other API errors). */
  errors: number;
}

/** The request API Gateway would hand the `api` function for an agent of the tenant (tenant from the JWT). */
function agentRequest(
  tenantId: string,
  routeKey: 'GET /tasks' | 'POST /tasks/{taskId}/outcome',
  options: { taskId?: string; body?: unknown } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  return apiRequest(routeKey, {
    tenantId,
    ...(options.taskId ? { pathParameters: { taskId: options.taskId } } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
}

/**
 * One afternoon of the creditor's phone agents, through the API function as on AWS: read the
 * queue (GET /tasks, highest priority first), call each debtor, report the outcome (POST
 * /tasks/{taskId}/outcome). No calls on Sundays and public holidays: the queue waits.
 */
export async function workCallQueue(options: {
  stack: EmbeddedStack;
  clock: SimulatedClock;
  tenantId: string;
  day: LocalDate;
  behaviour: DebtorBehaviour;
}): Promise<CallShift> {
  const { stack, clock, tenantId, day, behaviour } = options;
  const shift: CallShift = { recorded: 0, disputes: 0, errors: 0 };
  if (isRestDay(day)) return shift;
  clock.at(CALL_HOUR);
  const api = stack.functions.api!;
  const listed = (await api(agentRequest(tenantId, 'GET /tasks'))) as { statusCode: number; body: string };
  if (listed.statusCode !== 200) return { ...shift, errors: 1 };
  const { items } = JSON.parse(listed.body) as { items: CallQueueItem[] };
  // What each debtor will answer depends on their dossier: the queue's dossiers in one batch read.
  const dossiers = await stack.repository.getDossiers(
    tenantId,
    items.map((item) => item.dossierId),
  );
  for (const item of items) {
    const dossier = dossiers.get(item.dossierId);
    if (!dossier) continue;
    const answer: CallAnswer = behaviour.answerCall(dossier, day);
    const response = (await api(
      agentRequest(tenantId, 'POST /tasks/{taskId}/outcome', {
        taskId: item.taskId,
        body: { dossierId: item.dossierId, ...answer },
      }),
    )) as { statusCode: number };
    if (response.statusCode !== 200) shift.errors++;
    else {
      shift.recorded++;
      if (answer.outcome === 'dispute') shift.disputes++;
    }
  }
  return shift;
}
