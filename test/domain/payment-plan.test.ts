import { describe, expect, it } from 'vitest';
import type { Dossier, DossierPayment } from '../../shared/domain/dossier';
import { ValidationError } from '../../shared/domain/errors';
import { decideNextStep } from '../../shared/domain/escalation';
import {
  checkPlan,
  lapseNoticeDaysFor,
  type PaymentPlan,
  DEFAULT_PAYMENT_PLAN_SETTINGS as SETTINGS,
} from '../../shared/domain/payment-plan';
import { planProgress } from '../../shared/domain/payment-plan-progress';
import { planLevel, planStep } from '../../shared/domain/payment-plan-step';
import { DEFAULT_B2B_SCENARIO as B2B } from '../../shared/domain/scenario';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aDossier, anInvoice } from '../support/builders';

// Worked example: 1 200 EUR of principal on 30 November 2026, four instalments of 300 EUR.
const DAY = '2026-11-30';
const FOUR = [
  { dueOn: '2026-12-15', amountCents: 30_000 },
  { dueOn: '2027-01-15', amountCents: 30_000 },
  { dueOn: '2027-02-15', amountCents: 30_000 },
  { dueOn: '2027-03-15', amountCents: 30_000 },
];

function refusal(instalments: { dueOn: string; amountCents: number }[], settings = SETTINGS) {
  try {
    checkPlan({ planId: 'P1', instalments }, { day: DAY, balanceCents: 120_000, settings });
  } catch (error) {
    if (error instanceof ValidationError) return { field: error.field, message: error.message };
    throw error;
  }
  return undefined;
}

describe('checkPlan (the 400 names the field of the broken rule)', () => {
  it('accepts four instalments adding up to the balance', () => {
    expect(refusal(FOUR)).toBeUndefined();
  });

  it('refuses a sum one cent short of the balance, on `instalments`, with both figures', () => {
    const short = [...FOUR.slice(0, 3), { dueOn: '2027-03-15', amountCents: 29_999 }];
    expect(refusal(short)).toEqual({
      field: 'instalments',
      message: expect.stringContaining(
        'add up to 119999 cents, the balance on the principal basis is 120000 cents',
      ),
    });
  });

  it('takes the last day of the 24 months (30 November 2028) and refuses the day after (C.civ. 1343-5)', () => {
    const until = (dueOn: string) => [
      { dueOn: '2026-12-15', amountCents: 60_000 },
      { dueOn, amountCents: 60_000 },
    ];
    expect(refusal(until('2028-11-30'))).toBeUndefined();
    expect(refusal(until('2028-12-01'))).toEqual({
      field: 'instalments.1.dueOn',
      message: expect.stringContaining('beyond 24 months'),
    });
  });

  it("follows the tenant's maximum: 6 months refuses an instalment on 1 June 2027", () => {
    expect(refusal(FOUR, { ...SETTINGS, maxMonths: 6 })).toBeUndefined();
    const late = [...FOUR.slice(0, 3), { dueOn: '2027-06-01', amountCents: 30_000 }];
    expect(refusal(late, { ...SETTINGS, maxMonths: 6 })?.field).toBe('instalments.3.dueOn');
  });

  it('refuses dates that do not increase, naming the instalment', () => {
    const swapped = [FOUR[0]!, FOUR[2]!, FOUR[1]!, FOUR[3]!];
    expect(refusal(swapped)?.field).toBe('instalments.2.dueOn');
    const same = [FOUR[0]!, { ...FOUR[1]!, dueOn: '2026-12-15' }, FOUR[2]!, FOUR[3]!];
    expect(refusal(same)?.field).toBe('instalments.1.dueOn');
  });

  it('refuses a first instalment in the past, and takes one due the plan’s own day', () => {
    expect(refusal([{ dueOn: '2026-11-29', amountCents: 120_000 }])?.field).toBe('instalments.0.dueOn');
    expect(refusal([{ dueOn: DAY, amountCents: 120_000 }])).toBeUndefined();
  });
});

describe('lapseNoticeDaysFor', () => {
  it('gives a consumer the notice even when the plan waives it; a professional only without the waiver', () => {
    expect(lapseNoticeDaysFor('consumer', true, SETTINGS)).toBe(15);
    expect(lapseNoticeDaysFor('professional', false, SETTINGS)).toBe(15);
    expect(lapseNoticeDaysFor('professional', true, SETTINGS)).toBe(0);
  });
});

const PLAN: PaymentPlan = {
  planId: 'P1',
  status: 'active',
  agreedOn: DAY,
  createdAt: `${DAY}T09:00:00.000Z`,
  paymentsBefore: 0,
  basis: 'principal',
  balanceCents: 120_000,
  instalments: FOUR,
  graceDays: 5,
  reminderDaysBefore: 3,
  lapseNoticeDays: 15,
};

/** B2B, 1 200 EUR due 3 March 2026, second reminder sent on 11 March (level 2), then the plan. */
function planned(payments: DossierPayment[] = [], overrides: Partial<Dossier> = {}): Dossier {
  return aDossier({
    invoices: [anInvoice({ amountCents: 120_000 })],
    levelIndex: 2,
    lastActionOn: '2026-03-11',
    paymentPlans: [PLAN],
    payments,
    ...overrides,
  });
}

const paid = (paymentId: string, date: string, amountCents: number): DossierPayment => ({
  paymentId,
  date,
  amountCents,
  currency: 'EUR',
  receivedAt: `${date}T10:00:00.000Z`,
});

const sent = (level: string, day: string, channel: 'email' | 'letter' = 'email'): TimelineEvent => ({
  tenantId: 'tenant-a',
  dossierId: 'DOS-CLI-001',
  eventId: `${day}#ACT#${level}#${channel}`,
  type: 'action-sent',
  at: `${day}T08:00:00.000Z`,
  day,
  actor: 'pipeline',
  level,
  channel,
  state: 'done',
});

const confirmation = sent(planLevel({ planId: 'P1', message: 'confirmation' }), DAY);
const reminder = (n: number, day: string) =>
  sent(planLevel({ planId: 'P1', message: 'reminder', instalment: n }), day);

describe('planProgress: payments laid over the instalments', () => {
  it('counts 450 EUR received as instalment 1 paid and 150 EUR on instalment 2', () => {
    const progress = planProgress(PLAN, planned([paid('T1', '2026-12-14', 45_000)]), '2027-01-10');
    expect(progress.instalments.map((i) => [i.paidCents, i.state])).toEqual([
      [30_000, 'paid'],
      [15_000, 'partly-paid'],
      [0, 'upcoming'],
      [0, 'upcoming'],
    ]);
    expect(progress.remainingCents).toBe(75_000);
  });

  it('does not count a payment recorded before the plan, even in the same instant: the balance took it in', () => {
    const before = { ...paid('T0', '2026-11-30', 10_000), receivedAt: PLAN.createdAt };
    const after = { ...paid('T1', '2026-11-30', 30_000), receivedAt: PLAN.createdAt };
    const plan = { ...PLAN, paymentsBefore: 1 };
    expect(planProgress(plan, planned([before, after], { paymentPlans: [plan] }), DAY).receivedCents).toBe(
      30_000,
    );
  });

  it('calls an instalment missed from its date plus the grace days plus one (15 Dec + 5 → 21 Dec)', () => {
    expect(planProgress(PLAN, planned(), '2026-12-20').instalments[0]!.state).toBe('due');
    expect(planProgress(PLAN, planned(), '2026-12-21').missed?.number).toBe(1);
  });
});

describe('planStep: what the sweep-driven step does while a plan runs', () => {
  it('confirms first, then waits for the reminder day (3 days before 15 December)', () => {
    expect(planStep(planned(), [], DAY)).toEqual({
      kind: 'send',
      ref: { planId: 'P1', message: 'confirmation' },
      channels: ['email'],
    });
    expect(planStep(planned(), [confirmation], '2026-12-01')).toMatchObject({
      kind: 'hold',
      nextActionOn: '2026-12-12',
    });
  });

  it('confirms by letter a debtor without e-mail', () => {
    const noEmail = planned([], { debtor: { ...aDossier().debtor, email: undefined } as Dossier['debtor'] });
    expect(planStep(noEmail, [], DAY)).toMatchObject({ channels: ['letter'] });
  });

  it('sends the courtesy reminder once per instalment, whatever day the step runs again', () => {
    expect(planStep(planned(), [confirmation], '2026-12-12')).toMatchObject({
      kind: 'send',
      ref: { message: 'reminder', instalment: 1 },
    });
    const after = [confirmation, reminder(1, '2026-12-12')];
    for (const day of ['2026-12-13', '2026-12-14', '2026-12-15'])
      expect(planStep(planned(), after, day)).toMatchObject({ kind: 'hold', nextActionOn: '2026-12-21' });
    // Instalment 1 paid: the next reminder is instalment 2's, on 12 January.
    const dossier = planned([paid('T1', '2026-12-14', 30_000)]);
    expect(planStep(dossier, after, '2026-12-16')).toMatchObject({
      kind: 'hold',
      nextActionOn: '2027-01-12',
    });
    expect(planStep(dossier, after, '2027-01-12')).toMatchObject({
      ref: { message: 'reminder', instalment: 2 },
    });
  });

  it('gives notice on a missed instalment, then lapses the plan 16 days after the notice', () => {
    const dossier = planned([paid('T1', '2026-12-14', 30_000)]);
    const timeline = [confirmation, reminder(1, '2026-12-12'), reminder(2, '2027-01-12')];
    expect(planStep(dossier, timeline, '2027-01-21')).toEqual({
      kind: 'send',
      ref: { planId: 'P1', message: 'notice', instalment: 2 },
      channels: ['letter', 'email'],
    });
    const noticed = [
      ...timeline,
      sent(planLevel({ planId: 'P1', message: 'notice', instalment: 2 }), '2027-01-21', 'letter'),
    ];
    expect(planStep(dossier, noticed, '2027-02-05')).toMatchObject({
      kind: 'hold',
      nextActionOn: '2027-02-06',
    });
    expect(planStep(dossier, noticed, '2027-02-06')).toEqual({
      kind: 'end',
      end: expect.objectContaining({ planId: 'P1', status: 'lapsed', instalment: 2 }),
    });
    // Paid within the notice's delay: the plan goes on.
    const caughtUp = planned([paid('T1', '2026-12-14', 30_000), paid('T2', '2027-01-30', 30_000)]);
    expect(planStep(caughtUp, noticed, '2027-02-06')).toMatchObject({ kind: 'hold' });
  });

  it('performs a message whose claim stayed pending again, under its first claim: a crash never skips the notice', () => {
    const dossier = planned([paid('T1', '2026-12-14', 30_000)]);
    const notice = planLevel({ planId: 'P1', message: 'notice', instalment: 2 });
    const pending = { ...sent(notice, '2027-01-21', 'letter'), state: 'pending' as const };
    const timeline = [confirmation, reminder(1, '2026-12-12'), reminder(2, '2027-01-12'), pending];
    // Sixteen days later the plan would have lapsed had the notice counted: it did not go out.
    expect(planStep(dossier, timeline, '2027-02-06')).toMatchObject({
      kind: 'send',
      ref: { message: 'notice', instalment: 2 },
      claimDays: { letter: '2027-01-21' },
    });
    const decision = decideNextStep(dossier, B2B, timeline, '2027-02-08');
    if (decision.kind !== 'act') throw new Error(`expected act, got ${decision.kind}`);
    expect(decision.actions.map((a) => [a.channel, a.day, a.claimDay])).toEqual([
      ['letter', '2027-02-08', '2027-01-21'],
      ['email', '2027-02-08', undefined],
    ]);
  });

  it('lapses without notice a professional’s plan that waived it', () => {
    const waived = planned([], { paymentPlans: [{ ...PLAN, lapseNoticeDays: 0 }] });
    expect(planStep(waived, [confirmation, reminder(1, '2026-12-12')], '2026-12-21')).toMatchObject({
      kind: 'end',
      end: { status: 'lapsed' },
    });
  });
});

describe('decideNextStep with a payment plan', () => {
  it('pauses the ladder while the plan is kept', () => {
    const decision = decideNextStep(planned(), B2B, [confirmation], '2026-12-01');
    expect(decision).toMatchObject({ kind: 'reschedule', nextActionOn: '2026-12-12' });
  });

  it('holds a plan message on a Sunday (6 December 2026) to the Monday, as any contact', () => {
    expect(decideNextStep(planned(), B2B, [], '2026-12-06')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-12-07',
      guard: 'rest-day',
      level: 'plan-P1-confirmation',
    });
  });

  it('sends a plan message as an act that leaves the ladder’s level where it was', () => {
    const decision = decideNextStep(planned(), B2B, [], DAY);
    expect(decision).toMatchObject({ kind: 'act', levelIndex: 2, plan: { message: 'confirmation' } });
  });

  it('after the lapse, resumes the ladder at the next level on the whole balance', () => {
    const dossier = planned([paid('T1', '2026-12-14', 30_000)]);
    const timeline = [
      confirmation,
      reminder(1, '2026-12-12'),
      reminder(2, '2027-01-12'),
      sent(planLevel({ planId: 'P1', message: 'notice', instalment: 2 }), '2027-01-21', 'letter'),
    ];
    const decision = decideNextStep(dossier, B2B, timeline, '2027-02-06');
    expect(decision.planEnded).toMatchObject({ planId: 'P1', status: 'lapsed' });
    if (decision.kind !== 'act') throw new Error(`expected act, got ${JSON.stringify(decision)}`);
    // Level 2 was reached before the plan: level 3 now, not the formal notice, and no plan message.
    expect(decision.levelIndex).toBe(3);
    expect(decision.plan).toBeUndefined();
  });
});
