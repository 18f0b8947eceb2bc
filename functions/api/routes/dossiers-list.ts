import { json } from '../../../shared/adapters/http/problem';
import { parisDate } from '../../../shared/domain/calendar';
import {
  checkQueryRanges,
  dossierListQuerySchema,
  listDossiers,
} from '../../../shared/use-cases/client-api/list-dossiers';
import { parseInput } from '../../../shared/use-cases/parse-input';
import type { Route } from '../request';

/** `GET /dossiers`: the tenant's dossiers, filtered and sorted, a page at a time (opaque cursor). */
export const getDossiers: Route = async (deps, tenantId, event, now) => {
  const query = parseInput(dossierListQuerySchema, event.queryStringParameters ?? {});
  checkQueryRanges(query);
  return json(200, await listDossiers(deps, { tenantId, query, today: parisDate(now) }));
};
