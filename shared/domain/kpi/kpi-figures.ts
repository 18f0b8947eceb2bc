import { addDays, type LocalDate } from '../calendar';
import type { AgeingBalance } from './ageing';
import {
  bucketOfDelayCounter,
  COUNTER,
  type KpiCounters,
  levelOfFunnelCounter,
  MESSAGE_KINDS,
  messageCounter,
} from './kpi-projection';
import { COST_KINDS, type UnitCosts } from './unit-costs';

export interface KpiDay {
  day: LocalDate;
  counters: KpiCounters;
}

/** How far back the countback walks before it gives up (the DSO is then "at least" that). */
export const DSO_LOOKBACK_DAYS = 730;

export interface KpiFigures {
  from: LocalDate;
  to: LocalDate;
  currency: 'EUR';
  entrusted: { cents: number; invoices: number; dossiers: number };
  recovered: { cents: number; payments: number; paidDossiers: number };
  /** recovered.cents / entrusted.cents over the period; null when nothing was entrusted. */
  recoveryRate: number | null;
  dso: { days: number | null; method: 'countback'; outstandingCents: number; complete: boolean };
  delay: { invoices: number; meanDays: number | null; medianDays: number | null };
  cost: {
    totalCents: number;
    /** cost / recovered; null when nothing was recovered. */
    shareOfRecovered: number | null;
    byKind: { kind: (typeof COST_KINDS)[number]; count: number; unitCents: number; cents: number }[];
  };
  disputes: { count: number; rate: number | null };
  deliveryFailures: number;
  ageing: AgeingBalance;
  funnel: { level: string; dossiers: number }[];
  trend: {
    day: LocalDate;
    entrustedCents: number;
    recoveredCents: number;
    paidDossiers: number;
    disputes: number;
    messages: number;
  }[];
}

export function sumCounters(days: readonly KpiDay[]): KpiCounters {
  const total: KpiCounters = {};
  for (const { counters } of days)
    for (const [name, value] of Object.entries(counters)) total[name] = (total[name] ?? 0) + value;
  return total;
}

const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

/**
 * The KPIs of [from, to] from the day aggregates (docs/kpis.md gives each definition).
 * `history` holds the aggregates of the DSO_LOOKBACK_DAYS before `to` (the countback walks them);
 * `ladder` orders the funnel's levels.
 */
export function kpiFigures(input: {
  from: LocalDate;
  to: LocalDate;
  days: readonly KpiDay[];
  history: readonly KpiDay[];
  ageing: AgeingBalance;
  unitCosts: UnitCosts;
  ladder: readonly string[];
}): KpiFigures {
  const { from, to, days, ageing, unitCosts } = input;
  const c = sumCounters(days);
  const n = (name: string) => c[name] ?? 0;
  const byKind = COST_KINDS.map((kind) => {
    const count = kind === 'courtFile' ? n(COUNTER.courtFiles) : n(messageCounter(kind));
    return { kind, count, unitCents: unitCosts[kind], cents: count * unitCosts[kind] };
  });
  const totalCost = byKind.reduce((sum, row) => sum + row.cents, 0);
  const delayCount = n(COUNTER.delayCount);
  return {
    from,
    to,
    currency: 'EUR',
    entrusted: {
      cents: n(COUNTER.entrustedCents),
      invoices: n(COUNTER.entrustedInvoices),
      dossiers: n(COUNTER.entrustedDossiers),
    },
    recovered: {
      cents: n(COUNTER.recoveredCents),
      payments: n(COUNTER.payments),
      paidDossiers: n(COUNTER.paidDossiers),
    },
    recoveryRate: ratio(n(COUNTER.recoveredCents), n(COUNTER.entrustedCents)),
    dso: countbackDso(ageing.totalCents, input.history, to),
    delay: {
      invoices: delayCount,
      meanDays: delayCount > 0 ? Math.round((n(COUNTER.delaySumDays) / delayCount) * 10) / 10 : null,
      medianDays: medianDelay(c),
    },
    cost: { totalCents: totalCost, shareOfRecovered: ratio(totalCost, n(COUNTER.recoveredCents)), byKind },
    disputes: { count: n(COUNTER.disputes), rate: ratio(n(COUNTER.disputes), n(COUNTER.entrustedDossiers)) },
    deliveryFailures: n(COUNTER.deliveryFailures),
    ageing,
    funnel: funnelOf(c, input.ladder),
    trend: days.map(({ day, counters }) => ({
      day,
      entrustedCents: counters[COUNTER.entrustedCents] ?? 0,
      recoveredCents: counters[COUNTER.recoveredCents] ?? 0,
      paidDossiers: counters[COUNTER.paidDossiers] ?? 0,
      disputes: counters[COUNTER.disputes] ?? 0,
      messages: MESSAGE_KINDS.reduce((sum, kind) => sum + (counters[messageCounter(kind)] ?? 0), 0),
    })),
  };
}

/**
 * DSO by the countback method: start from the balance outstanding at `to` and walk back day by
 * day through the amounts entrusted, consuming each whole day's amount while the balance covers
 * it; the last day counts for the fraction it covers. The DSO is the number of days consumed:
 * "the balance is the last N days of business". When the history runs out first, the DSO is at
 * least the days walked (`complete: false`).
 */
export function countbackDso(
  outstandingCents: number,
  history: readonly KpiDay[],
  to: LocalDate,
): KpiFigures['dso'] {
  const entrusted = new Map(history.map(({ day, counters }) => [day, counters[COUNTER.entrustedCents] ?? 0]));
  if (outstandingCents === 0) return { days: 0, method: 'countback', outstandingCents, complete: true };
  let remaining = outstandingCents;
  for (let back = 0; back < DSO_LOOKBACK_DAYS; back++) {
    const sales = entrusted.get(addDays(to, -back)) ?? 0;
    if (remaining <= sales) {
      const days = back + remaining / sales;
      return { days: Math.round(days * 10) / 10, method: 'countback', outstandingCents, complete: true };
    }
    remaining -= sales;
  }
  return { days: DSO_LOOKBACK_DAYS, method: 'countback', outstandingCents, complete: false };
}

/**
 * Median of the delay histogram: exact up to 120 days (one bucket a day); beyond, the first day
 * of the 30-day bucket holding it. With an even count, the mean of the two middle values.
 */
export function medianDelay(counters: KpiCounters): number | null {
  const buckets = Object.entries(counters)
    .map(([name, count]) => ({ days: bucketOfDelayCounter(name), count }))
    .filter((b): b is { days: number; count: number } => b.days !== undefined && b.count > 0)
    .sort((a, b) => a.days - b.days);
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const at = (position: number) => {
    let seen = 0;
    for (const bucket of buckets) {
      seen += bucket.count;
      if (position < seen) return bucket.days;
    }
    return buckets.at(-1)!.days;
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.ceil((total - 1) / 2))) / 2;
}

/** Dossiers paid per level reached, in the ladder's order (`before` any action first). */
function funnelOf(counters: KpiCounters, ladder: readonly string[]): KpiFigures['funnel'] {
  const rows = Object.entries(counters).flatMap(([name, dossiers]) => {
    const level = levelOfFunnelCounter(name);
    return level !== undefined && dossiers > 0 ? [{ level, dossiers }] : [];
  });
  const rank = (level: string) => {
    const index = ladder.indexOf(level);
    return index < 0 ? ladder.length : index;
  };
  return rows.sort((a, b) => rank(a.level) - rank(b.level) || a.level.localeCompare(b.level));
}
