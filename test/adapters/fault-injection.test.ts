import { describe, expect, it } from 'vitest';
import {
  type FaultOutcome,
  FaultPlan,
  type FaultSource,
  type FaultTarget,
  InjectedFault,
} from '../../infra/local/faults/fault-plan';
import { faultyLauncher, faultyRepository, withFault } from '../../infra/local/faults/faulty-ports';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { ConflictError } from '../../shared/domain/errors';
import type { EscalationInput, EscalationPage } from '../../shared/use-cases/ports';
import { aDossier } from '../support/builders';
import { useDynalite } from '../support/dynalite';

/** Outcomes played in order, whatever the call: a test says exactly which attempt fails how. */
function scripted(...outcomes: FaultOutcome[]): FaultSource & { escapes: number } {
  return {
    attempts: 3,
    escapes: 0,
    draw: () => outcomes.shift() ?? 'pass',
    escaped() {
      this.escapes++;
    },
  };
}

describe('FaultPlan', () => {
  it('draws the same faults for the same calls from the same seed, whatever their order', () => {
    const calls = Array.from({ length: 200 }, (_, i) => ({ dossierId: `D${i}` }));
    const run = (order: typeof calls, seed: number) => {
      const plan = new FaultPlan({ rate: 0.2, seed });
      return new Map(order.map((call) => [call.dossierId, plan.draw('email', 'sendEmail', [call])]));
    };
    const forward = run(calls, 7);
    expect(run([...calls].reverse(), 7)).toEqual(forward);
    expect(run(calls, 8)).not.toEqual(forward);
  });

  it('fails about the fraction asked, half of them time-outs, and only the targets chosen', () => {
    const plan = new FaultPlan({ rate: 0.2, seed: 42, targets: ['sms'] });
    const outcomes = Array.from({ length: 10_000 }, (_, i) => plan.draw('sms', 'sendSms', [i]));
    const faults = outcomes.filter((o) => o !== 'pass').length;
    expect(faults / outcomes.length).toBeGreaterThan(0.18);
    expect(faults / outcomes.length).toBeLessThan(0.22);
    expect(outcomes.filter((o) => o === 'timeout').length / faults).toBeGreaterThan(0.4);
    expect(Array.from({ length: 1000 }, (_, i) => plan.draw('email', 'sendEmail', [i]))).not.toContain(
      'fail',
    );
  });

  it('refuses a rate outside 0..1 and an unknown target', () => {
    expect(() => new FaultPlan({ rate: 1.5, seed: 1 })).toThrow(/rate/);
    expect(() => new FaultPlan({ rate: 0.1, seed: 1, targets: ['fax' as FaultTarget] })).toThrow(/fax/);
  });
});

describe('withFault', () => {
  it('a time-out makes the call, then fails it; the retry makes it again, as the SDK does', async () => {
    const plan = scripted('timeout', 'pass');
    let calls = 0;
    expect(await withFault(plan, 'email', 'sendEmail', [], async () => ++calls)).toBe(2);
    expect(calls).toBe(2);
  });

  it('a fault left after every attempt reaches the caller with the service error name', async () => {
    const plan = scripted('fail', 'fail', 'fail');
    let calls = 0;
    const attempt = withFault(plan, 'dynamodb-writes', 'saveDossier', [], async () => ++calls);
    await expect(attempt).rejects.toBeInstanceOf(InjectedFault);
    await expect(attempt).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    expect(calls).toBe(0);
    expect(plan.escapes).toBe(1);
  });

  it('StartExecution: a timed-out start runs, its retry runs again; a refused one is named after the others ran', async () => {
    const started: string[] = [];
    const launcher = faultyLauncher(
      {
        start: async (inputs: EscalationInput[]) => void started.push(...inputs.map((i) => i.dossierId)),
        startPages: async () => undefined,
      },
      scripted('timeout', 'pass', 'fail', 'fail', 'fail', 'pass'),
    );
    const input = (dossierId: string) => ({ tenantId: 't', dossierId, asOf: '2026-03-12T08:00:00.000Z' });
    await expect(launcher.start([input('A'), input('B'), input('C')])).rejects.toThrow(
      /1 escalation steps not started/,
    );
    expect(started).toEqual(['A', 'A', 'C']);
  });

  it('StartExecution per page: a refused page names all its dossiers, the other pages ran', async () => {
    const started: string[][] = [];
    const launcher = faultyLauncher(
      {
        start: async () => undefined,
        startPages: async (pages: EscalationPage[]) =>
          void started.push(...pages.map((p) => p.dossiers.map((d) => d.dossierId))),
      },
      scripted('fail', 'fail', 'fail', 'pass'),
    );
    const page = (...ids: string[]) => ({
      asOf: '2026-03-12T08:00:00.000Z',
      dossiers: ids.map((dossierId) => ({ tenantId: 't', dossierId })),
    });
    await expect(launcher.startPages([page('A', 'B'), page('C')])).rejects.toThrow(
      /2 escalation steps not started/,
    );
    expect(started).toEqual([['C']]);
  });
});

describe('a conditional write whose answer was lost, retried (own-write.ts)', () => {
  let repository: DynamoDossierRepository;
  useDynalite((dynamo) => {
    repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, 2);
  });

  it('createDossier: the retry finds its own item and reports it created, not somebody else’s', async () => {
    const faulty = faultyRepository(repository, scripted('timeout', 'pass'));
    expect(await faulty.createDossier(aDossier({ tenantId: 'own', dossierId: 'DOS-1' }))).toBe(true);
    // A genuinely different dossier under the same id is still refused.
    expect(
      await repository.createDossier(aDossier({ tenantId: 'own', dossierId: 'DOS-1', scenarioId: 'x' })),
    ).toBe(false);
  });

  it('saveDossier: the retry of a landed write succeeds; a real concurrent change is still a conflict', async () => {
    const dossier = (await repository.getDossier('own', 'DOS-1'))!;
    const faulty = faultyRepository(repository, scripted('timeout', 'pass'));
    await faulty.saveDossier({ ...dossier, nextActionOn: '2026-03-20', version: dossier.version + 1 });
    expect((await repository.getDossier('own', 'DOS-1'))?.nextActionOn).toBe('2026-03-20');
    await expect(
      repository.saveDossier({ ...dossier, nextActionOn: '2026-03-21', version: dossier.version + 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('appendEvent: an existing event stays "already there", even one of our own attempts (the caller reads its state)', async () => {
    const faulty = faultyRepository(repository, scripted('timeout', 'pass'));
    const event = {
      tenantId: 'own',
      dossierId: 'DOS-1',
      eventId: '2026-03-12#ACT#reminder-1#email',
      type: 'action-sent' as const,
      at: '2026-03-12T08:00:00.000Z',
      day: '2026-03-12',
      actor: 'pipeline' as const,
      state: 'pending' as const,
    };
    expect(await faulty.appendEvent(event)).toBe(false);
    expect((await repository.getEvent('own', 'DOS-1', event.eventId))?.state).toBe('pending');
  });
});
