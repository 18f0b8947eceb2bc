import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/calendar';
import { decideNextStep } from '../../shared/domain/escalation';
import type { Channel } from '../../shared/domain/parties';
import { DEFAULT_B2B_SCENARIO, DEFAULT_B2C_SCENARIO } from '../../shared/domain/scenario';
import { aDebtor, aDossier, anInvoice } from '../support/builders';

/** docs/legal.md §8: an opt-out stops the channel at once; only the postal letter (the formal notice's medium) remains. */
describe('property: an opted-out channel is never used', () => {
  it('for any opt-outs, level reached and day, the step acts on other channels only', () => {
    const channel = fc.constantFrom<Channel>('email', 'sms', 'call');
    fc.assert(
      fc.property(
        fc.uniqueArray(channel, { maxLength: 3 }),
        fc.integer({ min: -1, max: 4 }),
        fc.integer({ min: -5, max: 90 }),
        fc.boolean(),
        (optOuts, levelIndex, offset, consumer) => {
          const scenario = consumer ? DEFAULT_B2C_SCENARIO : DEFAULT_B2B_SCENARIO;
          const dossier = aDossier({
            debtor: aDebtor({ optOuts, type: consumer ? 'consumer' : 'professional' }),
            scenarioId: scenario.id,
            invoices: [anInvoice({ dueDate: '2026-03-03' })],
            levelIndex: Math.min(levelIndex, scenario.levels.length - 2),
          });
          const day = addDays('2026-03-03', offset);
          const decision = decideNextStep(dossier, scenario, [], day, { at: `${day}T09:00:00.000Z` });
          if (decision.kind !== 'act') return;
          for (const action of decision.actions) expect(optOuts).not.toContain(action.channel);
        },
      ),
      { numRuns: 400 },
    );
  });
});
