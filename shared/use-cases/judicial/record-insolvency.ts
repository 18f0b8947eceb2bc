import * as z from 'zod';
import { type LocalDate, parisDate } from '../../domain/calendar';
import { type Dossier, dossierOutstandingCents } from '../../domain/dossier';
import { type ClaimDeclarationWatch, claimDeclarationWatch } from '../../domain/judicial/claim-declaration';
import type { JudicialPath } from '../../domain/judicial/judicial-state';
import type { DebtorInsolvency } from '../../domain/parties';
import { pastDaySchema } from '../day-input';
import { changeDossier } from '../events/change-dossier';
import type { CallTask, Logger } from '../ports';
import { computeRecommendation, type JudicialReviewDeps } from './judicial-review';

/** `POST /dossiers/{id}/insolvency`: the debtor is in insolvency proceedings (a BODACC notice, a letter). */
export function insolvencySchema(today: LocalDate) {
  const day = pastDaySchema(today);
  return z
    .object({
      kind: z.enum(['safeguard', 'receivership', 'liquidation', 'over-indebtedness']),
      openedOn: day.describe('Day the proceedings opened (judgment, or admissibility decision)'),
      publishedOn: day
        .optional()
        .describe('Day of the BODACC publication: the claim is declared within 2 months'),
    })
    .refine((v) => !v.publishedOn || v.publishedOn >= v.openedOn, {
      path: ['publishedOn'],
      message: 'must not be before openedOn',
    });
}

export interface InsolvencyOutcome {
  dossierId: string;
  /** Last day to declare the claim to the mandataire (publication + 2 months, C.com. R622-24); null without a publication or for over-indebtedness. */
  declareBy: LocalDate | null;
  /** The judicial review's path after this, when the dossier is in review (null otherwise). */
  recommendation: JudicialPath | null;
  duplicate: boolean;
}

/** The task a person closes once the claim is declared to the mandataire (C.com. L622-24); due on the last day. */
function declarationTask(dossier: Dossier, watch: ClaimDeclarationWatch, at: string): CallTask {
  const outstanding = dossierOutstandingCents(dossier);
  return {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    taskId: watch.taskId,
    createdAt: at,
    dueOn: watch.declareBy,
    priority: outstanding,
    level: 'C.com. L622-24',
    status: 'open',
    kind: 'claim-declaration',
    outstandingCents: outstanding,
  };
}

/** C.com. R622-24: the declaration is due within 2 months of the BODACC publication (claim-declaration.ts). */
function declareBy(insolvency: DebtorInsolvency): LocalDate | null {
  return claimDeclarationWatch(insolvency)?.declareBy ?? null;
}

/**
 * Records that the debtor is in insolvency proceedings (docs/legal.md §10, "Judicial review"):
 * individual actions stop (C.com. L622-21; C.conso L722-2) and the claim is declared to the
 * mandataire (C.com. L622-24). A dossier in review (not yet decided, or waiting) gets its
 * recommendation computed again: write-off. Recording the same proceedings again is a no-op.
 */
export async function recordInsolvency(
  deps: JudicialReviewDeps & { logger: Logger },
  input: { tenantId: string; dossierId: string; insolvency: DebtorInsolvency; receivedAt: string },
): Promise<InsolvencyOutcome> {
  const { tenantId, dossierId, insolvency, receivedAt } = input;
  const today = parisDate(receivedAt);
  const same = (earlier?: DebtorInsolvency) => JSON.stringify(earlier ?? null) === JSON.stringify(insolvency);
  const current = await deps.repository.getDossier(tenantId, dossierId);
  const withInsolvency = current && { ...current, debtor: { ...current.debtor, insolvency } };
  const judicial = current?.judicial;
  const inReview =
    judicial &&
    (judicial.stage === 'review' || judicial.stage === 'waiting') &&
    (!judicial.decision || judicial.decision.kind === 'wait');
  // Computed before the write (it reads the timeline and the rates); the write re-checks the stage.
  const recommendation =
    withInsolvency && inReview ? await computeRecommendation(deps, withInsolvency, today) : undefined;
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (dossier) => {
      if (same(dossier.debtor.insolvency)) return undefined;
      const review = dossier.judicial;
      const recompute =
        recommendation &&
        review &&
        (review.stage === 'review' || review.stage === 'waiting') &&
        (!review.decision || review.decision.kind === 'wait');
      // Still in the amicable ladder: it leaves the overdue sweep (no reminder may follow,
      // C.com. L622-21); decideNextStep refuses to act on it too, should it come due again.
      const { nextActionOn: _stopped, ...rest } = dossier;
      // The declaration to the mandataire, watched by the judicial step (claim-declaration.ts).
      const declaration = claimDeclarationWatch(insolvency);
      const { claimDeclaration: _previous, ...kept } =
        dossier.status === 'open' && insolvency.openedOn <= today ? rest : dossier;
      return {
        ...kept,
        ...(declaration ? { claimDeclaration: declaration } : {}),
        debtor: { ...dossier.debtor, insolvency },
        ...(recompute ? { judicial: { ...review, recommendation } } : {}),
        updatedAt: receivedAt,
      };
    },
    async (dossier) => {
      if (same(dossier.debtor.insolvency)) return;
      const by = declareBy(insolvency);
      await deps.repository.appendEvent({
        tenantId,
        dossierId,
        eventId: `${today}#INSOLVENCY#${insolvency.kind}#${insolvency.openedOn}`,
        type: 'insolvency-recorded',
        at: receivedAt,
        day: today,
        actor: 'creditor',
        legalBasis:
          insolvency.kind === 'over-indebtedness'
            ? ['C.conso L722-2']
            : ['C.com. L622-21', 'C.com. L622-24', 'C.com. R622-24'],
        note: `${insolvency.kind} opened ${insolvency.openedOn}${by ? `; declare the claim to the mandataire by ${by}` : ''}`,
      });
    },
  );
  const dossier = after ?? before;
  if (after?.claimDeclaration)
    await deps.repository.putTask(declarationTask(after, after.claimDeclaration, receivedAt));
  if (after) deps.logger.info('insolvency recorded', { tenantId, dossierId, kind: insolvency.kind });
  return {
    dossierId,
    declareBy: declareBy(insolvency),
    recommendation: dossier.judicial && inReview ? dossier.judicial.recommendation.path : null,
    duplicate: !after,
  };
}
