import { NotFoundError } from '../../domain/errors';
import { inPool } from '../in-pool';
import type { DossierRef, TenantDirectory, TenantProfile } from '../ports';
import { safeErrorName } from './error-name';
import type { DossierFailure } from './page-inputs';

/**
 * How a page task works through its dossiers: a few at once, each one's transient errors retried
 * here a bounded number of times, and what still fails handed back per dossier (its error's name
 * only), so one dossier never fails or delays the others of its page.
 */

/** Dossiers a page task works on at once: enough to hide latency, few enough for the providers' rates. */
export const DOSSIERS_IN_FLIGHT = 8;

/** Attempts per dossier in a page task before its error is handed back to RecordPage. */
export const DOSSIER_ATTEMPTS = 3;

/**
 * Errors that may pass if tried again (the escalation ASL's Retry list, by name): throttling,
 * time-outs, 5xx, a registered-mail provider down for a moment.
 */
export const TRANSIENT_ERRORS = new Set([
  'TimeoutError',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TooManyRequestsException',
  'ThrottledException',
  'SlowDown',
  'InternalError',
  'RegisteredMailUnavailable',
]);

/** The error's class name (what the ASL's `$.error.Error` would have shown), never its message. */
export function errorName(error: unknown): string {
  return safeErrorName((error as { name?: unknown })?.name);
}

export function isTransient(error: unknown): boolean {
  return TRANSIENT_ERRORS.has(errorName(error));
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));

/** Runs `work`, again after a short pause when it fails with a transient error, `attempts` times at most. */
export async function retryTransient<T>(work: () => Promise<T>, attempts = DOSSIER_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await pause(attempt);
    }
  }
}

/**
 * Calls `work` for every item, `concurrency` at a time; an item that throws becomes a failure
 * (its ref and error name), the others go on. Returns the failures.
 */
export async function eachDossier<T extends DossierRef>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  concurrency = DOSSIERS_IN_FLIGHT,
): Promise<DossierFailure[]> {
  const failures: DossierFailure[] = [];
  await inPool(items, concurrency, async (item) => {
    try {
      await work(item);
    } catch (error) {
      failures.push({ tenantId: item.tenantId, dossierId: item.dossierId, errorKind: errorName(error) });
    }
  });
  return failures;
}

export const refKey = (ref: DossierRef) => `${ref.tenantId}\u0000${ref.dossierId}`;

/**
 * The tenant directory as one page sees it: each tenant's profile read once per page (a page
 * mixes tenants, the sweep index being sharded by dossier). A failed read is not kept.
 */
export function pageTenants(tenants: TenantDirectory): TenantDirectory {
  const profiles = new Map<string, Promise<TenantProfile>>();
  return {
    getTenant(tenantId) {
      let profile = profiles.get(tenantId);
      if (!profile) {
        profile = tenants.getTenant(tenantId);
        profiles.set(tenantId, profile);
        // A failed read is asked again by the next caller; a profile that does not exist is not.
        profile.catch((error) => {
          if (!(error instanceof NotFoundError)) profiles.delete(tenantId);
        });
      }
      return profile;
    },
    listTenantIds: () => tenants.listTenantIds(),
  };
}
