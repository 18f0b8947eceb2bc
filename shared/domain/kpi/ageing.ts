import { daysBetween, type LocalDate } from '../calendar';
import { type Dossier, outstandingCents } from '../dossier';

export const AGEING_BUCKETS = ['not-due', '0-30', '31-60', '61-90', 'over-90'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface AgeingBalance {
  asOf: LocalDate;
  totalCents: number;
  buckets: { bucket: AgeingBucket; cents: number; invoices: number }[];
}

/** Days past the due date: 0 on the due date itself, the last day to pay (not yet late). */
export function ageingBucket(dueDate: LocalDate, asOf: LocalDate): AgeingBucket {
  const late = daysBetween(dueDate, asOf);
  if (late <= 0) return 'not-due';
  if (late <= 30) return '0-30';
  if (late <= 60) return '31-60';
  if (late <= 90) return '61-90';
  return 'over-90';
}

/**
 * The balance still claimed, by lateness at `asOf`: every invoice not paid, not time-barred and
 * not settled, of the dossiers still owed something (open, disputed or in court), entrusted on or
 * before `asOf`. A state, not a flow, so it is read from the dossiers (docs/kpis.md, "Ageing").
 */
export function ageingBalance(dossiers: Iterable<Dossier>, asOf: LocalDate): AgeingBalance {
  const sums = new Map<AgeingBucket, { cents: number; invoices: number }>(
    AGEING_BUCKETS.map((bucket) => [bucket, { cents: 0, invoices: 0 }]),
  );
  let totalCents = 0;
  for (const dossier of dossiers) {
    if (dossier.status === 'paid' || dossier.status === 'prescribed') continue;
    if (dossier.createdAt.slice(0, 10) > asOf) continue;
    for (const invoice of dossier.invoices) {
      const owed = outstandingCents(invoice);
      if (owed === 0 || invoice.prescribed || invoice.settledOn) continue;
      const sum = sums.get(ageingBucket(invoice.dueDate, asOf))!;
      sum.cents += owed;
      sum.invoices += 1;
      totalCents += owed;
    }
  }
  return { asOf, totalCents, buckets: AGEING_BUCKETS.map((bucket) => ({ bucket, ...sums.get(bucket)! })) };
}
