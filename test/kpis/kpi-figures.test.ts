import { describe, expect, it } from 'vitest';
import { countbackDso, DSO_LOOKBACK_DAYS, medianDelay } from '../../shared/domain/kpi/kpi-figures';
import { delayBucket, delayCounter, kpiDelta } from '../../shared/domain/kpi/kpi-projection';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aDossier, anInvoice } from '../support/builders';

const base: TimelineEvent = {
  tenantId: 't',
  dossierId: 'd',
  eventId: '2026-11-02#X',
  type: 'action-sent',
  at: '2026-11-02T09:00:00.000Z',
  day: '2026-11-02',
  actor: 'pipeline',
};

describe('the projector', () => {
  it('counts each kind of event where it belongs, and nothing for the others', () => {
    expect(kpiDelta({ ...base, channel: 'email', level: 'courtesy' })?.counters).toEqual({ msg_email: 1 });
    expect(kpiDelta({ ...base, channel: 'letter', level: 'formal-notice' })?.counters).toEqual({
      msg_registeredLetter: 1,
    });
    expect(kpiDelta({ ...base, channel: 'letter', level: 'reminder-2' })?.counters).toEqual({
      msg_letter: 1,
    });
    expect(kpiDelta({ ...base, type: 'task-created', channel: 'call' })?.counters).toEqual({ msg_call: 1 });
    // A letter to post by hand was counted by its action-sent claim.
    expect(
      kpiDelta({ ...base, type: 'task-created', channel: 'letter', eventId: '2026-11-02#TOPOST#L1' }),
    ).toBeUndefined();
    expect(
      kpiDelta({ ...base, type: 'dispute-opened', eventId: '2026-11-02#STOP#disputed' }),
    ).toBeUndefined();
    expect(kpiDelta({ ...base, type: 'action-postponed' })).toBeUndefined();
    expect(kpiDelta({ ...base, type: 'court-file-built' })?.counters).toEqual({ courtFiles: 1 });
  });

  it('counts a payment as what was imputed, and a delay for each invoice it finished', () => {
    const dossier = aDossier({
      invoices: [
        anInvoice({ number: 'I1', amountCents: 10_000, paidCents: 10_000, dueDate: '2026-06-01' }),
        anInvoice({ number: 'I2', amountCents: 10_000, paidCents: 4_000, dueDate: '2026-07-01' }),
      ],
      payments: [
        {
          paymentId: 'P9',
          date: '2026-11-02',
          amountCents: 20_000,
          currency: 'EUR',
          receivedAt: base.at,
          imputation: {
            appliedCents: 14_500,
            creditCents: 5_500,
            invoices: ['I1', 'I2'],
            closed: false,
            waivedInterestCents: 0,
            waivedIndemnityCents: 0,
          },
        },
      ],
    });
    const delta = kpiDelta(
      { ...base, type: 'payment-received', eventId: '2026-11-02#PAY#P9', amountCents: 20_000 },
      dossier,
    );
    // 1 June → 2 November: 154 days, in the 30-day bucket that starts on day 151.
    expect(delta?.counters).toEqual({
      recoveredCents: 14_500,
      payments: 1,
      delayCount: 1,
      delaySumDays: 154,
      delay_151: 1,
    });
  });
});

describe('the figures', () => {
  it('gives the median exactly up to 120 days, then the first day of its 30-day bucket', () => {
    expect(delayBucket(0)).toBe(0);
    expect(delayBucket(-5)).toBe(0);
    expect(delayBucket(120)).toBe(120);
    expect(delayBucket(121)).toBe(121);
    expect(delayBucket(150)).toBe(121);
    expect(delayBucket(151)).toBe(151);
    expect(delayBucket(5000)).toBe(720);
    expect(medianDelay({ [delayCounter(3)]: 1, [delayCounter(10)]: 1, [delayCounter(40)]: 1 })).toBe(10);
    expect(medianDelay({ [delayCounter(3)]: 2, [delayCounter(11)]: 2 })).toBe(7);
    expect(medianDelay({ [delayCounter(200)]: 3, [delayCounter(2)]: 1 })).toBe(181);
    expect(medianDelay({})).toBeNull();
  });

  it('walks the countback through the days entrusted, and says "at least" when history runs out', () => {
    const history = [
      { day: '2026-11-30', counters: { entrustedCents: 1_000 } },
      { day: '2026-11-29', counters: { entrustedCents: 3_000 } },
    ];
    expect(countbackDso(2_500, history, '2026-11-30')).toMatchObject({ days: 1.5, complete: true });
    expect(countbackDso(0, history, '2026-11-30')).toMatchObject({ days: 0, complete: true });
    expect(countbackDso(9_000, history, '2026-11-30')).toMatchObject({
      days: DSO_LOOKBACK_DAYS,
      complete: false,
    });
  });
});
