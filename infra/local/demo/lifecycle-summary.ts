import type { Dossier } from '../../../shared/domain/dossier';
import type { TimelineEvent } from '../../../shared/domain/timeline';

/** One dispute or promise of the run, as the demo's summary shows it (ids, codes and dates only). */
export interface LifecycleEntry {
  dossierId: string;
  kind: 'dispute' | 'promise';
  /** e.g. `F-1 (defective) opened 2026-03-06, rejected 2026-03-16` or `by 2026-03-20 (api), broken`. */
  detail: string;
  /** The first level the ladder performed after the dispute's resolution or the broken promise. */
  resumedWith?: string;
}

/** The dossier's disputes and promises, and the level the ladder went on with after each ended. */
export function lifecycleEntries(dossier: Dossier, timeline: readonly TimelineEvent[]): LifecycleEntry[] {
  const sentAfter = (day: string) => {
    const next = timeline.find(
      (e) =>
        e.day >= day &&
        (e.type === 'judicial-review-flagged' ||
          ((e.type === 'action-sent' || e.type === 'task-created') && e.state === 'done' && e.level)),
    );
    return next?.type === 'judicial-review-flagged' ? 'judicial-review' : next?.level;
  };
  const entries: LifecycleEntry[] = [];
  for (const dispute of dossier.disputes ?? []) {
    const scope = dispute.invoices?.join(', ') ?? 'whole dossier';
    const end = dispute.resolution ? `, ${dispute.resolution.outcome} ${dispute.resolution.on}` : ', open';
    const resumed = dispute.resolution ? sentAfter(dispute.resolution.on) : undefined;
    entries.push({
      dossierId: dossier.dossierId,
      kind: 'dispute',
      detail: `${scope} (${dispute.reason}) opened ${dispute.openedOn}${end}`,
      ...(resumed ? { resumedWith: resumed } : {}),
    });
  }
  for (const promise of dossier.promises ?? []) {
    const broken = timeline.find(
      (e) => e.type === 'promise-broken' && e.eventId.includes(`#PROMISE#${promise.promiseId}#`),
    );
    const kept = timeline.some(
      (e) => e.type === 'promise-kept' && e.eventId.includes(`#PROMISE#${promise.promiseId}#`),
    );
    const resumed = broken ? sentAfter(broken.day) : undefined;
    entries.push({
      dossierId: dossier.dossierId,
      kind: 'promise',
      detail: `by ${promise.promisedOn} (${promise.source}), ${kept ? 'kept' : broken ? `broken (noted ${broken.day})` : 'running'}`,
      ...(resumed ? { resumedWith: resumed } : {}),
    });
  }
  return entries;
}

/** `Disputes   DOS-X F-1 (defective) opened …, rejected …; ladder went on with reminder-2`. */
export function formatLifecycle(entries: readonly LifecycleEntry[]): string[] {
  return entries.map((entry, i) => {
    const first = i === 0 || entries[i - 1]!.kind !== entry.kind;
    const label = first ? (entry.kind === 'dispute' ? 'Disputes  ' : 'Promises  ') : '          ';
    const resumed = entry.resumedWith ? `; ladder went on with ${entry.resumedWith}` : '';
    return `${label} ${entry.dossierId} ${entry.detail}${resumed}`;
  });
}
