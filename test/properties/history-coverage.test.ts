import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyArb, runHistory } from './support/history';

/**
 * The random histories reach every situation the invariants speak of: a property that never meets
 * a paid, disputed, opted-out, time-barred or after-hours case would pass without proving anything.
 */

describe('random histories', () => {
  it('reach each stop, guard and channel the properties check', { timeout: 120_000 }, () => {
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const history of fc.sample(historyArb, { numRuns: 300, seed: 15 })) {
      const run = runHistory(history);
      count(history.debtorType);
      for (const { decision, dossier } of run.steps) {
        if (decision.kind === 'stop') count(`stop:${decision.status}`);
        if (decision.kind === 'none' && decision.reason.startsWith('prescription'))
          count('prescription-hold');
        if (decision.kind === 'reschedule' && decision.guard) count(`guard:${decision.guard}`);
        if (decision.kind === 'reschedule' && decision.reason.startsWith('promise')) count('promise-hold');
        if (decision.kind === 'reschedule' && decision.reason.startsWith('too soon')) count('spacing-hold');
        if (decision.kind === 'none' && decision.reason === 'already acted today') count('replayed-sweep');
        if (decision.kind !== 'act') continue;
        count(`level:${decision.level}`);
        for (const action of decision.actions) count(`channel:${action.channel}`);
        if (dossier.debtor.optOuts.length > 0) count('act-after-opt-out');
        if ((dossier.payments ?? []).length > 0) count('act-after-payment');
        if ((dossier.disputes ?? []).length > 0) count('act-beside-a-dispute');
      }
    }
    const expected = [
      'consumer',
      'professional',
      'stop:paid',
      'stop:disputed',
      'stop:prescribed',
      'prescription-hold',
      'promise-hold',
      'guard:rest-day',
      'guard:outside-hours',
      'spacing-hold',
      'replayed-sweep',
      'level:courtesy',
      'level:reminder-1',
      'level:reminder-2',
      'level:call',
      'level:formal-notice',
      'channel:email',
      'channel:sms',
      'channel:call',
      'channel:letter',
      'act-after-opt-out',
      'act-after-payment',
      'act-beside-a-dispute',
    ];
    expect(expected.filter((key) => !seen.has(key))).toEqual([]);
  });
});
