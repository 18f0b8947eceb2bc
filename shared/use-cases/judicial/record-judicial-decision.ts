import * as z from 'zod';
import { addMonths, isLocalDate, type LocalDate, parisDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import { ConflictError } from '../../domain/errors';
import type {
  JudicialDecision,
  JudicialDecisionKind,
  JudicialStage,
  JudicialState,
} from '../../domain/judicial/judicial-state';
import { changeDossier } from '../events/change-dossier';
import type { DossierRepository, Logger } from '../ports';
import { judicialSummary } from './judicial-review';

/** A wait puts the review off for at most 6 months: the claim's deadlines keep running meanwhile. */
export const MAX_WAIT_MONTHS = 6;

/** `POST /dossiers/{id}/judicial-decision`: the creditor's decision on the judicial review. */
export function judicialDecisionSchema(today: LocalDate) {
  const latest = addMonths(today, MAX_WAIT_MONTHS);
  return z
    .object({
      decisionId: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits, _ . : - (1 to 100)')
        .describe('The client’s id of the decision: the same id with the same content is a no-op'),
      kind: z.enum(['file', 'lawyer', 'write-off', 'wait']),
      until: z
        .string()
        .refine(isLocalDate, 'not a date (YYYY-MM-DD)')
        .refine((day) => day > today && day <= latest, `must be after ${today} and at most ${latest}`)
        .optional()
        .describe(
          `wait only (required then): the day the review comes back, within ${MAX_WAIT_MONTHS} months`,
        ),
      note: z.string().trim().min(1).max(2000).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.kind === 'wait' && !value.until)
        ctx.addIssue({ code: 'custom', path: ['until'], message: 'required to wait' });
      if (value.kind !== 'wait' && value.until)
        ctx.addIssue({ code: 'custom', path: ['until'], message: 'only for a wait' });
    });
}
export type JudicialDecisionInput = {
  decisionId: string;
  kind: JudicialDecisionKind;
  until?: LocalDate;
  note?: string;
};

export interface JudicialDecisionOutcome {
  dossierId: string;
  decision: JudicialDecisionKind;
  stage: JudicialStage;
  /** Next day the judicial sweep looks at the dossier (null: nothing scheduled). */
  nextCheckOn: LocalDate | null;
  /** true: the same decision was already recorded; nothing changed. */
  duplicate: boolean;
}

const STAGE: Record<JudicialDecisionKind, JudicialStage> = {
  // Filing leaves the stage to the court file (build-court-file.ts): the sweep builds it today.
  file: 'review',
  lawyer: 'lawyer',
  'write-off': 'written-off',
  wait: 'waiting',
};

function sameDecision(earlier: JudicialDecision, input: JudicialDecisionInput): boolean {
  return earlier.kind === input.kind && earlier.until === input.until && earlier.note === input.note;
}

/**
 * The decision's effect on the dossier, or undefined when it is recorded already (same id, same
 * content). 409 when the dossier is not in judicial review, when the same id came with another
 * content, or when a decision other than a wait was taken already (a wait may be cut short).
 */
function decide(dossier: Dossier, input: JudicialDecisionInput, day: LocalDate): Dossier | undefined {
  const judicial = dossier.judicial;
  if (dossier.status !== 'judicial' || !judicial)
    throw new ConflictError(`dossier ${dossier.dossierId} is not in judicial review (${dossier.status})`);
  const earlier = judicial.decision;
  if (earlier?.decisionId === input.decisionId) {
    if (sameDecision(earlier, input)) return undefined;
    throw new ConflictError(`decision ${input.decisionId} was recorded with another content`);
  }
  if ((judicial.stage !== 'review' && judicial.stage !== 'waiting') || (earlier && earlier.kind !== 'wait'))
    throw new ConflictError(
      `dossier ${dossier.dossierId} was decided already (${earlier?.kind ?? judicial.stage}); its stage is ${judicial.stage}`,
    );
  const decision: JudicialDecision = {
    kind: input.kind,
    decidedOn: day,
    by: 'creditor',
    decisionId: input.decisionId,
    ...(input.until ? { until: input.until } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  const { nextCheckOn: _next, ...rest } = judicial;
  const nextCheckOn = input.kind === 'wait' ? input.until : input.kind === 'file' ? day : undefined;
  const state: JudicialState = {
    ...rest,
    stage: STAGE[input.kind],
    decision,
    ...(nextCheckOn ? { nextCheckOn } : {}),
  };
  return { ...dossier, judicial: state };
}

/**
 * Records the creditor's decision on the judicial review (docs/legal.md §10, "Judicial review"):
 * - file: the decision is stored, the stage stays `review` until the court file is built
 *   (build-court-file.ts, run by the judicial sweep from `nextCheckOn`, today);
 * - lawyer: stage `lawyer`, a `lawyer` task for a person with the recommendation;
 * - write-off: stage `written-off` (status stays `judicial`), a `written-off` event with the amounts;
 * - wait: stage `waiting` until `until` (the judicial sweep reviews it again that day).
 * The review task is done; the decision is on the timeline (`judicial-decision`, by the creditor).
 */
export async function recordJudicialDecision(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; dossierId: string; decision: JudicialDecisionInput; receivedAt: string },
): Promise<JudicialDecisionOutcome> {
  const { tenantId, dossierId, decision, receivedAt } = input;
  const day = parisDate(receivedAt);
  const { before, after } = await changeDossier(
    deps.repository,
    input,
    (dossier) => {
      const next = decide(dossier, decision, day);
      return next ? { ...next, updatedAt: receivedAt } : undefined;
    },
    // Before the save, idempotently (ids carry the decision's): a crash after it would lose the evidence.
    async (dossier) => {
      const next = decide(dossier, decision, day);
      if (!next?.judicial) return;
      const recommendation = next.judicial.recommendation;
      const summary = judicialSummary(recommendation, decision.kind);
      await deps.repository.appendEvent({
        tenantId,
        dossierId,
        eventId: `${day}#JUDICIAL-DECISION#${decision.decisionId}`,
        type: 'judicial-decision',
        at: receivedAt,
        day,
        actor: 'creditor',
        judicial: summary,
        note: `decision: ${decision.kind}${decision.until ? ` until ${decision.until}` : ''} (recommended: ${recommendation.path})`,
      });
      if (decision.kind === 'write-off') {
        const { amount } = recommendation;
        await deps.repository.appendEvent({
          tenantId,
          dossierId,
          eventId: `${day}#WRITTEN-OFF`,
          type: 'written-off',
          at: receivedAt,
          day,
          actor: 'creditor',
          amountCents: amount.totalCents,
          invoiceNumbers: dossier.invoices.filter((inv) => !inv.settledOn).map((inv) => inv.number),
          judicial: summary,
          legalBasis: recommendation.reasons.map((r) => r.article),
          note: `written off: principal ${amount.principalCents}, interest ${amount.interestCents} (to ${amount.computedThrough}), indemnity ${amount.indemnityCents} cents`,
        });
      }
      const reviewTask = await deps.repository.getTask(
        tenantId,
        dossierId,
        `${recommendation.reviewedOn}-judicial-review`,
      );
      if (reviewTask?.status === 'open')
        await deps.repository.putTask({ ...reviewTask, status: 'done', outcomeAt: receivedAt });
      if (decision.kind === 'lawyer')
        await deps.repository.putTask({
          tenantId,
          dossierId,
          taskId: `${day}-lawyer`,
          createdAt: receivedAt,
          dueOn: day,
          priority: recommendation.amount.totalCents,
          level: 'judicial-review',
          status: 'open',
          kind: 'lawyer',
          outstandingCents: recommendation.amount.principalCents,
          judicial: summary,
        });
    },
  );
  const judicial = (after ?? before).judicial!;
  if (after) deps.logger.info('judicial decision recorded', { tenantId, dossierId, kind: decision.kind });
  return {
    dossierId,
    decision: judicial.decision?.kind ?? decision.kind,
    stage: judicial.stage,
    nextCheckOn: judicial.nextCheckOn ?? null,
    duplicate: !after,
  };
}
