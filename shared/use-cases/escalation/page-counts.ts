import type { DossierRepository, Logger } from '../ports';
import { errorName } from './page-work';

/**
 * Runs a page task's work with the KPI increments of its events written once at its end
 * (DossierRepository.countTogether): ~50 messages, one ADD. A store without it counts each event.
 */
export function countingTogether<T>(
  deps: { repository: Pick<DossierRepository, 'countTogether'>; logger: Logger },
  work: () => Promise<T>,
): Promise<T> {
  const { repository } = deps;
  if (!repository.countTogether) return work();
  return repository.countTogether(work, (error) =>
    // The page's messages went out and stay recorded; only its figures on the KPI page are short.
    deps.logger.error('kpi counts of a page lost', { error: errorName(error) }),
  );
}
