import { safeErrorName } from '../../shared/use-cases/escalation/error-name';
import type {
  DossierRef,
  EscalationInput,
  EscalationLauncher,
  EscalationPage,
  Logger,
} from '../../shared/use-cases/ports';
import type { LocalStateMachine } from './asl-runner';

/**
 * The launches were interrupted (`serve` is stopping): the steps in flight finished, the others
 * were not started. Thrown so the sweep's task fails rather than reporting its shard done.
 */
export class LaunchesInterruptedError extends Error {
  override name = 'LaunchesInterruptedError';
}

export interface LaunchStats {
  /** Dossiers whose step started. */
  started: number;
  /** Dossiers whose step failed: a whole execution that failed, or a dossier its page reported failed. */
  failed: number;
  /** Executions run: one per dossier (`start`), one per page (`startPages`). */
  executions: number;
}

/** The part of the escalation's output a launcher reads: RecordPage's dossiers that failed. */
interface PageOutput {
  recorded?: { failed?: { tenantId: string; dossierId: string; errorKind: string }[] };
}

/**
 * The embedded twin of SfnEscalationLauncher: runs the escalation ASL for each page of dossiers
 * (or the judicial ASL for each dossier), a few at a time. On AWS, StartExecution returns at once and a failed step only shows in its execution;
 * here the sweep waits for its steps, so one simulated morning finishes before the next begins.
 * A failed step is counted and logged, never thrown: like on AWS, it must not stop the sweep.
 */
export class LocalEscalationLauncher implements EscalationLauncher {
  machine: LocalStateMachine | undefined;
  readonly stats: LaunchStats = { started: 0, failed: 0, executions: 0 };
  /** Dossiers stepped since the last `takeStepped()`: what a simulation re-reads, instead of every dossier. */
  private stepped = new Map<string, { tenantId: string; dossierId: string }>();
  private interruptedFlag = false;

  constructor(
    private readonly logger: Logger,
    private readonly concurrency = 8,
  ) {}

  /** One execution per dossier (the judicial step). */
  async start(inputs: EscalationInput[]): Promise<void> {
    await this.runAll(
      inputs.map((input) => ({
        input,
        dossiers: [{ tenantId: input.tenantId, dossierId: input.dossierId }],
      })),
    );
  }

  /** One execution per page (the escalation step): its dossiers decided, acted on, recorded together. */
  async startPages(pages: EscalationPage[]): Promise<void> {
    await this.runAll(
      pages.map((page) => ({ input: { asOf: page.asOf, dossiers: page.dossiers }, dossiers: page.dossiers })),
    );
  }

  private async runAll(runs: { input: unknown; dossiers: DossierRef[] }[]): Promise<void> {
    const machine = this.machine;
    if (!machine) throw new Error('escalation state machine not attached');
    let next = 0;
    const worker = async () => {
      while (next < runs.length && !this.interruptedFlag) {
        const { input, dossiers } = runs[next++]!;
        this.stats.executions++;
        this.stats.started += dossiers.length;
        for (const ref of dossiers)
          this.stepped.set(`${ref.tenantId}#${ref.dossierId}`, {
            tenantId: ref.tenantId,
            dossierId: ref.dossierId,
          });
        try {
          const output = (await machine.run(input)) as PageOutput | undefined;
          // A page reports its dossiers that failed without failing: each counted, by name only.
          for (const failed of output?.recorded?.failed ?? []) {
            this.stats.failed++;
            this.logger.error('escalation step failed', { ...failed });
          }
        } catch (error) {
          this.stats.failed += dossiers.length;
          this.logger.error('escalation step failed', {
            dossiers: dossiers.length,
            ...(dossiers.length === 1 ? { ...dossiers[0] } : {}),
            // The name only: a provider's message may quote an address or a number.
            error: safeErrorName((error as Error)?.name),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, runs.length) }, worker));
    if (this.interruptedFlag && next < runs.length)
      throw new LaunchesInterruptedError(`${runs.length - next} escalation executions not started`);
  }

  /**
   * `serve` is stopping: each execution in flight (a page) finishes (a step is the unit that must
   * not be cut: it sends, then records), no other one starts. Each dossier left keeps its next action on its
   * day, so the next start's catch-up of the unfinished sweep steps it; those already stepped are
   * not due again, and a step replayed is idempotent per (dossier, day, level).
   */
  interrupt(): void {
    this.interruptedFlag = true;
  }

  get interrupted(): boolean {
    return this.interruptedFlag;
  }

  /** The dossiers stepped since the previous call (each once), and forgets them. */
  takeStepped(): { tenantId: string; dossierId: string }[] {
    const stepped = [...this.stepped.values()];
    this.stepped.clear();
    return stepped;
  }
}
