import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dossier } from '../../shared/domain/dossier';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { verdicts } from './support/lifecycle-checks';
import { describeHistory, lifecycleArb } from './support/lifecycle-history';
import { runLifecycle } from './support/lifecycle-run';

/**
 * The lifecycle properties can fail: each test switches one guard of the product off (a mutant,
 * through vi.mock, the source untouched) and expects its property to find a history that breaks
 * it within a few hundred random cases. A property no mutant can break would prove nothing.
 * Without the mutant the same histories pass: lifecycle-invariants.test.ts. The regressions
 * (lifecycle-regressions.ts) show properties failing on the real defects they found.
 */

const mutant = vi.hoisted(() => ({ current: '' }));

/** Reasons ladderStop gives (ladder-pauses.ts) that each mutant drops: the dossier is then stepped on. */
const DROPPED: Record<string, RegExp> = {
  paid: /^dossier paid$|nothing left to pay/,
  disputed: /^dossier disputed$|disputes the claim/,
  insolvency: /insolvency proceedings/,
  prescription: /^dossier prescribed$|time-barred|prescription deadline passed/,
  closed: /^dossier closed$/,
};

vi.mock('../../shared/domain/ladder-pauses', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/domain/ladder-pauses')>();
  return {
    ...real,
    ladderStop: (...args: Parameters<typeof real.ladderStop>) => {
      const stop = real.ladderStop(...args);
      const dropped = DROPPED[mutant.current];
      return stop && 'reason' in stop && dropped?.test(stop.reason) ? undefined : stop;
    },
  };
});

vi.mock('../../shared/domain/escalation-levels', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/domain/escalation-levels')>();
  return {
    ...real,
    // opt-out: the refused channels are used anyway.
    reachableChannels: (debtor: Dossier['debtor'], wanted: Parameters<typeof real.reachableChannels>[1]) =>
      real.reachableChannels(mutant.current === 'opt-out' ? { ...debtor, optOuts: [] } : debtor, wanted),
    // before-due: a level is picked without waiting for its day.
    pickLevel: (...args: Parameters<typeof real.pickLevel>) =>
      mutant.current === 'before-due' && args[1] < args[0].levels.length ? args[1] : real.pickLevel(...args),
    // duplicates: the ladder forgets what the timeline says it sent.
    performedFromTimeline: (...args: Parameters<typeof real.performedFromTimeline>) =>
      mutant.current === 'duplicates' ? { levelIndex: -1, days: [] } : real.performedFromTimeline(...args),
  };
});

vi.mock('../../shared/domain/contact-policy', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/domain/contact-policy')>();
  return {
    ...real,
    checkContact: (input: Parameters<typeof real.checkContact>[0]) =>
      mutant.current === 'hours' ? { allowed: true } : real.checkContact(input),
  };
});

vi.mock('../../shared/domain/legal/interest', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/domain/legal/interest')>();
  return {
    ...real,
    // indemnity: L441-10 applied whatever the debtor (the consumer check dropped).
    isB2B: (claim: Parameters<typeof real.isB2B>[0]) =>
      mutant.current === 'indemnity'
        ? claim.creditorType === 'professional' && claim.nature !== 'judgment'
        : real.isB2B(claim),
  };
});

vi.mock('../../shared/domain/closure', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/domain/closure')>();
  return {
    ...real,
    // money: a write-off or settlement records nothing given up.
    owedPrincipalCents: (dossier: Dossier) =>
      mutant.current === 'money' ? 0 : real.owedPrincipalCents(dossier),
  };
});

vi.mock('../../shared/use-cases/escalation/record-step', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/use-cases/escalation/record-step')>();
  return {
    ...real,
    // duplicates: the step records nothing on the dossier either.
    recordStep: (...args: Parameters<typeof real.recordStep>) =>
      mutant.current === 'duplicates'
        ? Promise.resolve({ status: 'open', levelIndex: -1, nextActionOn: null, changed: false })
        : real.recordStep(...args),
  };
});

vi.mock('../support/memory-repository', async (importOriginal) => {
  const real = await importOriginal<typeof import('../support/memory-repository')>();
  class WithoutConditions extends real.MemoryDossierRepository {
    // duplicates: a store that ignores the claim's condition (attribute_not_exists).
    override async appendEvent(event: TimelineEvent) {
      if (mutant.current !== 'duplicates') return super.appendEvent(event);
      await this.putEvents([event]);
      return true;
    }
  }
  return { ...real, MemoryDossierRepository: WithoutConditions };
});

afterEach(() => {
  mutant.current = '';
});

/** Whether random histories break `invariant` with the mutant on; the first one found, for the message. */
async function broken(name: string, invariant: string) {
  mutant.current = name;
  const result = await fc.check(
    fc.asyncProperty(
      lifecycleArb,
      async (history) => (await runLifecycle(history).then(verdicts))[invariant]!.length === 0,
    ),
    { numRuns: 300, seed: 15, endOnFailure: true },
  );
  return result.failed ? `found: ${describeHistory(result.counterexample![0])}` : 'not found';
}

describe('each lifecycle property fails when its guard is switched off', () => {
  const cases: [mutant: string, invariant: string][] = [
    ['paid', 'no contact after full payment'],
    ['disputed', 'no contact while an open dispute covers everything owed'],
    ['opt-out', 'no contact on an opted-out channel'],
    ['prescription', 'no contact once everything owed is time-barred'],
    ['insolvency', 'no contact once insolvency proceedings opened'],
    ['closed', 'no contact once the dossier is closed, paid, disputed or time-barred'],
    ['before-due', 'no contact before the due date but the courtesy reminder'],
    ['hours', 'no contact on rest days, no SMS or call outside 08:00-20:00'],
    ['duplicates', 'never two messages for one (dossier, day, level, channel)'],
    ['indemnity', 'never the 40 EUR indemnity to a consumer'],
    ['money', 'money conserved'],
  ];
  for (const [name, invariant] of cases)
    it(`${name}: ${invariant}`, { timeout: 120_000 }, async () => {
      expect(await broken(name, invariant)).toMatch(/^found/);
    });
});
