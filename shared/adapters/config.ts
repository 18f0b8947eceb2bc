import * as z from 'zod';
import { DEFAULT_SHARD_COUNT } from './dynamodb/table-schema';

/**
 * Lambda configuration, parsed once at module load: a missing variable fails the
 * cold start with a clear message instead of the first request.
 * Names are the contract with infra/aws (the stateless stack sets them).
 */
const lambdaEnv = z.object({
  TABLE_NAME: z.string().min(1),
  SHARD_COUNT: z.coerce.number().int().min(1).max(1000).default(DEFAULT_SHARD_COUNT),
  DOCUMENTS_BUCKET: z.string().min(1).optional(),
  INTAKE_BUCKET: z.string().min(1).optional(),
  /** Operators' data that changes without a release: `rates/overrides.json` (docs/legal.md §2). */
  CONFIG_BUCKET: z.string().min(1).optional(),
  SENDER_EMAIL: z.string().email().optional(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  SMS_SENDER_ID: z.string().min(1).max(11).optional(),
  ESCALATION_STATE_MACHINE_ARN: z.string().min(1).optional(),
  /** The judicial sweep starts one judicial step (statemachines/judicial-step.asl.json) per due dossier. */
  JUDICIAL_STEP_STATE_MACHINE_ARN: z.string().min(1).optional(),
  /**
   * Registered-mail (LRAR) provider: its API's base URL and the NAME of the Secrets Manager secret
   * holding `{"apiKey", "webhookSecret"}` (the key is read at run time, never put here). Without
   * both, formal notices are posted by hand: a `registered-letter` task for a person.
   */
  REGISTERED_MAIL_URL: z.string().url().optional(),
  REGISTERED_MAIL_SECRET_NAME: z.string().min(1).max(512).optional(),
  /** Failed escalation steps in a row before a dossier is parked for a person (tenant may override). */
  STUCK_AFTER_FAILURES: z.coerce.number().int().min(1).max(30).default(3),
  /** Dossiers one sweep page task dispatches before handing back a cursor. */
  DISPATCH_BATCH: z.coerce.number().int().min(1).max(50_000).default(2_000),
  /**
   * Due dossiers per escalation execution (one page: decided, acted on, recorded together). At most
   * 100: the page's decisions stay far below the 256 KB state payload (docs/scaling.md).
   */
  STEP_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(50),
  /** StartExecution calls a page task keeps in flight (the sweep's start rate, docs/scaling.md). */
  STARTS_IN_FLIGHT: z.coerce.number().int().min(1).max(500).default(20),
});

export type LambdaConfig = z.infer<typeof lambdaEnv>;

export function readLambdaConfig(env: NodeJS.ProcessEnv = process.env): LambdaConfig {
  const parsed = lambdaEnv.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`invalid Lambda environment: ${fields}`);
  }
  return parsed.data;
}

export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`missing environment variable ${name}`);
  return value;
}
