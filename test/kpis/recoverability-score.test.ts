import { describe, expect, it } from 'vitest';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import type { Dossier } from '../../shared/domain/dossier';
import {
  expectedRecoveryCents,
  recoverabilityScore,
  SCORE_BASE,
} from '../../shared/domain/recoverability-score';
import { listCallTasks } from '../../shared/use-cases/tasks/list-call-tasks';
import { aDebtor, aDossier, anInvoice } from '../support/builders';
import { aCallTask } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { RecordingLogger } from '../support/recording-ports';

const TODAY = '2026-11-30';

const dossierDue = (dueDate: string, amountCents: number, overrides: Partial<Dossier> = {}) =>
  aDossier({ invoices: [anInvoice({ dueDate, amountCents })], ...overrides });

describe('recoverability score', () => {
  it('ranks a fresh small debt above an old large one, and a disputed one lowest', () => {
    const fresh = recoverabilityScore(dossierDue('2026-11-20', 30_000), TODAY);
    const old = recoverabilityScore(dossierDue('2025-09-01', 6_000_000), TODAY);
    const disputed = recoverabilityScore(dossierDue('2025-09-01', 6_000_000, { status: 'disputed' }), TODAY);
    expect(fresh.score).toBe(SCORE_BASE + 10 + 5);
    expect(old.score).toBe(SCORE_BASE - 30 - 10);
    expect(disputed.score).toBe(1);
    expect(fresh.score).toBeGreaterThan(old.score);
    expect(old.score).toBeGreaterThan(disputed.score);
  });

  it('explains itself: each factor that moved it, largest first, summing to the score', () => {
    const dossier = dossierDue('2026-06-01', 200_000, {
      debtor: aDebtor({ type: 'consumer', failingChannels: ['sms', 'call'] }),
      paymentHistory: { settledLadders: 3, lateLadders: 2 },
      payments: [
        {
          paymentId: 'P1',
          date: '2026-10-01',
          amountCents: 10_000,
          currency: 'EUR',
          receivedAt: '2026-10-01T09:00:00.000Z',
          imputation: {
            appliedCents: 10_000,
            creditCents: 0,
            invoices: ['F-2026-001'],
            closed: false,
            waivedInterestCents: 0,
            waivedIndemnityCents: 0,
          },
        },
      ],
      promises: [
        {
          promiseId: 'PR1',
          promisedOn: '2026-11-10',
          amountCents: 50_000,
          madeOn: '2026-11-01',
          levelIndex: 2,
          source: 'api',
        },
      ],
    });
    const result = recoverabilityScore(dossier, TODAY);
    expect(result.factors.map((f) => [f.factor, f.contribution])).toEqual([
      ['age', -20],
      ['promises', -15],
      ['channel-failures', -14],
      ['partial-payment', 10],
      ['payment-history', -10],
      ['debtor-type', -5],
    ]);
    expect(result.factors.find((f) => f.factor === 'promises')?.reason).toBe('0 promise(s) kept, 1 broken');
    expect(result.score).toBe(SCORE_BASE + result.factors.reduce((sum, f) => sum + f.contribution, 0));
    // Only reasons, never the debtor's data.
    expect(JSON.stringify(result)).not.toMatch(/Dupont|dupont\.example|Lilas|\+336/);
  });

  it('counts a promise kept by a payment between the promise and its day', () => {
    const promise = {
      promiseId: 'PR1',
      promisedOn: '2026-11-10',
      amountCents: 10_000,
      madeOn: '2026-11-01',
      levelIndex: 2,
      source: 'api' as const,
    };
    const payment = {
      paymentId: 'P1',
      date: '2026-11-08',
      amountCents: 10_000,
      currency: 'EUR' as const,
      receivedAt: '2026-11-08T09:00:00.000Z',
    };
    const kept = recoverabilityScore(
      dossierDue('2026-10-15', 100_000, { promises: [promise], payments: [payment] }),
      TODAY,
    );
    expect(kept.factors.find((f) => f.factor === 'promises')).toEqual({
      factor: 'promises',
      contribution: 10,
      reason: '1 promise(s) kept, 0 broken',
    });
  });
});

let repository: DynamoDossierRepository;
useDynalite((dynamo) => {
  repository = new DynamoDossierRepository(dynamo.client, dynamo.tableName, 4);
});

describe('the score stored and used', () => {
  it('is stored on the dossier at each write, as of that write', async () => {
    const dossier = dossierDue('2026-11-01', 120_000, {
      tenantId: 'score-t',
      dossierId: 'DOS-S',
      updatedAt: '2026-11-30T09:00:00.000Z',
    });
    await repository.createDossier(dossier);
    const stored = await repository.getDossier('score-t', 'DOS-S');
    expect(stored?.score).toEqual({
      score: 70,
      base: SCORE_BASE,
      factors: [{ factor: 'age', contribution: 10, reason: '29 days late: fresh debt' }],
      computedOn: '2026-11-30',
      model: 'grid-2026-11',
    });
    await repository.saveDossier({ ...stored!, status: 'paid', version: 2 });
    expect(await repository.getDossier('score-t', 'DOS-S')).not.toHaveProperty('score');
  });

  it('orders the call queue by expected recovery, not by amount alone', async () => {
    const tenantId = 'score-queue';
    // A large debt over a year old that the phone no longer reaches, and a smaller fresh one.
    const large = dossierDue('2025-10-01', 1_000_000, {
      tenantId,
      dossierId: 'DOS-LARGE',
      debtor: aDebtor({ failingChannels: ['sms'] }),
    });
    const fresh = dossierDue('2026-11-15', 500_000, { tenantId, dossierId: 'DOS-FRESH' });
    for (const dossier of [large, fresh]) {
      await repository.createDossier(dossier);
      // Tasks written before the score existed: priority = outstanding, so the index reads LARGE first.
      await repository.putTask(aCallTask(dossier, { priority: dossier.invoices[0]!.amountCents }));
    }
    expect(expectedRecoveryCents(large, TODAY)).toBe((1_000_000 * (60 - 30 - 5 - 7)) / 100);
    expect(expectedRecoveryCents(fresh, TODAY)).toBe((500_000 * 70) / 100);
    const queue = await listCallTasks(
      { repository, logger: new RecordingLogger() },
      { tenantId, query: { limit: 10 }, today: TODAY },
    );
    expect(queue.items.map((item) => [item.dossierId, item.score, item.expectedCents])).toEqual([
      ['DOS-FRESH', 70, 350_000],
      ['DOS-LARGE', 18, 180_000],
    ]);
  });
});
