import * as z from 'zod';
import type { LocalDate } from '../../domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../domain/dossier';
import { reachableChannels } from '../../domain/escalation-levels';
import {
  expectedRecoveryCents,
  recoverabilityScore,
  type ScoreFactor,
} from '../../domain/recoverability-score';
import type { DossierRepository, Logger } from '../ports';

/** Today's score of a call's dossier: the stored one may be days old, and age moves it. */
function scoreOf(dossier: Dossier, today: LocalDate) {
  const { score, factors } = recoverabilityScore(dossier, today);
  return { score, scoreFactors: factors, expectedCents: expectedRecoveryCents(dossier, today) };
}

export const callQueueQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type CallQueueQuery = z.infer<typeof callQueueQuerySchema>;

/** One call for an agent: what they need to make it, and nothing more (data minimisation, GDPR art. 5(1)(c)). */
export interface CallQueueItem {
  taskId: string;
  dossierId: string;
  level: string;
  dueOn: LocalDate;
  priority: number;
  /** Outstanding now, not when the task was created: a partial payment may have come since. */
  outstandingCents: number;
  /** The dossier's recoverability score today (1–99) and what it moved on, no personal data. */
  score: number;
  scoreFactors: ScoreFactor[];
  /** outstandingCents × score / 100: the queue's order (recoverability-score.ts). */
  expectedCents: number;
  currency: 'EUR';
  debtorName: string;
  phone: string;
  language: Dossier['debtor']['language'];
}

/**
 * The tenant's call queue, highest priority first.
 * 1. read the open tasks from the per-tenant index (sorted by inverted priority); keep the calls;
 * 2. read the tasks' dossiers a page at a time (one batch read), and drop the calls that must
 *    not be made any more: dossier paid, disputed, prescribed or in judicial review (immediate
 *    stop, docs/legal.md §8), debtor without a working phone (opted out of calls, or a wrong
 *    number reported);
 * 3. return up to `limit` calls with the debtor's name and phone, and nothing else personal,
 *    the largest expected recovery first (outstanding × recoverability score, as of `today`).
 * A task whose dossier left the ladder (paid, disputed, prescribed, in court) is cancelled on the
 * way: left open, it would be read again on every listing, and a queue read each afternoon would
 * grow with every dossier ever called. A task of an open dossier without a working phone stays
 * open: the creditor may send a new number.
 */
export async function listCallTasks(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; query: CallQueueQuery; today: LocalDate },
): Promise<{ items: CallQueueItem[] }> {
  const { tenantId, query, today } = input;
  const tasks = (await deps.repository.listOpenTasks(tenantId)).filter((task) => task.kind === 'call');
  const items: CallQueueItem[] = [];
  let cancelled = 0;
  // A page's worth of dossiers per read (limit ≤ 100: one BatchGetItem), not one GetItem per task;
  // the next tasks are read only when calls were dropped on the way.
  for (let start = 0; start < tasks.length && items.length < query.limit; start += query.limit) {
    const batch = tasks.slice(start, start + query.limit);
    const dossiers = await deps.repository.getDossiers(
      tenantId,
      batch.map((task) => task.dossierId),
    );
    for (const task of batch) {
      const dossier = dossiers.get(task.dossierId);
      if (dossier?.status !== 'open') {
        const cancelledReason = dossier ? `dossier ${dossier.status}` : 'dossier deleted';
        await deps.repository.putTask({ ...task, status: 'cancelled', cancelledReason });
        cancelled++;
        continue;
      }
      if (!dossier.debtor.phone) continue;
      if (reachableChannels(dossier.debtor, ['call']).length === 0) continue;
      items.push({
        taskId: task.taskId,
        dossierId: task.dossierId,
        level: task.level,
        dueOn: task.dueOn,
        priority: task.priority,
        outstandingCents: dossierOutstandingCents(dossier),
        ...scoreOf(dossier, today),
        currency: 'EUR',
        debtorName: dossier.debtor.name,
        phone: dossier.debtor.phone,
        language: dossier.debtor.language,
      });
      if (items.length === query.limit) break;
    }
  }
  deps.logger.info('call queue listed', { tenantId, open: tasks.length, returned: items.length, cancelled });
  // The index reads by the priority set when each task opened; today's expectation orders the page.
  return { items: items.sort((a, b) => b.expectedCents - a.expectedCents) };
}
