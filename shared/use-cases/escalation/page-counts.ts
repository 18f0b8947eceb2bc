import type { DossierRepository, Logger } from '../ports';
import { errorName } from './page-work';

/**
 * Runs a page task's work (or one event's: a payment) with the KPI increments of its events
 * written once at its end (DossierRepository.countTogether): ~50 messages, one ADD. A store
 * without it counts each event. A final ADD that fails loses the figures only (at most once):
 * the work stands, and `lost` (ids, never personal data) says whose figures are short.
 */
export function countingTogether<T>(
  deps: { repository: Pick<DossierRepository, 'countTogether'>; logger: Logger },
  work: () => Promise<T>,
  lost: { what: string; ids?: Record<string, string> } = { what: 'page' },
): Promise<T> {
  const { repository } = deps;
  if (!repository.countTogether) return work();
  return repository.countTogether(work, (error) =>
    deps.logger.error(`kpi counts of a ${lost.what} lost`, { ...lost.ids, error: errorName(error) }),
  );
}
