import { json } from '../../shared/adapters/http/problem';
import { parisDate } from '../../shared/domain/calendar';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { resumeDossier } from '../../shared/use-cases/events/resume-dossier';
import { parseInput } from '../../shared/use-cases/parse-input';
import type { TenantDirectory } from '../../shared/use-cases/ports';
import {
  letterPostingSchema,
  recordLetterPosting,
} from '../../shared/use-cases/registered-letters/record-letter-posting';
import {
  letterReceiptSchema,
  recordLetterReceipt,
} from '../../shared/use-cases/registered-letters/record-letter-receipt';
import { listTasks, taskKindQuerySchema, taskListQuerySchema } from '../../shared/use-cases/tasks/list-tasks';
import type { ApiDeps } from './handler';
import { body, dossierId, type Route } from './request';

/** Without a directory, every tenant falls back to the default scenarios (the use cases allow it). */
const NO_TENANTS: TenantDirectory = {
  getTenant: async (tenantId) => {
    throw new NotFoundError(`tenant ${tenantId} has no profile`);
  },
  listTenantIds: async () => [],
};

const withTenants = (deps: ApiDeps) => ({ ...deps, tenants: deps.tenants ?? NO_TENANTS });

function letterRef(event: Parameters<Route>[2]): string {
  const ref = event.pathParameters?.letterRef;
  if (!ref) throw new ValidationError('letterRef', 'missing in the path');
  return ref;
}

/**
 * The routes of the tasks for a person other than calls: a formal notice to post by hand (its
 * posting, then its receipt), and a parked dossier to resume once its failure is understood.
 */
/** `GET /tasks?kind=registered-letter|stuck-dossier|judicial-review` (calls: handler.ts). */
export const listOtherTasks: Route = async (deps, tenantId, event) => {
  const { kind } = parseInput(taskKindQuerySchema, event.queryStringParameters ?? {});
  if (kind === 'call') throw new ValidationError('kind', 'calls are listed by GET /tasks');
  const query = parseInput(taskListQuerySchema, { limit: event.queryStringParameters?.limit });
  return json(200, await listTasks(deps, { tenantId, kind, query }));
};

export const TASK_ROUTES = {
  'POST /dossiers/{dossierId}/registered-letters/{letterRef}/posting': async (deps, tenantId, event, now) => {
    const posting = parseInput(letterPostingSchema(parisDate(now)), body(event));
    return json(
      200,
      await recordLetterPosting(withTenants(deps), {
        tenantId,
        dossierId: dossierId(event),
        letterRef: letterRef(event),
        posting,
        receivedAt: now,
        actor: 'creditor',
      }),
    );
  },
  'POST /dossiers/{dossierId}/registered-letters/{letterRef}/receipt': async (deps, tenantId, event, now) => {
    const receipt = parseInput(letterReceiptSchema(parisDate(now)), body(event));
    return json(
      200,
      await recordLetterReceipt(withTenants(deps), {
        tenantId,
        dossierId: dossierId(event),
        letterRef: letterRef(event),
        receipt,
        receivedAt: now,
      }),
    );
  },
  'POST /dossiers/{dossierId}/resume': async (deps, tenantId, event, now) =>
    json(200, await resumeDossier(deps, { tenantId, dossierId: dossierId(event), receivedAt: now })),
} satisfies Record<string, Route>;
