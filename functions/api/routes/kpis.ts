import { json } from '../../../shared/adapters/http/problem';
import { parisDate } from '../../../shared/domain/calendar';
import { computeKpis, kpiQuerySchema } from '../../../shared/use-cases/kpis/compute-kpis';
import type { KpiStore } from '../../../shared/use-cases/kpis/kpi-ports';
import { parseInput } from '../../../shared/use-cases/parse-input';
import type { Route } from '../request';

/** The KPI aggregates: the DynamoDB repository keeps them (`repository.kpis`) unless wired apart. */
export interface KpiApiDeps {
  kpis?: KpiStore;
}

function kpiStoreOf(deps: Parameters<Route>[0]): KpiStore {
  const store = deps.kpis ?? (deps.repository as { kpis?: KpiStore }).kpis;
  if (!store) throw new Error('no KPI store wired');
  return store;
}

/** `GET /kpis?from=&to=`: the tenant's KPIs over Paris days [from, to] (docs/kpis.md). */
export const getKpis: Route = async (deps, tenantId, event, now) => {
  const today = parisDate(now);
  const query = parseInput(kpiQuerySchema(today), event.queryStringParameters ?? {});
  return json(200, await computeKpis({ ...deps, kpis: kpiStoreOf(deps) }, { tenantId, query, today }));
};
