import type { EscalationInput, EscalationLauncher, Logger } from '../../shared/use-cases/ports';
import type { LocalStateMachine } from './asl-runner';

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

  constructor(
    private readonly logger: Logger,
    private readonly concurrency = 8,
  ) {}

  async start(inputs: EscalationInput[]): Promise<void> {
    const machine = this.machine;
    if (!machine) throw new Error('escalation state machine not attached');
    let next = 0;
    const worker = async () => {
      while (next < inputs.length) {
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
  }

  /** The dossiers stepped since the previous call (each once), and forgets them. */
  takeStepped(): { tenantId: string; dossierId: string }[] {
    const stepped = [...this.stepped.values()];
    this.stepped.clear();
    return stepped;
  }
}
