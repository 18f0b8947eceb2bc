import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDisputed } from '../../shared/domain/disputes';
import { type Dossier, outstandingCents } from '../../shared/domain/dossier';
import {
  type History,
  historyArb,
  NUM_RUNS,
  PROPERTY_TIMEOUT_MS,
  runHistory,
  type StepRecord,
} from './support/history';

/**
 * When the ladder must stay silent (docs/legal.md §8, §6): after full payment, under a dispute of
 * everything owed, on an opted-out channel, once everything owed is time-barred (C.civ. 2219), and
 * before the due date except the courtesy reminder. Checked on every step of random histories.
 */

/**
 * Found by this property at 10,000 cases (shrunk): the older invoice paid, a promise broken on the
 * younger one's due date made the ladder resume "one level up" with reminder-1 that very day.
 */
const PROMISE_BROKEN_BEFORE_DUE: History = {
  start: '2026-11-30',
  debtorType: 'consumer',
  email: false,
  phone: false,
  invoices: [
    { amountCents: 1, dueIn: 0, prescribesIn: 5 },
    { amountCents: 1, dueIn: 5, prescribesIn: 5 },
  ],
  hours: Array.from({ length: 80 }, () => 0),
  events: [
    { kind: 'payment', on: 1, invoice: null, amountCents: 1 },
    { kind: 'promise', on: 1, days: 0, amountCents: 2 },
  ],
};

const acts = (steps: StepRecord[]) => steps.filter((s) => s.decision.kind === 'act');
const owed = (dossier: Dossier) => dossier.invoices.filter((inv) => outstandingCents(inv) > 0);

describe('no contact when the law or the debtor says stop (random histories)', () => {
  it('never contacts a debtor who paid everything', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const step of acts(runHistory(history).steps)) expect(owed(step.dossier)).not.toHaveLength(0);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never contacts while an open dispute covers everything owed', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const step of acts(runHistory(history).steps)) {
          const pursuable = owed(step.dossier).filter(
            (inv) => !inv.prescribed && !isDisputed(step.dossier, inv),
          );
          expect(pursuable.map((inv) => inv.number)).not.toHaveLength(0);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never uses a channel the debtor opted out of', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const step of acts(runHistory(history).steps)) {
          if (step.decision.kind !== 'act') continue;
          for (const action of step.decision.actions)
            expect(step.dossier.debtor.optOuts, `${action.level} on ${step.day}`).not.toContain(
              action.channel,
            );
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never contacts once everything owed is past its prescription date', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const step of acts(runHistory(history).steps)) {
          const alive = owed(step.dossier).filter(
            (inv) => !inv.prescribed && inv.prescriptionDate >= step.day,
          );
          expect(alive.map((inv) => inv.number)).not.toHaveLength(0);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never contacts before the due date, except the courtesy reminder', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const step of acts(runHistory(history).steps)) {
          if (step.decision.kind !== 'act' || step.decision.level === 'courtesy') continue;
          const overdue = owed(step.dossier).filter((inv) => inv.dueDate < step.day);
          expect(
            overdue.map((inv) => inv.number),
            `${step.decision.level} on ${step.day}`,
          ).not.toHaveLength(0);
        }
      }),
      { numRuns: NUM_RUNS, examples: [[PROMISE_BROKEN_BEFORE_DUE]] },
    );
  });
});
