import * as z from 'zod';
import { isLocalDate, type LocalDate } from '../../domain/calendar';
import type { EscalationAction, StepDecision } from '../../domain/escalation';
import { safeErrorName } from './error-name';

/**
 * Shapes of the payloads the state machines hand to the step functions. The ASL builds them,
 * so a mismatch is a deployment bug: it fails loudly (ValidationError) instead of acting on junk.
 */
const localDate = z
  .string()
  .refine(isLocalDate, 'not a date (YYYY-MM-DD)') as unknown as z.ZodType<LocalDate>;
const instant = z.iso.datetime({ offset: true });

export const escalationInputSchema = z.object({
  tenantId: z.string().min(1),
  dossierId: z.string().min(1),
  asOf: instant,
});

const actionSchema = z.looseObject({
  level: z.string().min(1),
  levelKind: z.enum(['reminder', 'formal-notice', 'judicial-review']),
  channel: z.enum(['email', 'sms', 'letter', 'call']),
  template: z.string().min(1),
  tone: z.enum(['courteous', 'firm', 'formal']),
  day: localDate,
  paymentDeadlineDays: z.number().int().positive().optional(),
  /** The level's first claim on this channel, when a step before today made it (level-claims.ts). */
  claimDay: localDate.optional(),
});

export const actInputSchema = escalationInputSchema.extend({ action: actionSchema });

export const recordInputSchema = escalationInputSchema.extend({
  decision: z.looseObject({ kind: z.enum(['act', 'stop', 'reschedule', 'none']), day: localDate }),
});

export const sweepPageInputSchema = z
  .object({
    /** One shard: what a sweep execution started before shard groups still sends. */
    shard: z.number().int().min(0).optional(),
    /** The group of shards one page task walks (sweeps/shard-walk.ts), in the order it walks them. */
    shards: z
      .array(z.number().int().min(0))
      .min(1)
      .refine((shards) => new Set(shards).size === shards.length, 'a shard appears twice')
      .optional(),
    asOf: instant,
    /** `<shard>:<key>` (shard-walk.ts); a bare key is one of the first shard. */
    cursor: z.string().min(1).nullable().default(null),
    /** The overdue sweep's wait for the contact window: its steps decide as of asOf + holdSeconds. */
    holdSeconds: z.number().int().min(0).max(86_400).default(0),
  })
  .superRefine((input, context) => {
    if ((input.shard === undefined) === (input.shards === undefined))
      context.addIssue({ code: 'custom', path: ['shards'], message: 'give either shard or shards' });
  })
  .transform(({ shard, shards, ...rest }) => ({ ...rest, shards: shards ?? [shard ?? 0] }));

export type ActInput = Omit<z.infer<typeof actInputSchema>, 'action'> & { action: EscalationAction };
export type RecordInput = Omit<z.infer<typeof recordInputSchema>, 'decision'> & { decision: StepDecision };

/**
 * What the escalation's Catch hands the failure task: the error's name (`$.error.Error`, a class
 * such as `RegisteredMailError` or `States.Timeout`), never its Cause, which may quote a message
 * built from the dossier. Anything that does not look like a name is reduced to `unknown`.
 */
export const failureInputSchema = escalationInputSchema.extend({
  errorKind: z.string().optional().transform(safeErrorName),
});
export type FailureInput = z.infer<typeof failureInputSchema>;
