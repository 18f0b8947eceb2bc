import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/calendar';
import { basePrescriptionDate, limitationRule } from '../../../shared/domain/legal/limitation-period';
import {
  computePrescription,
  type PrescriptionEvent,
  type PrescriptionEventType,
  type PrescriptionInput,
} from '../../../shared/domain/legal/prescription';
import type { ClaimNature, DebtorType } from '../../../shared/domain/parties';

const commercial = (dueDate: string, asOf: string, events: PrescriptionEvent[] = []): PrescriptionInput => ({
  nature: 'commercial',
  debtorType: 'professional',
  dueDate,
  events,
  asOf,
});

describe('computePrescription — worked examples (docs/legal.md §1)', () => {
  it.each([
    // [case, input, deadline, reached]
    [
      'commercial, no event: 5 years from the due date (C.com. L110-4)',
      commercial('2020-01-15', '2024-06-01'),
      '2025-01-15',
      false,
    ],
    ['the last day still counts (C.civ. 2229)', commercial('2020-01-15', '2025-01-15'), '2025-01-15', false],
    ['time-barred the day after', commercial('2020-01-15', '2025-01-16'), '2025-01-15', true],
    [
      'acknowledgment restarts a full period (C.civ. 2240, 2231)',
      commercial('2020-01-15', '2026-01-01', [{ type: 'acknowledgment', date: '2023-03-01' }]),
      '2028-03-01',
      false,
    ],
    [
      'a partial payment is an acknowledgment',
      commercial('2020-01-15', '2026-01-01', [{ type: 'partial-payment', date: '2024-11-20' }]),
      '2029-11-20',
      false,
    ],
    [
      'the formal-notice trap: a mise en demeure does not interrupt',
      commercial('2020-01-15', '2025-02-01', [{ type: 'formal-notice', date: '2024-12-01' }]),
      '2025-01-15',
      true,
    ],
    [
      'mediation suspends: the remaining time runs after it ends (C.civ. 2238)',
      commercial('2021-01-10', '2026-01-01', [
        { type: 'mediation-start', date: '2023-01-10' },
        { type: 'mediation-end', date: '2023-03-10' },
      ]),
      '2026-03-10',
      false,
    ],
    [
      'at least 6 months after the mediation ends (C.civ. 2238 al. 2)',
      commercial('2021-01-10', '2026-03-01', [
        { type: 'mediation-start', date: '2025-09-01' },
        { type: 'mediation-end', date: '2025-10-01' },
      ]),
      '2026-04-01',
      false,
    ],
    [
      'small-claims procedure suspends too',
      commercial('2021-01-10', '2026-03-01', [
        { type: 'small-claims-start', date: '2025-12-01' },
        { type: 'small-claims-end', date: '2026-01-05' },
      ]),
      '2026-07-05',
      false,
    ],
    [
      'judgment: 10 years to enforce (CPCE L111-4)',
      commercial('2020-01-15', '2026-01-01', [
        { type: 'court-claim', date: '2023-06-01' },
        { type: 'judgment', date: '2024-02-01' },
      ]),
      '2034-02-01',
      false,
    ],
    [
      'enforcement after the judgment restarts the 10 years (C.civ. 2244)',
      commercial('2010-01-15', '2026-01-01', [
        { type: 'judgment', date: '2012-02-01' },
        { type: 'enforcement', date: '2021-05-03' },
      ]),
      '2031-05-03',
      false,
    ],
    [
      'an acknowledgment after the deadline revives nothing',
      commercial('2018-01-10', '2024-01-01', [{ type: 'acknowledgment', date: '2023-06-01' }]),
      '2023-01-10',
      true,
    ],
    [
      '20-year cap from the birth of the right (C.civ. 2232)',
      commercial('2000-01-10', '2021-01-01', [
        { type: 'acknowledgment', date: '2004-06-01' },
        { type: 'acknowledgment', date: '2009-01-01' },
        { type: 'acknowledgment', date: '2013-06-01' },
        { type: 'acknowledgment', date: '2018-01-01' },
      ]),
      '2020-01-10',
      true,
    ],
  ] as const)('%s', (_case, input, deadline, reached) => {
    const outcome = computePrescription(input);
    expect(outcome.deadline).toBe(deadline);
    expect(outcome.reached).toBe(reached);
  });

  it('explains the formal-notice trap in the chain', () => {
    const outcome = computePrescription(
      commercial('2020-01-15', '2025-02-01', [{ type: 'formal-notice', date: '2024-12-01' }]),
    );
    expect(outcome.chain.map((l) => [l.event, l.effect])).toEqual([
      ['period-start', 'starts'],
      ['formal-notice', 'none'],
    ]);
    expect(outcome.chain[1]?.article).toContain('20-23.204');
  });

  it('consumer claims: 2 years from the performance, not the invoice (C.conso L218-2)', () => {
    const outcome = computePrescription({
      nature: 'consumer',
      debtorType: 'consumer',
      dueDate: '2024-06-10',
      performanceDate: '2024-05-06',
      events: [],
      asOf: '2026-05-07',
    });
    expect(outcome).toMatchObject({ deadline: '2026-05-06', reached: true });
  });

  it('a non-professional legal person is not a consumer: 5 years', () => {
    const outcome = computePrescription({
      nature: 'consumer',
      debtorType: 'non-professional-legal-person',
      dueDate: '2024-06-10',
      events: [],
      asOf: '2026-06-01',
    });
    expect(outcome.deadline).toBe('2029-06-10');
  });

  it.each([
    ['residential-rent', 3, 'Loi 89-462 art. 7-1'],
    ['salary', 3, 'C.trav. L3245-1'],
    ['civil', 5, 'C.civ. 2224, 2233'],
  ] as const)('%s: %i years (%s)', (nature, years, source) => {
    const outcome = computePrescription({
      nature,
      debtorType: 'consumer',
      dueDate: '2024-03-31',
      events: [],
      asOf: '2024-04-01',
    });
    expect(outcome.deadline).toBe(`${2024 + years}-03-31`);
    expect(outcome.chain[0]?.article).toBe(source);
  });

  it('a suspension still running: not reached, the earliest possible deadline shown', () => {
    const outcome = computePrescription(
      commercial('2020-01-15', '2025-03-01', [{ type: 'mediation-start', date: '2024-12-15' }]),
    );
    expect(outcome).toMatchObject({ suspended: true, reached: false, deadline: '2025-09-01' });
  });

  describe('consumer credit: a 2-year foreclosure nothing interrupts (C.conso R312-35)', () => {
    const credit = (events: PrescriptionEvent[], asOf = '2025-06-01'): PrescriptionInput => ({
      nature: 'consumer-credit',
      debtorType: 'consumer',
      dueDate: '2023-04-05',
      events,
      asOf,
    });

    it('acknowledgment, payment and mediation have no effect', () => {
      const outcome = computePrescription(
        credit([
          { type: 'acknowledgment', date: '2024-01-10' },
          { type: 'partial-payment', date: '2024-06-10' },
          { type: 'mediation-start', date: '2025-01-10' },
        ]),
      );
      expect(outcome).toMatchObject({ kind: 'foreclosure', deadline: '2025-04-05', reached: true });
      expect(
        outcome.chain.slice(1).every((l) => l.effect === 'none' && l.article === 'C.conso R312-35'),
      ).toBe(true);
    });

    it('a court claim in time averts it', () => {
      const outcome = computePrescription(credit([{ type: 'court-claim', date: '2025-03-01' }]));
      expect(outcome).toMatchObject({ reached: false, courtClaimPending: true });
      expect(outcome.chain[1]?.effect).toBe('action-brought');
    });
  });

  it('keeps basePrescriptionDate (intake) in step with the engine without events', () => {
    const base = basePrescriptionDate('consumer', 'consumer', {
      dueDate: '2025-03-05',
      performanceDate: '2025-01-31',
    });
    const engine = computePrescription({
      nature: 'consumer',
      debtorType: 'consumer',
      dueDate: '2025-03-05',
      performanceDate: '2025-01-31',
      events: [],
      asOf: '2025-06-01',
    });
    expect(engine.deadline).toBe(base.date);
  });
});

describe('computePrescription — properties', () => {
  const natures: ClaimNature[] = [
    'commercial',
    'civil',
    'consumer',
    'residential-rent',
    'consumer-credit',
    'salary',
    'judgment',
  ];
  const debtors: DebtorType[] = ['professional', 'consumer', 'non-professional-legal-person'];
  const types: PrescriptionEventType[] = [
    'acknowledgment',
    'partial-payment',
    'formal-notice',
    'court-claim',
    'enforcement',
    'mediation-start',
    'mediation-end',
    'small-claims-start',
    'small-claims-end',
    'judgment',
  ];
  const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));

  it('the deadline is never earlier than the base period from the due date', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...natures),
        fc.constantFrom(...debtors),
        day('2000-01-01', 9000),
        fc.array(
          fc.record({ type: fc.constantFrom(...types), offset: fc.integer({ min: -400, max: 8000 }) }),
          { maxLength: 8 },
        ),
        fc.integer({ min: 0, max: 9000 }),
        (nature, debtorType, dueDate, raw, asOffset) => {
          const events = raw.map((e) => ({ type: e.type, date: addDays(dueDate, e.offset) }));
          const outcome = computePrescription({
            nature,
            debtorType,
            dueDate,
            events,
            asOf: addDays(dueDate, asOffset),
          });
          const base = basePrescriptionDate(nature, debtorType, { dueDate });
          expect(outcome.deadline >= base.date).toBe(true);
          if (
            limitationRule(nature, debtorType).foreclosure &&
            !events.some((e) => e.type === 'judgment' || e.type === 'court-claim')
          ) {
            expect(outcome.deadline).toBe(base.date);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
