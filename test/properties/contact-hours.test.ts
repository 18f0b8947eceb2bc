import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parisTime } from '../../shared/domain/calendar';
import { DEFAULT_CONTACT_POLICY, isRestDay } from '../../shared/domain/contact-policy';
import { historyArb, NUM_RUNS, PROPERTY_TIMEOUT_MS, runHistory } from './support/history';

/**
 * When a contact may go out (docs/legal.md §8: no contact on Sundays and public holidays, SMS and
 * calls only 08:00-20:00 Europe/Paris) and that each message goes out once per (dossier, day,
 * level, channel), even when the sweep runs twice a day and at any hour.
 */

const { windowStartHour, windowEndHour } = DEFAULT_CONTACT_POLICY;

describe('contacts only when allowed, and once (random histories)', () => {
  it('never contacts on a Sunday or a French public holiday', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const step of runHistory(history).steps)
          if (step.decision.kind === 'act' && step.decision.actions.length > 0)
            expect(isRestDay(step.day), `${step.decision.level} on ${step.day}`).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never sends an SMS or rings outside 08:00-20:00 Paris time', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        for (const step of runHistory(history).steps) {
          if (step.decision.kind !== 'act') continue;
          const { hour } = parisTime(step.at);
          for (const action of step.decision.actions)
            if (action.channel === 'sms' || action.channel === 'call')
              expect(
                [hour >= windowStartHour, hour < windowEndHour],
                `${action.channel} at ${step.at}`,
              ).toEqual([true, true]);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never sends two messages for one (dossier, day, level, channel)', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const seen = new Set<string>();
        for (const step of runHistory(history).steps) {
          if (step.decision.kind !== 'act') continue;
          for (const action of step.decision.actions) {
            const key = `${step.dossier.dossierId}#${step.day}#${action.level}#${action.channel}`;
            expect(seen.has(key), key).toBe(false);
            seen.add(key);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
