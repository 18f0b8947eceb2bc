import type { EscalationInput, EscalationLauncher, Logger } from '../../shared/use-cases/ports';
import type { LocalStateMachine } from './asl-runner';

/**
 * The launches were interrupted (`serve` is stopping): the steps in flight finished, the others
 * were not started. Thrown so the sweep's task fails rather than reporting its shard done.
 */
export class LaunchesInterruptedError extends Error {
  override name = 'LaunchesInterruptedError';
}

export interface LaunchStats {
  started: number;
  failed: number;
}

/**
 * The embedded twin of SfnEscalationLauncher: runs the escalation ASL for each dossier, a few at
 * a time. On AWS, StartExecution returns at once and a failed step only shows in its execution;
 * here the sweep waits for its steps, so one simulated morning finishes before the next begins.
 * A failed step is counted and logged, never thrown: like on AWS, it must not stop the sweep.
 */
export class LocalEscalationLauncher implements EscalationLauncher {
  machine: LocalStateMachine | undefined;
  readonly stats: LaunchStats = { started: 0, failed: 0 };
  /** Dossiers stepped since the last `takeStepped()`: what a simulation re-reads, instead of every dossier. */
  private stepped = new Map<string, { tenantId: string; dossierId: string }>();
  private interruptedFlag = false;

  constructor(
    private readonly logger: Logger,
    private readonly concurrency = 8,
  ) {}

  async start(inputs: EscalationInput[]): Promise<void> {
    const machine = this.machine;
    if (!machine) throw new Error('escalation state machine not attached');
    let next = 0;
    const worker = async () => {
      while (next < inputs.length && !this.interruptedFlag) {
        const input = inputs[next++]!;
        this.stats.started++;
        this.stepped.set(`${input.tenantId}#${input.dossierId}`, {
          tenantId: input.tenantId,
          dossierId: input.dossierId,
        });
        try {
          await machine.run(input);
        } catch (error) {
          this.stats.failed++;
          this.logger.error('escalation step failed', {
            tenantId: input.tenantId,
            dossierId: input.dossierId,
            error: (error as Error).name,
            cause: (error as Error).message,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, inputs.length) }, worker));
    if (this.interruptedFlag && next < inputs.length)
      throw new LaunchesInterruptedError(`${inputs.length - next} escalation steps not started`);
  }

  /**
   * `serve` is stopping: each step in flight finishes (a step is the unit that must not be cut:
   * it sends, then records), no other one starts. Each dossier left keeps its next action on its
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
