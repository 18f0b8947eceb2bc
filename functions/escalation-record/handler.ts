import middy from '@middy/core';
import { type RecordPageInput, recordPageInputSchema } from '../../shared/use-cases/escalation/page-inputs';
import {
  type RecordedPage,
  type RecordPageDeps,
  recordPage,
} from '../../shared/use-cases/escalation/record-page';
import { parseInput } from '../../shared/use-cases/parse-input';

/**
 * Task `RecordPage`: applies the page's decisions with conditional writes (a lost race is read
 * again and retried per dossier, in record-page.ts) and counts the dossiers that failed.
 */
export function makeHandler(deps: RecordPageDeps) {
  return middy<unknown, RecordedPage>().handler((event) =>
    recordPage(deps, parseInput(recordPageInputSchema, event) as RecordPageInput),
  );
}
