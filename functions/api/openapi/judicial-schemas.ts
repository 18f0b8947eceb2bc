import * as z from 'zod';
import { JUDICIAL_STAGES } from '../../../shared/domain/judicial/judicial-state';

/**
 * What the judicial review's routes answer (record-judicial-decision.ts, record-insolvency.ts),
 * for the OpenAPI document. Closed objects, like write-outcome-schemas.ts: a client may rely on
 * every field; test/functions/api-judicial-decision.test.ts checks them against the use cases' types.
 */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('YYYY-MM-DD (Europe/Paris)');
const duplicate = z.boolean().describe('true: the same decision was already recorded; nothing changed');
const path = z.enum(['injonction-de-payer', 'petites-creances', 'european-order', 'lawyer', 'write-off']);

export const judicialDecisionOutcomeSchema = z
  .object({
    dossierId: z.string(),
    decision: z.enum(['file', 'lawyer', 'write-off', 'wait']),
    stage: z
      .enum(JUDICIAL_STAGES)
      .describe(
        'The judicial stage after the decision: review (file: until the court file is built), lawyer, written-off, waiting',
      ),
    nextCheckOn: day.nullable().describe('Next day the judicial sweep looks at the dossier (null: none)'),
    duplicate,
  })
  .meta({ id: 'JudicialDecisionOutcome' });

export const insolvencyOutcomeSchema = z
  .object({
    dossierId: z.string(),
    declareBy: day
      .nullable()
      .describe(
        'Last day to declare the claim to the mandataire (BODACC publication + 2 months, C.com. R622-24)',
      ),
    recommendation: path.nullable().describe("The judicial review's path after this (null: not in review)"),
    duplicate,
  })
  .meta({ id: 'InsolvencyOutcome' });
