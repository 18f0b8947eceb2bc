import type { LocalDate } from '../../domain/calendar';
import type { KpiDay } from '../../domain/kpi/kpi-figures';

export type { KpiDay };

/** The KPI aggregates (DynamoDB: kpi-aggregates.ts): read a tenant's days of a period. */
export interface KpiStore {
  /**
   * Days in [from, to] with any counter, in day order (a day without events is absent); with
   * `counters`, only those are read (the DSO's two years of history need one counter).
   */
  days(tenantId: string, from: LocalDate, to: LocalDate, counters?: readonly string[]): Promise<KpiDay[]>;
}
