import * as z from 'zod';
import { isLocalDate } from '../../domain/calendar';
import type { StepDecision } from '../../domain/escalation';
import type { DossierRef } from '../ports';
import { safeErrorName } from './error-name';
import { actInputSchema } from './step-inputs';

/**
 * Payloads of statemachines/escalation.asl.json, one page of due dossiers per execution
 * (DecidePage → ActOnPage → RecordPage, RecordPageFailure). The ASL builds them from the page the
 * sweep started; a mismatch is a deployment bug and fails loudly (ValidationError).
 */
const instant = z.iso.datetime({ offset: true });
const ref = z.object({ tenantId: z.string().min(1), dossierId: z.string().min(1) });

/** A page holds at most 100 dossiers: STEP_PAGE_SIZE's ceiling (config.ts, docs/scaling.md). */
export const MAX_STEP_PAGE = 100;

export const pageInputSchema = z.object({
  asOf: instant,
  dossiers: z.array(ref).min(1).max(MAX_STEP_PAGE),
});
export type PageInput = z.infer<typeof pageInputSchema>;

/**
 * An error's name only (`TimeoutError`, `RegisteredMailError`), never its message, which may quote
 * the dossier; anything that does not look like a name is reduced to `unknown`.
 */
export const errorKindSchema = z.string().optional().transform(safeErrorName);

/** One dossier of the page whose step failed after the handler's own retries. */
export interface DossierFailure extends DossierRef {
  errorKind: string;
}

/** One dossier's decision, as DecidePage hands it on ('none' decisions are not handed on). */
export interface DossierDecision extends DossierRef {
  decision: StepDecision;
}

/** What DecidePage returns: `count` (decisions + failures) drives the `AnythingDue` Choice. */
export interface DecidedPage {
  decisions: DossierDecision[];
  failures: DossierFailure[];
  count: number;
}

const decisionSchema = z.looseObject({
  kind: z.enum(['act', 'stop', 'reschedule', 'none']),
  day: z.string().refine(isLocalDate, 'not a date (YYYY-MM-DD)'),
  actions: z.array(actInputSchema.shape.action).optional(),
});
const failureSchema = ref.extend({ errorKind: errorKindSchema });
const decisionsSchema = z.array(ref.extend({ decision: decisionSchema })).max(MAX_STEP_PAGE);

export const actPageInputSchema = z.object({ asOf: instant, decisions: decisionsSchema });
export type ActPageInput = { asOf: string; decisions: DossierDecision[] };

export const recordPageInputSchema = z.object({
  asOf: instant,
  decisions: decisionsSchema,
  /** Dossiers DecidePage could not decide. */
  failures: z.array(failureSchema).max(MAX_STEP_PAGE).default([]),
  /** Dossiers ActOnPage could not act on: counted, their decisions not recorded. */
  actFailures: z.array(failureSchema).max(MAX_STEP_PAGE).default([]),
});
export type RecordPageInput = {
  asOf: string;
  decisions: DossierDecision[];
  failures: DossierFailure[];
  actFailures: DossierFailure[];
};

/** What the Catch hands RecordPageFailure: the page and the failed task's error name (`$.error.Error`). */
export const pageFailureInputSchema = pageInputSchema.extend({ errorKind: errorKindSchema });
export type PageFailureInput = z.infer<typeof pageFailureInputSchema>;
