import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import {
  type IntakeObjectDeps,
  type IntakeObjectOutcome,
  intakeObject,
} from '../../shared/use-cases/intake/intake-object';

/** S3 writes keys URL-encoded in events, with '+' for spaces. */
function objectKey(raw: string): string {
  return decodeURIComponent(raw.replace(/\+/g, ' '));
}

/**
 * S3 ObjectCreated on the intake bucket → ingest each object. Records are handled one by one
 * and a failure is rethrown after the others ran: S3's async invoke retries the event, and
 * ingestion is idempotent (invoice numbers are reserved), so a retry redoes only what is missing.
 */
export function makeHandler(deps: IntakeObjectDeps, now: () => Date = () => new Date()) {
  return middy<S3Event, IntakeObjectOutcome[]>().handler(async (event) => {
    const outcomes: IntakeObjectOutcome[] = [];
    let failure: unknown;
    for (const record of event.Records) {
      const key = objectKey(record.s3.object.key);
      try {
        outcomes.push(
          await intakeObject(deps, {
            bucket: record.s3.bucket.name,
            key,
            receivedAt: record.eventTime ?? now().toISOString(),
          }),
        );
      } catch (error) {
        deps.logger.error('intake object failed', { key, error: (error as Error).name });
        failure ??= error;
      }
    }
    if (failure) throw failure;
    return outcomes;
  });
}
