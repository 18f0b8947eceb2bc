import { describe, expect, it } from 'vitest';
import type { LocalStateMachine } from '../../infra/local/asl-runner';
import {
  LaunchesInterruptedError,
  LocalEscalationLauncher,
} from '../../infra/local/local-escalation-launcher';
import type { EscalationInput } from '../../shared/use-cases/ports';
import { RecordingLogger } from '../support/recording-ports';

/**
 * `serve` stopping during the overdue sweep: the escalation steps in flight finish (a step sends,
 * then records: it is never cut), no other step starts, and the sweep's task fails so the run is
 * left for the next start's catch-up (test/serve/serve-stop.test.ts drives it through serve).
 */
const inputs = (n: number): EscalationInput[] =>
  Array.from({ length: n }, (_, i) => ({
    tenantId: 't',
    dossierId: `DOS-${i}`,
    asOf: '2026-01-05T07:00:00Z',
  }));

function gatedMachine() {
  const started: string[] = [];
  const finished: string[] = [];
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const machine = {
    run: async (input: EscalationInput) => {
      started.push(input.dossierId);
      await gate;
      finished.push(input.dossierId);
      return {};
    },
  } as unknown as LocalStateMachine;
  return { machine, started, finished, open: () => open() };
}

describe('the embedded escalation launcher, interrupted', () => {
  it('lets the steps in flight finish, starts no other, and fails the launch', async () => {
    const launcher = new LocalEscalationLauncher(new RecordingLogger(), 3);
    const gated = gatedMachine();
    launcher.machine = gated.machine;
    const launch = launcher.start(inputs(10));
    await new Promise((resolve) => setImmediate(resolve));
    expect(gated.started).toEqual(['DOS-0', 'DOS-1', 'DOS-2']);

    launcher.interrupt();
    gated.open();
    await expect(launch).rejects.toBeInstanceOf(LaunchesInterruptedError);
    expect(gated.finished).toEqual(['DOS-0', 'DOS-1', 'DOS-2']);
    expect(gated.started).toHaveLength(3);
    expect(launcher.interrupted).toBe(true);
    // A later page of the same sweep starts nothing either.
    await expect(launcher.start(inputs(2))).rejects.toBeInstanceOf(LaunchesInterruptedError);
    expect(gated.started).toHaveLength(3);
  });

  it('is not interrupted otherwise: every step runs', async () => {
    const launcher = new LocalEscalationLauncher(new RecordingLogger(), 3);
    const gated = gatedMachine();
    launcher.machine = gated.machine;
    gated.open();
    await launcher.start(inputs(10));
    expect(gated.finished).toHaveLength(10);
    expect(launcher.interrupted).toBe(false);
  });
});
