import * as z from 'zod';
import { parisDate } from '../../../shared/domain/calendar';
import { closureSchema } from '../../../shared/use-cases/events/close-dossier';
import { promiseSchema } from '../../../shared/use-cases/events/record-promise';
import { disputeResolutionSchema } from '../../../shared/use-cases/events/resolve-dispute';
import type { RouteDoc } from './route-docs';
import { dossierStatusSchema } from './write-outcome-schemas';

/** The dossier lifecycle's answers (issue 13), each its use case's return type. */
export const disputeResolutionOutcomeSchema = z
  .object({
    dossierId: z.string(),
    disputeId: z.string(),
    outcome: z.enum(['upheld', 'rejected', 'partly-upheld']),
    status: dossierStatusSchema,
    nextActionOn: z.string().nullable().describe('Next day the overdue sweep looks at the dossier'),
    duplicate: z.boolean().describe('Resolved the same way before: nothing changed'),
  })
  .meta({ id: 'DisputeResolutionOutcome' });

export const promiseOutcomeSchema = z
  .object({
    dossierId: z.string(),
    promiseId: z.string(),
    holdsUntil: z.string().describe('Last day a payment keeps the promise: its date plus the grace days'),
    nextActionOn: z.string().nullable(),
    duplicate: z.boolean(),
  })
  .meta({ id: 'PromiseOutcome' });

export const closureOutcomeSchema = z
  .object({
    dossierId: z.string(),
    closureId: z.string(),
    kind: z.enum(['paid', 'settled', 'written-off', 'judicial', 'cancelled']),
    status: dossierStatusSchema,
    owedCents: z.number().int().describe('Principal still owed when it closed'),
    waivedCents: z.number().int().describe('settled: what the agreement waives'),
    duplicate: z.boolean(),
  })
  .meta({ id: 'ClosureOutcome' });

const today = parisDate(new Date());

export const LIFECYCLE_ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /dossiers/{dossierId}/disputes/{disputeId}/resolution': {
    summary:
      'Resolve a dispute: upheld (credit note, cancellation), rejected (the ladder resumes), partly upheld',
    tag: 'dossiers',
    body: disputeResolutionSchema,
    ok: {
      status: 200,
      description: 'The outcome, the dossier’s status and next action (idempotent on the dispute)',
      schema: disputeResolutionOutcomeSchema,
    },
    errors: [409],
  },
  'POST /dossiers/{dossierId}/promises': {
    summary: 'Record a promise to pay: the ladder pauses until its date plus the grace days',
    tag: 'dossiers',
    body: promiseSchema(today),
    ok: { status: 200, description: 'How long the promise holds the ladder', schema: promiseOutcomeSchema },
    errors: [409],
  },
  'POST /dossiers/{dossierId}/closure': {
    summary: 'Close a dossier: paid outside, settled for less, written off, or transferred to judicial',
    tag: 'dossiers',
    body: closureSchema,
    ok: { status: 200, description: 'The closure and its amounts', schema: closureOutcomeSchema },
    errors: [409, 422],
  },
};
