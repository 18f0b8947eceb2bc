import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosPassed, compareRuns } from '../../infra/local/faults/chaos-check';
import { type ChaosRun, runChaos } from '../../infra/local/faults/chaos-run';
import type { OutboxIndexLine } from '../../shared/adapters/local/outbox-messenger';

/**
 * The demo at 20 % injected faults on every adapter (DynamoDB writes, S3, e-mail, SMS, letters,
 * registered mail, StartExecution) against the fault-free run of the same seed: nothing sent twice,
 * nothing lost, the same money and statuses. One seed over 30 days keeps CI short; the three
 * seeds over 120 days are measured with `recouvrement chaos-check` (docs/reliability.md).
 */
const ROOT = join(import.meta.dirname, '..', '..');
let outDir: string;
let chaos: ChaosRun;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-chaos-'));
  chaos = await runChaos({
    invoicesFile: join(ROOT, 'samples', 'invoices.csv'),
    tenantFile: join(ROOT, 'samples', 'tenant.json'),
    outDir,
    start: '2026-01-05',
    days: 30,
    seed: 42,
    rate: 0.2,
  });
}, 300_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('chaos: 20 % faults, seed 42, 30 days', () => {
  it('injected faults of both kinds on every target, and some got past the SDK-like retries', () => {
    const injected = chaos.faulty.faults!.injected;
    for (const target of ['dynamodb-writes', 'blobs', 'email', 'letters', 'start-execution'])
      expect(injected[target]!.failures + injected[target]!.timeouts, target).toBeGreaterThan(0);
    const escaped = Object.values(injected).reduce((sum, counts) => sum + counts.escaped, 0);
    expect(escaped).toBeGreaterThan(0);
  });

  it('sends no message twice, loses no due action, ends with the same balances and statuses', () => {
    expect(chaos.report.duplicates).toEqual([]);
    expect(chaos.report.lost).toEqual([]);
    expect(chaos.report.diverged).toEqual([]);
    expect(chaos.report.messages.faulty).toBeGreaterThan(30);
  });
});

describe('the checker', () => {
  const line = (dossierId: string, level: string, channel: OutboxIndexLine['channel'], day: string) =>
    ({
      at: `${day}T07:00:00.000Z`,
      channel,
      tenantId: 't',
      dossierId,
      debtorId: 'x',
      level,
      template: level,
      file: '',
      key: '',
    }) as OutboxIndexLine;
  const summary = (outstandingCents: number) => ({
    dossiers: [
      { dossierId: 'D1', outcome: 'open', outstandingCents, recoveredCents: 100 - outstandingCents },
    ],
  });
  const clean = {
    outbox: [line('D1', 'reminder-2', 'email', '2026-03-12'), line('D1', 'reminder-2', 'sms', '2026-03-12')],
    summary: summary(100),
  };

  it('finds the reminder sent again the next day, the SMS never sent, a different balance', () => {
    const report = compareRuns(clean, {
      outbox: [
        line('D1', 'reminder-2', 'email', '2026-03-12'),
        line('D1', 'reminder-2', 'email', '2026-03-13'),
      ],
      summary: summary(60),
    });
    expect(report.duplicates.map((f) => f.what)).toEqual(['D1|reminder-2|email: 1 without faults, 2 with']);
    expect(report.lost.map((f) => f.what)).toEqual(['D1|reminder-2|sms: 1 without faults, 0 with']);
    expect(report.diverged.map((f) => f.what)).toEqual([
      'outstandingCents: 100 without faults, 60 with',
      'recoveredCents: 0 without faults, 40 with',
    ]);
    expect(chaosPassed(report)).toBe(false);
  });

  it('takes an action done a day later as delayed, not lost', () => {
    const report = compareRuns(clean, {
      outbox: [
        line('D1', 'reminder-2', 'email', '2026-03-12'),
        line('D1', 'reminder-2', 'sms', '2026-03-14'),
      ],
      summary: summary(100),
    });
    expect(chaosPassed(report)).toBe(true);
    expect(report.delayed).toBe(1);
  });

  it('reports an action the clean run never needed as extra, not as a duplicate', () => {
    // A step failed for good, the calendar moved: a warning the clean run never sent became due.
    const report = compareRuns(clean, {
      outbox: [...clean.outbox, line('D1', 'prescription-warning', 'email', '2026-03-20')],
      summary: summary(100),
    });
    expect(report.extra.map((f) => f.what)).toEqual([
      'D1|prescription-warning|email: 0 without faults, 1 with',
    ]);
    expect(report.duplicates).toEqual([]);
    expect(chaosPassed(report)).toBe(true);
  });
});
