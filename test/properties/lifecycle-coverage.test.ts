import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlanLevel } from '../../shared/domain/payment-plan-step';
import { lifecycleArb } from './support/lifecycle-history';
import { runLifecycle } from './support/lifecycle-run';

/**
 * The random lifecycles reach what the invariants speak of (lifecycle-invariants.test.ts): each
 * event applied through its use case (not only refused), every level and channel, the letter
 * fallback after a bounce, plan messages, contacts after a payment, an opt-out, a rejected dispute,
 * and each way the ladder stops. A property that never meets a case proves nothing about it.
 */

describe('random lifecycles', () => {
  it('reach each event, level, stop and closure the invariants check', { timeout: 120_000 }, async () => {
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const history of fc.sample(lifecycleArb, { numRuns: 150, seed: 15 })) {
      const run = await runLifecycle(history);
      count(history.debtorType);
      for (const { event, outcome } of run.events) {
        count(`${event.kind}:${outcome}`);
        if (event.kind === 'resolve' && outcome === 'applied') count(`resolve:${event.outcome}`);
      }
      count(`status:${run.dossier.status}`);
      if (run.dossier.closure) count(`closure:${run.dossier.closure.kind}`);
      if ((run.dossier.paymentPlans ?? []).some((plan) => plan.status === 'lapsed')) count('plan:lapsed');
      if ((run.dossier.paymentPlans ?? []).some((plan) => plan.status === 'completed'))
        count('plan:completed');
      for (const step of run.steps) {
        const { decision, dossier } = step;
        if (decision.kind === 'stop') count(`stop:${decision.status}`);
        if (decision.kind === 'none' && decision.reason.includes('insolvency')) count('insolvency-hold');
        if (decision.kind === 'act' && decision.fallback) count('letter-fallback');
        for (const sent of step.sent) {
          count(isPlanLevel(sent.message.level) ? 'level:plan' : `level:${sent.message.level}`);
          count(`channel:${sent.channel}`);
          if (dossier.debtor.optOuts.length > 0) count('contact-after-opt-out');
          if ((dossier.payments ?? []).length > 0) count('contact-after-payment');
          if ((dossier.disputes ?? []).some((d) => d.resolution?.outcome === 'rejected'))
            count('contact-after-rejected-dispute');
          if (history.debtorType === 'consumer' && sent.message.level === 'formal-notice')
            count('consumer-formal-notice');
        }
      }
    }
    const expected = [
      'consumer',
      'professional',
      ...[
        'payment',
        'credit-note',
        'dispute',
        'promise',
        'plan',
        'bounce',
        'opt-out',
        'insolvency',
        'acknowledgment',
        'close',
        'plan-instalment',
        'promise-payment',
      ].map((kind) => `${kind}:applied`),
      'resolve:upheld',
      'resolve:partly-upheld',
      'resolve:rejected',
      'closure:settled',
      'closure:written-off',
      'closure:cancelled',
      'plan:lapsed',
      'plan:completed',
      'status:paid',
      'status:prescribed',
      'stop:prescribed',
      'status:disputed',
      'insolvency-hold',
      'letter-fallback',
      'level:courtesy',
      'level:reminder-1',
      'level:reminder-2',
      'level:call',
      'level:formal-notice',
      'level:plan',
      'channel:email',
      'channel:sms',
      'channel:call',
      'channel:letter',
      'contact-after-opt-out',
      'contact-after-payment',
      'contact-after-rejected-dispute',
      'consumer-formal-notice',
    ];
    expect(
      expected.filter((key) => !seen.has(key)),
      JSON.stringify(Object.fromEntries(seen)),
    ).toEqual([]);
  });
});
