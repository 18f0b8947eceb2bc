import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from '../../shared/domain/calendar';
import type { Dossier } from '../../shared/domain/dossier';
import {
  DEFAULT_WARNING_DAYS,
  nextPrescriptionCheck,
  type PrescriptionReview,
  reviewPrescription,
} from '../../shared/domain/prescription-watch';
import { aDossier, anInvoice } from '../support/builders';

const DEADLINE = '2031-03-03';
const daysBeforeDeadline = (days: number) => addDays(DEADLINE, -days);

/** Applies a review as the prescription sweep does. */
function apply(dossier: Dossier, review: PrescriptionReview): Dossier {
  const invoices = dossier.invoices.map((inv) =>
    review.newlyPrescribed.includes(inv.number) ? { ...inv, prescribed: true } : inv,
  );
  const live = invoices
    .filter((i) => !i.prescribed && i.amountCents > i.paidCents)
    .map((i) => i.prescriptionDate);
  const { nextPrescriptionCheckOn: _n, ...rest } = dossier;
  return {
    ...rest,
    invoices,
    prescriptionWarnings: review.sentWarnings,
    ...(review.dossierPrescribed ? { status: 'prescribed' as const } : {}),
    ...(live.length > 0 ? { prescriptionDate: live.sort()[0]! } : {}),
    ...(review.nextCheckOn ? { nextPrescriptionCheckOn: review.nextCheckOn } : {}),
  };
}

function dossierDue(deadline: LocalDate = DEADLINE): Dossier {
  return aDossier({ invoices: [anInvoice({ prescriptionDate: deadline })], prescriptionDate: deadline });
}

describe('reviewPrescription', () => {
  it('stays silent far from the deadline and plans the check of the 90-day warning', () => {
    const review = reviewPrescription(dossierDue(), daysBeforeDeadline(91));
    expect(review).toEqual({
      newlyPrescribed: [],
      warnings: [],
      dossierPrescribed: false,
      sentWarnings: [],
      nextCheckOn: daysBeforeDeadline(90),
    });
  });

  it('warns at 90, 30 and 7 days, once each, and schedules each next check', () => {
    let dossier = dossierDue();
    const r90 = reviewPrescription(dossier, daysBeforeDeadline(90));
    expect(r90.warnings).toEqual([{ daysBefore: 90, deadline: DEADLINE, invoiceNumbers: ['F-2026-001'] }]);
    expect(r90.nextCheckOn).toBe(daysBeforeDeadline(30));
    dossier = apply(dossier, r90);
    expect(reviewPrescription(dossier, daysBeforeDeadline(89)).warnings).toEqual([]);

    const r30 = reviewPrescription(dossier, daysBeforeDeadline(30));
    expect(r30.warnings.map((w) => w.daysBefore)).toEqual([30]);
    expect(r30.nextCheckOn).toBe(daysBeforeDeadline(7));
    dossier = apply(dossier, r30);

    const r7 = reviewPrescription(dossier, daysBeforeDeadline(7));
    expect(r7.warnings.map((w) => w.daysBefore)).toEqual([7]);
    expect(r7.sentWarnings).toEqual([90, 30, 7]);
    // After the last warning, the next look is the day after the deadline.
    expect(r7.nextCheckOn).toBe(addDays(DEADLINE, 1));
    dossier = apply(dossier, r7);
    expect(reviewPrescription(dossier, DEADLINE)).toMatchObject({ warnings: [], newlyPrescribed: [] });
  });

  it('sends only the tightest warning reached to a dossier that comes in late, and records the wider ones', () => {
    const review = reviewPrescription(dossierDue(), daysBeforeDeadline(20));
    expect(review.warnings.map((w) => w.daysBefore)).toEqual([30]);
    expect(review.sentWarnings).toEqual([90, 30]);
    expect(review.nextCheckOn).toBe(daysBeforeDeadline(7));
  });

  it('keeps the deadline day itself within the period and prescribes the day after', () => {
    expect(reviewPrescription(dossierDue(), DEADLINE)).toMatchObject({
      newlyPrescribed: [],
      dossierPrescribed: false,
    });
    const after = reviewPrescription(dossierDue(), addDays(DEADLINE, 1));
    expect(after).toMatchObject({ newlyPrescribed: ['F-2026-001'], dossierPrescribed: true, warnings: [] });
    expect(after.nextCheckOn).toBeUndefined();
  });

  it('prescribes the invoices one by one; the dossier only when every unpaid one is', () => {
    const dossier = aDossier({
      invoices: [
        anInvoice({ number: 'OLD', prescriptionDate: '2030-01-10' }),
        anInvoice({ number: 'PAID', prescriptionDate: '2030-01-10', paidCents: 120_000 }),
        anInvoice({ number: 'NEW', prescriptionDate: '2031-06-30' }),
      ],
      prescriptionDate: '2030-01-10',
    });
    const review = reviewPrescription(dossier, '2030-01-11');
    expect(review.newlyPrescribed).toEqual(['OLD']);
    expect(review.dossierPrescribed).toBe(false);
    expect(review.nextCheckOn).toBe(addDays('2031-06-30', -90));

    const later = apply(dossier, review);
    const end = reviewPrescription(later, '2031-07-01');
    expect(end.newlyPrescribed).toEqual(['NEW']);
    expect(end.dossierPrescribed).toBe(true);
  });

  it('never prescribes a paid invoice nor one already marked', () => {
    const dossier = aDossier({
      invoices: [
        anInvoice({ number: 'PAID', paidCents: 120_000, prescriptionDate: '2030-01-10' }),
        anInvoice({ number: 'DONE', prescribed: true, prescriptionDate: '2030-01-10' }),
      ],
    });
    expect(reviewPrescription(dossier, '2030-06-01')).toMatchObject({
      newlyPrescribed: [],
      dossierPrescribed: false,
    });
  });

  it('warns anew for the next deadline once the first invoice is time-barred', () => {
    // OLD's warnings were all sent; NEW has its own deadline six months later: its creditor must be warned too.
    let dossier = aDossier({
      invoices: [
        anInvoice({ number: 'OLD', prescriptionDate: DEADLINE }),
        anInvoice({ number: 'NEW', prescriptionDate: '2031-09-03' }),
      ],
      prescriptionDate: DEADLINE,
      prescriptionWarnings: [90, 30, 7],
    });
    dossier = apply(dossier, reviewPrescription(dossier, addDays(DEADLINE, 1)));
    expect(dossier.invoices.map((i) => i.prescribed ?? false)).toEqual([true, false]);
    const warnings = [];
    for (let day = addDays(DEADLINE, 2); day <= '2031-09-03'; day = addDays(day, 1)) {
      const review = reviewPrescription(dossier, day);
      warnings.push(
        ...review.warnings.map((w) => ({ day, daysBefore: w.daysBefore, invoices: w.invoiceNumbers })),
      );
      dossier = apply(dossier, review);
    }
    expect(warnings).toEqual([
      { day: addDays('2031-09-03', -90), daysBefore: 90, invoices: ['NEW'] },
      { day: addDays('2031-09-03', -30), daysBefore: 30, invoices: ['NEW'] },
      { day: addDays('2031-09-03', -7), daysBefore: 7, invoices: ['NEW'] },
    ]);
  });

  it('walking every day or only the planned check days gives the same warnings (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (startBefore) => {
        const collect = (everyDay: boolean) => {
          let dossier = dossierDue();
          let day = daysBeforeDeadline(startBefore);
          const sent: [LocalDate, number][] = [];
          while (dossier.status === 'open' && day <= addDays(DEADLINE, 2)) {
            const review = reviewPrescription(dossier, day);
            for (const w of review.warnings) sent.push([day, w.daysBefore]);
            dossier = apply(dossier, review);
            if (!everyDay && review.nextCheckOn) expect(review.nextCheckOn > day).toBe(true);
            day = everyDay || !review.nextCheckOn ? addDays(day, 1) : review.nextCheckOn;
          }
          return { sent, status: dossier.status };
        };
        const daily = collect(true);
        expect(collect(false)).toEqual(daily);
        expect(daily.status).toBe('prescribed');
        // Each threshold at most once, tighter ones after wider ones.
        const thresholds = daily.sent.map(([, d]) => d);
        expect(new Set(thresholds).size).toBe(thresholds.length);
        expect([...thresholds].sort((a, b) => b - a)).toEqual(thresholds);
        expect(thresholds.at(-1)).toBe(7);
      }),
      { numRuns: 40 },
    );
  });
});

describe('nextPrescriptionCheck', () => {
  it('is the next unsent warning day, else the day after the deadline, never today or earlier', () => {
    expect(nextPrescriptionCheck(DEADLINE, [], DEFAULT_WARNING_DAYS, '2030-01-01')).toBe(
      daysBeforeDeadline(90),
    );
    expect(nextPrescriptionCheck(DEADLINE, [90], DEFAULT_WARNING_DAYS, daysBeforeDeadline(90))).toBe(
      daysBeforeDeadline(30),
    );
    expect(nextPrescriptionCheck(DEADLINE, [90, 30, 7], DEFAULT_WARNING_DAYS, daysBeforeDeadline(3))).toBe(
      addDays(DEADLINE, 1),
    );
    expect(nextPrescriptionCheck(DEADLINE, [], DEFAULT_WARNING_DAYS, addDays(DEADLINE, 5))).toBe(
      addDays(DEADLINE, 6),
    );
    expect(nextPrescriptionCheck(undefined, [], DEFAULT_WARNING_DAYS, '2030-01-01')).toBeUndefined();
  });
});
