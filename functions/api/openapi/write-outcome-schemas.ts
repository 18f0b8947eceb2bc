import * as z from 'zod';
import { CALL_OUTCOMES } from '../../../shared/domain/call-outcome';

/**
 * What the write routes answer, one schema per use case's return type (record-payment's
 * PaymentOutcome, record-call-outcome's CallOutcomeResult, …), for the OpenAPI document. Plain
 * (closed) objects: a client may rely on every field, and test/api/write-responses.test.ts fails
 * when a route answers a field that is not here, or a schema drifts from its use case's type.
 */
const cents = z.number().int();
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('YYYY-MM-DD (Europe/Paris)');
/** null: no next action scheduled (the dossier is closed, disputed or parked). */
const nextActionOn = day.nullable();
const duplicate = z.boolean().describe('true: the same event was already recorded; nothing changed');

export const dossierStatusSchema = z.enum(['open', 'paid', 'disputed', 'prescribed', 'judicial', 'closed']);

export const paymentOutcomeSchema = z
  .object({
    dossierId: z.string(),
    appliedCents: cents.describe('The part of this payment imputed to the debts'),
    creditCents: cents.describe("The dossier's credit after this payment (paid beyond what is owed)"),
    waivedCents: cents.describe('Accessories waived when the principal was paid (payment policy)'),
    outstandingCents: cents.describe('Everything claimed still due today'),
    status: dossierStatusSchema,
    duplicate,
  })
  .meta({ id: 'PaymentOutcome' });

export const disputeOutcomeSchema = z
  .object({ dossierId: z.string(), status: dossierStatusSchema })
  .meta({ id: 'DisputeOutcome' });

export const optOutOutcomeSchema = z
  .object({
    dossierId: z.string(),
    optOuts: z.array(z.string()).describe('Every channel the debtor opted out of (email, sms, call)'),
  })
  .meta({ id: 'OptOutOutcome' });

export const callOutcomeResultSchema = z
  .object({
    taskId: z.string(),
    dossierId: z.string(),
    outcome: z.enum(CALL_OUTCOMES),
    status: dossierStatusSchema,
    nextActionOn,
    duplicate,
  })
  .meta({ id: 'CallOutcomeResult' });

export const letterPostingOutcomeSchema = z
  .object({ letterRef: z.string(), postedOn: day, nextActionOn, duplicate })
  .meta({ id: 'LetterPostingOutcome' });

export const letterReceiptOutcomeSchema = z
  .object({
    letterRef: z.string(),
    status: z.enum(['delivered', 'returned']),
    day: day.describe('Delivery, or first presentation of a returned letter: the deadline runs from it'),
    nextActionOn,
    duplicate,
  })
  .meta({ id: 'LetterReceiptOutcome' });

export const resumeOutcomeSchema = z
  .object({
    dossierId: z.string(),
    resumed: z.boolean().describe('false: the dossier was not parked; nothing changed'),
    nextActionOn,
  })
  .meta({ id: 'ResumeOutcome' });
