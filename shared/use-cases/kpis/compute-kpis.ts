import * as z from 'zod';
import { addDays, daysBetween, isLocalDate, type LocalDate } from '../../domain/calendar';
import { ageingBalance } from '../../domain/kpi/ageing';
import { DSO_LOOKBACK_DAYS, type KpiFigures, kpiFigures } from '../../domain/kpi/kpi-figures';
import { COUNTER, FUNNEL_BEFORE_ANY_ACTION } from '../../domain/kpi/kpi-projection';
import { unitCostsOf } from '../../domain/kpi/unit-costs';
import { BUILT_IN_SCENARIOS } from '../../domain/scenario-catalog';
import { findTenant } from '../find-tenant';
import type { DossierRepository, TenantDirectory } from '../ports';
import type { KpiStore } from './kpi-ports';

/** Longest period one request may ask for: two years of days (≈ 5,800 aggregate items). */
export const MAX_PERIOD_DAYS = 731;
/** Without `from`: the 30 days ending on `to`. */
export const DEFAULT_PERIOD_DAYS = 30;

const day = z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)');

/** `GET /kpis?from=&to=` and `recouvrement kpis --from --to`: Paris days, both included. */
export function kpiQuerySchema(today: LocalDate) {
  return z
    .object({ from: day.optional(), to: day.optional() })
    .transform(({ from, to }) => {
      const end = to ?? today;
      return { from: from ?? addDays(end, -(DEFAULT_PERIOD_DAYS - 1)), to: end };
    })
    .refine(({ from, to }) => from <= to, { message: 'from is after to', path: ['from'] })
    .refine(({ from, to }) => daysBetween(from, to) < MAX_PERIOD_DAYS, {
      message: `a period of at most ${MAX_PERIOD_DAYS} days`,
      path: ['to'],
    });
}
export type KpiQuery = { from: LocalDate; to: LocalDate };

export interface KpiReport extends KpiFigures {
  tenantId: string;
}

/**
 * A tenant's KPIs over a period (definitions: docs/kpis.md).
 * 1. read the period's day aggregates, and what was entrusted each day of the DSO_LOOKBACK_DAYS
 *    before `to` (the countback walks them);
 * 2. read the tenant's dossiers once for the ageing balance at `to` (capped at today: the balances
 *    are today's, aged at that date), a state the flows cannot give;
 * 3. price the actions with the tenant's unit costs (defaults otherwise) and compute.
 */
export async function computeKpis(
  deps: { kpis: KpiStore; repository: Pick<DossierRepository, 'listDossiers'>; tenants?: TenantDirectory },
  input: { tenantId: string; query: KpiQuery; today: LocalDate },
): Promise<KpiReport> {
  const { tenantId, query, today } = input;
  const historyFrom = addDays(query.to, -(DSO_LOOKBACK_DAYS - 1));
  const beforePeriod = addDays(query.from, -1);
  const [days, earlier, dossiers, tenant] = await Promise.all([
    deps.kpis.days(tenantId, query.from, query.to),
    // Before the period, the countback needs only what was entrusted each day.
    historyFrom <= beforePeriod
      ? deps.kpis.days(tenantId, historyFrom, beforePeriod, [COUNTER.entrustedCents])
      : Promise.resolve([]),
    deps.repository.listDossiers(tenantId),
    findTenant(deps.tenants, tenantId),
  ]);
  const asOf = query.to < today ? query.to : today;
  const ladder = [
    FUNNEL_BEFORE_ANY_ACTION,
    ...new Set(
      [...Object.values(BUILT_IN_SCENARIOS), ...(tenant?.scenarios ?? [])].flatMap((s) =>
        s.levels.map((level) => level.id),
      ),
    ),
  ];
  const figures = kpiFigures({
    from: query.from,
    to: query.to,
    days,
    history: [...earlier, ...days],
    ageing: ageingBalance(dossiers, asOf),
    unitCosts: unitCostsOf(tenant?.unitCosts),
    ladder,
  });
  return { tenantId, ...figures };
}
