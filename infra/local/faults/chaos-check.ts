import type { OutboxIndexLine } from '../../../shared/adapters/local/outbox-messenger';
import type { DossierOutcome } from '../demo/summary';

/** What the checker reads of one run: its outbox (what went out) and its final dossiers. */
export interface RunRecord {
  outbox: readonly OutboxIndexLine[];
  summary: {
    dossiers: readonly Pick<
      DossierOutcome,
      'dossierId' | 'outcome' | 'outstandingCents' | 'recoveredCents'
    >[];
  };
}

export interface ChaosFinding {
  dossierId: string;
  what: string;
}

export interface ChaosReport {
  /** Messages in the faulty run: the same (dossier, level, channel, day) twice, or a level's channel sent more often than without faults. */
  duplicates: ChaosFinding[];
  /**
   * Actions the fault-free run never performed at all (a level's channel it did not need): a step
   * that failed for good moved the calendar (a warning came due, a notice went two days later).
   * Reported, not a failure: nothing went out twice.
   */
  extra: ChaosFinding[];
  /** Actions the fault-free run performed and the faulty run never did, on any day. */
  lost: ChaosFinding[];
  /** Dossiers whose final status, outstanding or recovered amount differ. */
  diverged: ChaosFinding[];
  /** Actions done on another day than without faults (delayed, not lost). */
  delayed: number;
  messages: { clean: number; faulty: number };
}

const dayOf = (line: OutboxIndexLine) => line.at.slice(0, 10);
/** A due action: one channel of one level for one dossier (the day left out: it may come later). */
const actionOf = (line: OutboxIndexLine) => `${line.dossierId}|${line.level}|${line.channel}`;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * Compares a run under injected faults with the fault-free run of the same seed: exactly-once
 * (no message twice, whatever the day), nothing lost (every action of the clean run done, maybe
 * later), and the same money and statuses at the end.
 */
export function compareRuns(clean: RunRecord, faulty: RunRecord): ChaosReport {
  const duplicates: ChaosFinding[] = [];
  for (const [key, count] of countBy(faulty.outbox, (line) => `${actionOf(line)}|${dayOf(line)}`))
    if (count > 1) duplicates.push({ dossierId: key.split('|')[0]!, what: `${key}: sent ${count} times` });
  const cleanActions = countBy(clean.outbox, actionOf);
  const faultyActions = countBy(faulty.outbox, actionOf);
  const lost: ChaosFinding[] = [];
  for (const [key, count] of cleanActions) {
    const done = faultyActions.get(key) ?? 0;
    if (done < count)
      lost.push({ dossierId: key.split('|')[0]!, what: `${key}: ${count} without faults, ${done} with` });
  }
  const extra: ChaosFinding[] = [];
  for (const [key, count] of faultyActions) {
    const expected = cleanActions.get(key) ?? 0;
    if (count > expected)
      (expected === 0 ? extra : duplicates).push({
        dossierId: key.split('|')[0]!,
        what: `${key}: ${expected} without faults, ${count} with`,
      });
  }
  const cleanDays = new Set(clean.outbox.map((line) => `${actionOf(line)}|${dayOf(line)}`));
  const delayed = faulty.outbox.filter((line) => !cleanDays.has(`${actionOf(line)}|${dayOf(line)}`)).length;

  const diverged: ChaosFinding[] = [];
  const faultyRows = new Map(faulty.summary.dossiers.map((row) => [row.dossierId, row]));
  for (const row of clean.summary.dossiers) {
    const other = faultyRows.get(row.dossierId);
    if (!other) {
      diverged.push({ dossierId: row.dossierId, what: 'missing from the faulty run' });
      continue;
    }
    for (const field of ['outcome', 'outstandingCents', 'recoveredCents'] as const)
      if (row[field] !== other[field])
        diverged.push({
          dossierId: row.dossierId,
          what: `${field}: ${row[field]} without faults, ${other[field]} with`,
        });
  }
  for (const row of faulty.summary.dossiers)
    if (!clean.summary.dossiers.some((c) => c.dossierId === row.dossierId))
      diverged.push({ dossierId: row.dossierId, what: 'only in the faulty run' });
  return {
    duplicates,
    extra,
    lost,
    diverged,
    delayed,
    messages: { clean: clean.outbox.length, faulty: faulty.outbox.length },
  };
}

export function chaosPassed(report: ChaosReport): boolean {
  return report.duplicates.length === 0 && report.lost.length === 0 && report.diverged.length === 0;
}
