import * as z from 'zod';
import { parisDate } from '../../domain/calendar';
import {
  CLOSURE_KINDS,
  type ClosureKind,
  closable,
  closedDossier,
  type DossierClosure,
  owedPrincipalCents,
  receivedCents,
} from '../../domain/closure';
import type { Dossier } from '../../domain/dossier';
import { ConflictError, UnprocessableError } from '../../domain/errors';
import type { EventSource } from '../../domain/timeline';
import { flagJudicialReview } from '../escalation/record-step';
import type { DossierRepository, Logger, RateSource, TenantDirectory } from '../ports';
import { changeDossier } from './change-dossier';

export const closureSchema = z
  .object({
    closureId: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .describe('The client’s id of the closure: the same id again changes nothing'),
    kind: z.enum(CLOSURE_KINDS),
    reason: z.string().trim().min(1).max(200).optional().describe('written-off (required then): why'),
    agreedCents: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'settled (required then): what the agreement has the debtor pay, recorded as payments first; the principal still owed is waived',
      ),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'settled' && value.agreedCents === undefined)
      ctx.addIssue({ code: 'custom', path: ['agreedCents'], message: 'required for a settlement' });
    if (value.kind !== 'settled' && value.agreedCents !== undefined)
      ctx.addIssue({ code: 'custom', path: ['agreedCents'], message: 'only for a settlement' });
    if (value.kind === 'written-off' && !value.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required to write off' });
  });
export type ClosureInput = z.infer<typeof closureSchema>;

export interface ClosureOutcome {
  dossierId: string;
  closureId: string;
  kind: ClosureKind;
  status: Dossier['status'];
  owedCents: number;
  waivedCents: number;
  duplicate: boolean;
}

/**
 * Closes a dossier (POST /dossiers/{id}/closure, or an events file), once per closureId:
 * - paid (outside the pipeline), settled (agreement for less, its amount received as payments
 *   first: the principal still owed is waived, C.civ. 2044, 1350), written off (with a reason):
 *   off both sweeps, every invoice settled (closure.ts);
 * - judicial: the amicable ladder ends now and the judicial review is flagged for the creditor
 *   (the record step's own review, judicial-review.ts; a dispute makes the claim contested).
 * A `dossier-closed` event says how, with the amounts. A new invoice reopens a new ladder
 * (debtor-intake.ts). A paid, prescribed or closed dossier cannot be closed again (409).
 */
export async function closeDossier(
  deps: {
    repository: DossierRepository;
    logger: Logger;
    tenants?: TenantDirectory | undefined;
    rates?: RateSource | undefined;
  },
  input: {
    tenantId: string;
    dossierId: string;
    closure: ClosureInput;
    receivedAt: string;
    source?: EventSource;
  },
): Promise<ClosureOutcome> {
  const { tenantId, dossierId, closure: asked, receivedAt } = input;
  const source = input.source ?? 'api';
  const day = parisDate(receivedAt);
  const recordOf = (dossier: Dossier): DossierClosure => {
    const owedCents = owedPrincipalCents(dossier);
    return {
      closureId: asked.closureId,
      kind: asked.kind,
      on: day,
      ...(asked.reason ? { reason: asked.reason } : {}),
      ...(asked.agreedCents !== undefined ? { agreedCents: asked.agreedCents, waivedCents: owedCents } : {}),
      owedCents,
      source,
    };
  };
  let judicialDossier: Dossier | undefined;
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (dossier) => {
      if (known(dossier, asked)) return undefined;
      const closure = recordOf(dossier);
      if (asked.kind !== 'judicial') return closedDossier(dossier, closure, receivedAt);
      const { nextActionOn: _n, ...rest } = judicialDossier ?? dossier;
      return { ...rest, status: 'judicial', closure, updatedAt: receivedAt };
    },
    async (dossier) => {
      if (known(dossier, asked)) return;
      if (!closable(dossier)) throw new ConflictError(`dossier ${dossierId} is ${dossier.status}`);
      const closure = recordOf(dossier);
      // The agreed amount is received before the rest is waived: a payment after the closure
      // would only be a credit to give back (payment-settlement.ts).
      const received = receivedCents(dossier);
      if (closure.agreedCents !== undefined && received < closure.agreedCents)
        throw new UnprocessableError(
          'agreedCents',
          `record the agreed payment first: ${received} of ${closure.agreedCents} cents received`,
        );
      if (closure.agreedCents !== undefined && closure.owedCents === 0)
        throw new UnprocessableError(
          'agreedCents',
          'nothing is left to waive: the payments settled the claim',
        );
      // The review's task and event have ids of the day: a retry writes them again identically.
      if (asked.kind === 'judicial' && dossier.status !== 'judicial')
        judicialDossier = await flagJudicialReview(deps, dossier, receivedAt);
      await deps.repository.appendEvent({
        tenantId,
        dossierId,
        eventId: `${day}#CLOSED#${asked.closureId}`,
        type: 'dossier-closed',
        at: receivedAt,
        day,
        actor: 'creditor',
        source,
        idempotencyKey: asked.closureId,
        amountCents: closure.agreedCents ?? closure.owedCents,
        ...(asked.kind === 'settled'
          ? { legalBasis: ['C.civ. 2044 (transaction)', 'C.civ. 1350 (remise de dette: the rest waived)'] }
          : {}),
        note: closureNote(closure),
      });
    },
  );
  const dossier = after ?? before;
  if (after) deps.logger.info('dossier closed', { tenantId, dossierId, kind: asked.kind, source });
  const closure = dossier.closure ?? recordOf(dossier);
  return {
    dossierId,
    closureId: asked.closureId,
    kind: closure.kind,
    status: dossier.status,
    owedCents: closure.owedCents,
    waivedCents: closure.waivedCents ?? 0,
    duplicate: !after,
  };
}

/** Closed already with this id: a replay (same kind) or a reused id (409). */
function known(dossier: Dossier, asked: ClosureInput): boolean {
  if (dossier.closure?.closureId !== asked.closureId) return false;
  if (dossier.closure.kind !== asked.kind || dossier.closure.agreedCents !== asked.agreedCents)
    throw new ConflictError(`closure ${asked.closureId} was recorded as ${dossier.closure.kind}`);
  return true;
}

function closureNote(closure: DossierClosure): string {
  if (closure.kind === 'settled')
    return `settled: ${closure.agreedCents} cents agreed and received, the ${closure.waivedCents} cents of principal still owed waived`;
  if (closure.kind === 'written-off') return `written off (${closure.reason}): ${closure.owedCents} cents`;
  if (closure.kind === 'judicial') return `transferred to the judicial path: ${closure.owedCents} cents owed`;
  return `paid outside the pipeline${closure.reason ? ` (${closure.reason})` : ''}`;
}
