import * as z from 'zod';
import type { LocalDate } from '../../../domain/calendar';
import { parisDate } from '../../../domain/calendar';
import type { Dossier } from '../../../domain/dossier';
import { NotFoundError } from '../../../domain/errors';
import { JUDICIAL_STEP_STAGES } from '../../../domain/judicial/judicial-step';
import type { DocumentStore } from '../../client-api/dossier-documents';
import type { PipelineDeps } from '../../escalation/deps';
import { escalationInputSchema } from '../../escalation/step-inputs';

/** What the judicial step's functions use: the dossier, the creditor's alerts, and (court file) documents and rates. */
export type JudicialStepDeps = Pick<
  PipelineDeps,
  | 'repository'
  | 'tenants'
  | 'messenger'
  | 'logger'
  | 'senderEmail'
  | 'documents'
  | 'documentsBucket'
  | 'letters'
  | 'rates'
> & {
  /** Where the formal notice's PDF is read back: embedded, the outbox (build-court-file.ts). */
  documentStore?: DocumentStore;
};

/** What the watches and acts use: the dossier and the creditor's alerts (e-mail). */
export type JudicialAlertDeps = Pick<
  JudicialStepDeps,
  'repository' | 'tenants' | 'messenger' | 'logger' | 'senderEmail'
>;

/** Every judicial step's task gets the dossier and the instant the sweep runs for (statemachines/judicial-step.asl.json). */
export const judicialStepInputSchema = escalationInputSchema;
export type JudicialStepInput = z.infer<typeof judicialStepInputSchema>;

/** RecordStep: the stage the step worked on (only that part of the dossier leaves the index). */
export const recordInputSchema = judicialStepInputSchema.extend({
  stage: z.enum(JUDICIAL_STEP_STAGES).optional(),
});
export type RecordInput = z.infer<typeof recordInputSchema>;

export const watchInputSchema = judicialStepInputSchema.extend({
  deadline: z.enum(['service', 'opposition', 'small-claims-answer', 'enforcement', 'claim-declaration']),
});
export type WatchInput = z.infer<typeof watchInputSchema>;

export const actInputSchema = judicialStepInputSchema.extend({
  act: z.enum(['enforceable-formula', 'lawyer', 'enforcement-hand-off', 'missing-data']),
  /** missing-data: what the court file lacks (labels with articles, from BuildCourtFile). */
  missing: z.array(z.string().min(1).max(300)).max(50).optional(),
});
export type JudicialActInput = z.infer<typeof actInputSchema>;

/** The dossier a task works on, and the Paris day of the sweep. */
export async function loadForStep(
  deps: Pick<JudicialStepDeps, 'repository'>,
  input: JudicialStepInput,
): Promise<{ dossier: Dossier; day: LocalDate }> {
  const dossier = await deps.repository.getDossier(input.tenantId, input.dossierId);
  if (!dossier) throw new NotFoundError(`dossier ${input.dossierId} not found`);
  return { dossier, day: parisDate(input.asOf) };
}
