import { describe, expect, it } from 'vitest';
import { reviewJudicialDeadlines } from '../../shared/domain/judicial/court-deadlines';
import { applyCourtEvent, type CourtEvent } from '../../shared/domain/judicial/court-events';
import { judicialPrescriptionEvents } from '../../shared/domain/judicial/court-title';
import type { JudicialState } from '../../shared/domain/judicial/judicial-state';
import { dossierClaimStatement, invoicePrescription } from '../../shared/domain/legal/dossier-claim';
import { reviewPrescription } from '../../shared/domain/prescription-watch';
import { aDebtor, aDossier, anInvoice } from '../support/builders';
import { aJudicialState } from '../support/court-events';

/** docs/legal.md §10, "Court events and deadlines". */

/** Applies events in order; fails the test on a refusal. */
function run(state: JudicialState, ...events: CourtEvent[]): JudicialState {
  return events.reduce((s, event) => {
    const result = applyCourtEvent(s, event);
    if (!result.ok) throw new Error(result.reason);
    return result.state;
  }, state);
}

const ORDERED = run(
  aJudicialState(),
  { kind: 'request-filed', date: '2026-01-10' },
  { kind: 'order-issued', date: '2026-02-02' },
);

describe('order issued: served within 6 months or void (CPC 1411)', () => {
  it('sets the service deadline 6 months after the order, first checked 30 days before it', () => {
    expect(ORDERED.stage).toBe('order-issued');
    expect(ORDERED.deadlines).toEqual([
      { kind: 'service', date: '2026-08-02', article: 'CPC 1411', alerted: [] },
    ]);
    expect(ORDERED.nextCheckOn).toBe('2026-07-03');
  });

  it('alerts 30 days before, then 7 days before, then the order lapses the day after the deadline', () => {
    expect(reviewJudicialDeadlines(ORDERED, '2026-07-02').alerts).toEqual([]);
    const first = reviewJudicialDeadlines(ORDERED, '2026-07-03');
    expect(first.alerts).toEqual([
      { kind: 'service', daysBefore: 30, deadline: '2026-08-02', article: 'CPC 1411' },
    ]);
    expect(first.state.nextCheckOn).toBe('2026-07-26');
    expect(reviewJudicialDeadlines(first.state, '2026-07-10').alerts).toEqual([]);
    const second = reviewJudicialDeadlines(first.state, '2026-07-26');
    expect(second.alerts.map((a) => a.daysBefore)).toEqual([7]);
    expect(second.state.nextCheckOn).toBe('2026-08-03');
    expect(reviewJudicialDeadlines(second.state, '2026-08-02').lapsed).toBeUndefined();
    const lapsed = reviewJudicialDeadlines(second.state, '2026-08-03');
    expect(lapsed.lapsed).toEqual({ deadline: '2026-08-02', article: 'CPC 1411' });
    expect(lapsed.state.stage).toBe('review');
    expect(lapsed.state.reason).toMatch(/not served by 2026-08-02.*CPC 1411/);
    expect(lapsed.state.deadlines).toEqual([]);
    expect(lapsed.state.nextCheckOn).toBeUndefined();
  });

  it('a service after the deadline is refused: the order is void', () => {
    const result = applyCourtEvent(ORDERED, { kind: 'order-served', date: '2026-08-03' });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/served by 2026-08-02 \(CPC 1411\)/) });
  });
});

describe('service and the opposition window (CPC 1416)', () => {
  const SERVED = run(ORDERED, { kind: 'order-served', date: '2026-02-20' });

  it('service replaces the service deadline with one month to oppose', () => {
    expect(SERVED.deadlines).toEqual([
      { kind: 'opposition', date: '2026-03-20', article: 'CPC 1416', alerted: [] },
    ]);
    expect(SERVED.nextCheckOn).toBe('2026-03-21');
  });

  it('an opposition switches to the contested path: a lawyer task', () => {
    const result = applyCourtEvent(SERVED, { kind: 'opposition-received', date: '2026-03-10' });
    expect(result.ok && result.state.stage).toBe('opposition');
    expect(result.ok && result.effects).toEqual([{ kind: 'lawyer-task' }]);
    expect(result.ok && result.state.deadlines).toEqual([]);
  });

  it('no opposition: the sweep sees the window end and asks for the enforceable formula (CPC 1422)', () => {
    expect(reviewJudicialDeadlines(SERVED, '2026-03-20').oppositionWindowEnded).toBeUndefined();
    const review = reviewJudicialDeadlines(SERVED, '2026-03-21');
    expect(review.oppositionWindowEnded).toEqual({ deadline: '2026-03-20', article: 'CPC 1422' });
    expect(review.state.nextCheckOn).toBeUndefined();
    const recorded = applyCourtEvent(SERVED, { kind: 'no-opposition', date: '2026-03-21' });
    expect(recorded.ok && recorded.effects).toEqual([{ kind: 'formula-task' }]);
  });

  it('the enforceable formula makes the order a title: 10 years to enforce it (CPCE L111-4)', () => {
    const title = run(
      SERVED,
      { kind: 'no-opposition', date: '2026-03-23' },
      { kind: 'enforceable-formula', date: '2026-04-02' },
    );
    expect(title.stage).toBe('enforceable');
    expect(title.deadlines).toEqual([
      { kind: 'title-limitation', date: '2036-04-02', article: 'CPCE L111-4', alerted: [] },
    ]);
    const mandate = applyCourtEvent(title, { kind: 'enforcement-mandate', date: '2026-04-10' });
    expect(mandate.ok && mandate.state.stage).toBe('enforcement');
    expect(mandate.ok && mandate.effects).toEqual([{ kind: 'enforcement-hand-off' }]);
    const act = applyCourtEvent(mandate.ok ? mandate.state : title, {
      kind: 'enforcement-act',
      date: '2026-05-04',
      act: { kind: 'saisie-attribution', recoveredCents: 45_000 },
    });
    expect(act.ok && act.effects).toEqual([{ kind: 'recovered', amountCents: 45_000 }]);
  });
});

describe('out-of-order events are refused with the reason', () => {
  it.each([
    [
      aJudicialState(),
      { kind: 'order-served', date: '2026-02-01' },
      /order-served cannot follow the stage review/,
    ],
    [aJudicialState(), { kind: 'enforcement-mandate', date: '2026-02-01' }, /cannot follow the stage review/],
    [ORDERED, { kind: 'enforceable-formula', date: '2026-03-01' }, /cannot follow the stage order-issued/],
    [
      ORDERED,
      { kind: 'order-served', date: '2026-01-20' },
      /dated before the last court event \(2026-02-02\)/,
    ],
    [
      run(ORDERED, { kind: 'order-served', date: '2026-02-20' }),
      { kind: 'no-opposition', date: '2026-03-05' },
      /opposition window runs to 2026-03-20/,
    ],
    [
      run(ORDERED, { kind: 'order-served', date: '2026-02-20' }),
      { kind: 'enforceable-formula', date: '2026-03-05' },
      /once the opposition window has ended \(2026-03-20/,
    ],
  ] as [JudicialState, CourtEvent, RegExp][])('%#: %o', (state, event, reason) => {
    const result = applyCourtEvent(state, event);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('small claims (CPCE L125-1, R125-1 ff.)', () => {
  const INVITED = run(aJudicialState(), { kind: 'small-claims-invited', date: '2026-01-12' });

  it('one month to answer; silence is a refusal: back to review', () => {
    expect(INVITED.deadlines[0]).toMatchObject({ kind: 'small-claims-answer', date: '2026-02-12' });
    const review = reviewJudicialDeadlines(INVITED, '2026-02-13');
    expect(review.smallClaimsRefused?.deadline).toBe('2026-02-12');
    expect(review.state.stage).toBe('review');
  });

  it('agreed: a title the commissaire de justice can enforce; refused: back to review', () => {
    expect(run(INVITED, { kind: 'small-claims-agreed', date: '2026-01-30' }).stage).toBe(
      'small-claims-agreed',
    );
    const refused = run(INVITED, { kind: 'small-claims-refused', date: '2026-01-30' });
    expect(refused.stage).toBe('review');
    expect(refused.reason).toMatch(/refused/);
  });
});

/** 1,000.00 EUR owed by a consumer, due 15 Oct 2024; the order became enforceable on 15 Jan 2025. */
const TITLED = aDossier({
  debtor: aDebtor({ type: 'consumer' }),
  scenarioId: 'fr-b2c-default',
  invoices: [
    anInvoice({
      number: 'F-1',
      amountCents: 100_000,
      issueDate: '2024-09-15',
      dueDate: '2024-10-15',
      nature: 'consumer',
      prescriptionDate: '2026-10-15',
    }),
  ],
  status: 'judicial',
  judicial: aJudicialState({
    stage: 'enforceable',
    events: {
      'request-filed': '2024-11-20',
      'order-issued': '2024-12-02',
      'order-served': '2024-12-10',
      'no-opposition': '2025-01-13',
      'enforceable-formula': '2025-01-15',
    },
  }),
});

describe('post-judgment interest (C.civ. 1231-7; CMF L313-3): a worked example', () => {
  it('legal rate for two months after the title, then +5 points: 6.00 + 7.39 = 13.39 EUR on 15 Apr 2025', () => {
    const statement = dossierClaimStatement(TITLED, [], '2025-04-15');
    const interest = statement.invoices[0]!.interest;
    // 1,000 × 3.71 % × 59/365 = 5.997 → 6.00; then 1,000 × 8.71 % × 31/365 = 7.397 (cumulative rounding: 13.39 in all).
    expect(interest.segments.map((s) => [s.from, s.to, s.days, s.ratePercent, s.article])).toEqual([
      ['2025-01-16', '2025-03-15', 59, 3.71, 'C.civ. 1231-7; CMF L313-2'],
      ['2025-03-16', '2025-04-15', 31, 8.71, 'CMF L313-3'],
    ]);
    expect(statement.totals.interestCents).toBe(1_339);
    expect(statement.totals.totalDueCents).toBe(101_339);
  });

  it('before the title, a consumer claim without a formal notice bears no interest', () => {
    const { judicial: _j, ...plain } = TITLED;
    expect(dossierClaimStatement({ ...plain, status: 'open' }, [], '2025-04-15').totals.interestCents).toBe(
      0,
    );
  });
});

describe("the title's 10-year limitation replaces the claim's (CPCE L111-4)", () => {
  it('the court events feed the prescription engine: service = court claim, formula = title', () => {
    expect(judicialPrescriptionEvents(TITLED.judicial)).toEqual([
      { type: 'court-claim', date: '2024-12-10' },
      { type: 'judgment', date: '2025-01-15' },
    ]);
    const invoice = TITLED.invoices[0]!;
    // The consumer claim alone: 2 years from the due date (C.conso L218-2).
    expect(invoicePrescription(invoice, 'consumer', [], '2026-09-01').deadline).toBe('2026-10-15');
    const withTitle = invoicePrescription(
      invoice,
      'consumer',
      [],
      '2026-09-01',
      judicialPrescriptionEvents(TITLED.judicial),
    );
    expect(withTitle.deadline).toBe('2035-01-15');
    expect(withTitle.chain.at(-1)).toMatchObject({ event: 'judgment', article: 'CPCE L111-4; C.civ. 2242' });
  });

  it('the prescription watch warns against the title, not the claim', () => {
    const deadline = invoicePrescription(
      TITLED.invoices[0]!,
      'consumer',
      [],
      '2026-09-20',
      judicialPrescriptionEvents(TITLED.judicial),
    ).deadline;
    const refreshed = { ...TITLED, invoices: [{ ...TITLED.invoices[0]!, prescriptionDate: deadline }] };
    // 25 days before the claim's own deadline: no warning, the title runs to 2035.
    const review = reviewPrescription(refreshed, '2026-09-20');
    expect(review.warnings).toEqual([]);
    expect(review.nextCheckOn).toBe('2034-10-17');
  });
});
