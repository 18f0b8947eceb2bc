import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { parisDate } from '../../domain/calendar';
import { RecouvrementError } from '../../domain/errors';
import type { EscalationInput, EscalationLauncher, EscalationPage } from '../../use-cases/ports';
import { sha256Hex } from '../message-files';

export interface SfnEscalationLauncherOptions {
  stateMachineArn: string;
  /** Starts in flight at once: enough to drain a sweep page fast, few enough not to trip StartExecution throttling. */
  concurrency?: number;
  /** Attempts per start, throttling included, with the SDK's standard retry (exponential backoff, jitter). */
  maxAttempts?: number;
  client?: SFNClient;
}

/** Some escalation steps could not be started; names dossier ids only. */
export class EscalationStartError extends RecouvrementError {
  constructor(
    readonly failedDossierIds: string[],
    total: number,
    options?: { cause?: unknown },
  ) {
    const shown = failedDossierIds.slice(0, 50).join(', ');
    const more = failedDossierIds.length > 50 ? ` and ${failedDossierIds.length - 50} more` : '';
    super(`${failedDossierIds.length} of ${total} escalation starts failed: ${shown}${more}`, options);
  }
}

const MAX_NAME = 80;
const HASH_LENGTH = 12;

/**
 * `<tenant>_<dossier>-<yyyymmdd>-<hash>` (Paris day of the sweep), limited to the
 * characters and length Step Functions accepts. The readable part is for tracing;
 * the hash of the exact (tenant, dossier) pair keeps names distinct where the readable
 * part is not: dossier ids repeat across tenants (they derive from the creditor's
 * customer reference), and sanitising or truncating can merge two ids. On a STANDARD
 * machine a shared name would make the second start fail with ExecutionAlreadyExists,
 * which is taken for "already started": that dossier would silently skip its step.
 * For an EXPRESS machine the name is for tracing only (Express does not reject a
 * duplicate name): the step itself is idempotent per dossier, day and level.
 */
export function executionName(input: EscalationInput): string {
  const day = parisDate(input.asOf).replaceAll('-', '');
  const hash = sha256Hex(`${input.tenantId}\u0000${input.dossierId}`).slice(0, HASH_LENGTH);
  const room = MAX_NAME - day.length - hash.length - 2;
  const readable = `${input.tenantId}_${input.dossierId}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, room);
  return `${readable}-${day}-${hash}`;
}

/**
 * `page-<yyyymmdd>-s<shard>-<hash>`: the Paris day and shard of the sweep for tracing, the hash of
 * the page's exact (tenant, dossier) pairs so two pages of a day never share a name (a STANDARD
 * machine would take the second for "already started"); the same page started twice gets the
 * same name. At most 80 characters of [A-Za-z0-9_-], as Step Functions accepts.
 */
export function pageExecutionName(page: EscalationPage): string {
  const day = parisDate(page.asOf).replaceAll('-', '');
  const ids = page.dossiers.map((d) => `${d.tenantId}\u0000${d.dossierId}`).join('\u0001');
  const hash = sha256Hex(ids).slice(0, 24);
  return `page-${day}-s${page.shard ?? 'x'}-${hash}`.slice(0, MAX_NAME);
}

/**
 * EscalationLauncher over Step Functions, a bounded number of StartExecution calls at a time: one
 * per page of due dossiers (escalation step), or one per dossier (judicial step).
 */
export class SfnEscalationLauncher implements EscalationLauncher {
  readonly client: SFNClient;
  private readonly stateMachineArn: string;
  private readonly concurrency: number;

  constructor(options: SfnEscalationLauncherOptions) {
    this.stateMachineArn = options.stateMachineArn;
    this.concurrency = Math.max(1, options.concurrency ?? 20);
    this.client =
      options.client ?? new SFNClient({ maxAttempts: options.maxAttempts ?? 8, retryMode: 'standard' });
  }

  /** Starts every input; one failure does not stop the others, and all failures are reported together. */
  async start(inputs: EscalationInput[]): Promise<void> {
    await this.startAll(
      inputs.map((input) => ({
        name: executionName(input),
        payload: { tenantId: input.tenantId, dossierId: input.dossierId, asOf: input.asOf },
        dossierIds: [input.dossierId],
      })),
    );
  }

  /** One execution per page; a page that could not start names all its dossiers in the error. */
  async startPages(pages: EscalationPage[]): Promise<void> {
    await this.startAll(
      pages.map((page) => ({
        name: pageExecutionName(page),
        payload: { asOf: page.asOf, dossiers: page.dossiers },
        dossierIds: page.dossiers.map((d) => d.dossierId),
      })),
    );
  }

  private async startAll(starts: { name: string; payload: unknown; dossierIds: string[] }[]): Promise<void> {
    const failed: string[] = [];
    let firstError: unknown;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < starts.length) {
        const start = starts[next++]!;
        try {
          await this.startOne(start.name, start.payload);
        } catch (error) {
          failed.push(...start.dossierIds);
          firstError ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, starts.length) }, worker));
    const total = starts.reduce((sum, start) => sum + start.dossierIds.length, 0);
    if (failed.length > 0) throw new EscalationStartError(failed, total, { cause: firstError });
  }

  private async startOne(name: string, payload: unknown): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(payload),
        }),
      );
    } catch (error) {
      // A STANDARD machine rejects a name already used: that step was started, which is what we want.
      if ((error as { name?: string }).name === 'ExecutionAlreadyExists') return;
      throw error;
    }
  }
}
