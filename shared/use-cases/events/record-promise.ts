import * as z from 'zod';
import { addDays, isLocalDate, type LocalDate, maxDate, parisDate } from '../../domain/calendar';
import { MAX_PROMISE_DAYS } from '../../domain/call-outcome';
import type { Dossier } from '../../domain/dossier';
import { ConflictError } from '../../domain/errors';
import { DEFAULT_PROMISE_GRACE_DAYS, type DossierPromise } from '../../domain/promises';
import type { EventSource } from '../../domain/timeline';
import { findTenant } from '../find-tenant';
import type { DossierRepository, Logger, TenantDirectory } from '../ports';
import { changeDossier } from './change-dossier';

/** `today` is the Paris day the promise arrives: its date must be after it, within MAX_PROMISE_DAYS. */
export function promiseSchema(today: LocalDate) {
  const latest = addDays(today, MAX_PROMISE_DAYS);
  return z.object({
    promiseId: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .describe('The client’s id of the promise: the same id again changes nothing'),
    date: z
      .string()
      .refine(isLocalDate, 'not a date (YYYY-MM-DD)')
      .refine((day) => day > today && day <= latest, `must be after ${today} and at most ${latest}`)
      .describe(
        `Day the debtor will pay by (at most ${MAX_PROMISE_DAYS} days ahead: longer is a payment plan)`,
      ),
    amountCents: z.number().int().positive(),
  });
}
export type PromiseInput = z.infer<ReturnType<typeof promiseSchema>>;

export interface PromiseOutcome {
  dossierId: string;
  promiseId: string;
  /** Last day a payment keeps the promise: its date plus the tenant's grace days. */
  holdsUntil: LocalDate;
  nextActionOn: LocalDate | null;
  duplicate: boolean;
}

export async function promiseGraceDays(
  tenants: TenantDirectory | undefined,
  tenantId: string,
): Promise<number> {
  return (await findTenant(tenants, tenantId))?.promiseGraceDays ?? DEFAULT_PROMISE_GRACE_DAYS;
}

/**
 * A promise to pay (POST /dossiers/{id}/promises, or an events file), once per promiseId:
 * 1. only an open dossier takes one (409 otherwise);
 * 2. append `promise-made` (its source and key, the amount and date);
 * 3. keep it on the dossier and move the next action after its date plus the grace days: the
 *    ladder pauses. The step then sees it kept (payments by then: the pause just ends) or broken
 *    (the ladder resumes one level up, with a `promise-broken` event: ladder-resume.ts).
 */
export async function recordPromise(
  deps: { repository: DossierRepository; logger: Logger; tenants?: TenantDirectory | undefined },
  input: {
    tenantId: string;
    dossierId: string;
    promise: PromiseInput;
    receivedAt: string;
    source?: EventSource;
  },
): Promise<PromiseOutcome> {
  const { tenantId, dossierId, promise, receivedAt } = input;
  const source = input.source ?? 'api';
  const day = parisDate(receivedAt);
  const graceDays = await promiseGraceDays(deps.tenants, tenantId);
  const record = (dossier: Dossier): DossierPromise => ({
    promiseId: promise.promiseId,
    promisedOn: promise.date,
    amountCents: promise.amountCents,
    madeOn: day,
    levelIndex: dossier.levelIndex,
    source,
  });
  const holdsUntil = addDays(promise.date, graceDays);
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (dossier) => {
      if (known(dossier, promise)) return undefined;
      const nextActionOn = maxDate([
        addDays(holdsUntil, 1),
        ...(dossier.nextActionOn ? [dossier.nextActionOn] : []),
      ])!;
      return {
        ...dossier,
        promises: [...(dossier.promises ?? []), record(dossier)],
        nextActionOn,
        updatedAt: receivedAt,
      };
    },
    async (dossier) => {
      if (known(dossier, promise)) return;
      if (dossier.status !== 'open')
        throw new ConflictError(`dossier ${dossierId} is ${dossier.status}: no ladder to pause`);
      await deps.repository.appendEvent({
        tenantId,
        dossierId,
        eventId: `${day}#PROMISE#${promise.promiseId}`,
        type: 'promise-made',
        at: receivedAt,
        day,
        actor: 'debtor',
        source,
        idempotencyKey: promise.promiseId,
        amountCents: promise.amountCents,
        note: `promise ${promise.promiseId} to pay by ${promise.date}; the ladder waits until ${holdsUntil} (grace ${graceDays} days)`,
      });
    },
  );
  const dossier = after ?? before;
  if (after) deps.logger.info('promise recorded', { tenantId, dossierId, source });
  return {
    dossierId,
    promiseId: promise.promiseId,
    holdsUntil,
    nextActionOn: dossier.nextActionOn ?? null,
    duplicate: !after,
  };
}

/** The promise is on the dossier already: a replay (same date and amount) or a reused id (409). */
function known(dossier: Dossier, promise: PromiseInput): boolean {
  const earlier = dossier.promises?.find((p) => p.promiseId === promise.promiseId);
  if (!earlier) return false;
  if (earlier.promisedOn !== promise.date || earlier.amountCents !== promise.amountCents)
    throw new ConflictError(`promise ${promise.promiseId} was recorded with another date or amount`);
  return true;
}
