import { describe, expect, it } from 'vitest';
import type { LocalStateMachine } from '../../infra/local/asl-runner';
import {
  LaunchesInterruptedError,
  LocalEscalationLauncher,
} from '../../infra/local/local-escalation-launcher';
import type { EscalationInput, EscalationPage } from '../../shared/use-cases/ports';
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
    // A dossier's step (judicial machine) or a page's (escalation machine): named by its first dossier.
    run: async (input: EscalationInput | EscalationPage) => {
      const name = 'dossiers' in input ? input.dossiers[0]!.dossierId : input.dossierId;
      started.push(name);
      await gate;
      finished.push(name);
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

  it('pages: the pages in flight finish whole, no other page starts; the stats count dossiers and executions', async () => {
    const launcher = new LocalEscalationLauncher(new RecordingLogger(), 2);
    const gated = gatedMachine();
    launcher.machine = gated.machine;
    // Five pages of three dossiers (P0-0..P4-2).
    const pages: EscalationPage[] = Array.from({ length: 5 }, (_, p) => ({
      asOf: '2026-01-05T07:00:00Z',
      dossiers: Array.from({ length: 3 }, (_, d) => ({ tenantId: 't', dossierId: `P${p}-${d}` })),
    }));
    const launch = launcher.startPages(pages);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gated.started).toEqual(['P0-0', 'P1-0']);

    launcher.interrupt();
    gated.open();
    await expect(launch).rejects.toBeInstanceOf(LaunchesInterruptedError);
    expect(gated.finished).toEqual(['P0-0', 'P1-0']);
    expect(launcher.stats).toEqual({ started: 6, failed: 0, executions: 2 });
    expect(launcher.takeStepped().map((ref) => ref.dossierId)).toEqual([
      'P0-0',
      'P0-1',
      'P0-2',
      'P1-0',
      'P1-1',
      'P1-2',
    ]);
  });
});
