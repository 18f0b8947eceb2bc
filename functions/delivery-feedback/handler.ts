import middy from '@middy/core';
import {
  type DeliveryFailureOutcome,
  deliveryFailureSchema,
  recordDeliveryFailure,
} from '../../shared/use-cases/events/record-delivery-failure';
import { parseInput } from '../../shared/use-cases/parse-input';
import type { DossierRepository, Logger } from '../../shared/use-cases/ports';
import { feedbackEventSchema, parseFeedbackEvent } from './parse-feedback';

export interface DeliveryFeedbackDeps {
  repository: DossierRepository;
  logger: Logger;
}

export type FeedbackResult = DeliveryFailureOutcome | { status: 'ignored'; reason: string };

/**
 * SES bounces and complaints (through an SNS topic) and SNS SMS delivery failures (through a
 * CloudWatch Logs subscription) → one recorded failure per notification. Notifications are
 * handled one by one; a failure is rethrown after the others ran, so the asynchronous invoke
 * retries the event, and the use case is idempotent on the provider's feedback id.
 */
export function makeHandler(deps: DeliveryFeedbackDeps, now: () => Date = () => new Date()) {
  return middy<unknown, FeedbackResult[]>().handler(async (event) => {
    const parsed = parseFeedbackEvent(parseInput(feedbackEventSchema, event), now().toISOString());
    const results: FeedbackResult[] = [];
    let error: unknown;
    for (const item of parsed) {
      if ('ignored' in item) {
        deps.logger.debug('delivery feedback ignored', { reason: item.ignored });
        results.push({ status: 'ignored', reason: item.ignored });
        continue;
      }
      try {
        results.push(await recordDeliveryFailure(deps, parseInput(deliveryFailureSchema, item.failure)));
      } catch (failure) {
        deps.logger.error('delivery feedback failed', {
          kind: item.failure.kind,
          error: (failure as Error).name,
        });
        error ??= failure;
      }
    }
    if (error) throw error;
    return results;
  });
}
