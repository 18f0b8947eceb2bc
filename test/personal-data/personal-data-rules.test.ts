import { describe, expect, it } from 'vitest';
import { addYears } from '../../shared/domain/calendar';
import { documentHold, endedOn, erasureRefusal } from '../../shared/domain/personal-data';
import { aDossier, anInvoice } from '../support/builders';
import { aJudicialState } from '../support/court-events';

describe('personal data rules (docs/personal-data.md)', () => {
  it('counts years on the calendar, 29 February falling back to the 28th', () => {
    expect(addYears('2021-11-30', 5)).toBe('2026-11-30');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('keeps an invoice 10 years from its issue (C.com. L123-22), then lets it go', () => {
    const dossier = aDossier({ status: 'paid' });
    expect(documentHold('invoice', dossier, '2026-11-30', '2016-12-01')?.articles).toContain(
      'C.com. L123-22',
    );
    expect(documentHold('invoice', dossier, '2026-11-30', '2016-11-29')).toBeUndefined();
  });

  it('keeps the court file of a title being enforced even once every invoice is time-barred (CPCE L111-4)', () => {
    const dossier = aDossier({
      status: 'closed',
      invoices: [anInvoice({ prescribed: true, prescriptionDate: '2025-01-01' })],
      judicial: aJudicialState({ stage: 'closed', events: { 'enforceable-formula': '2024-05-02' } }),
    });
    expect(documentHold('court-file', dossier, '2026-11-30')?.articles).toContain('CPCE L111-4');
    expect(documentHold('formal-notice', dossier, '2026-11-30')).toBeUndefined();
    expect(documentHold('email', dossier, '2026-11-30')).toBeUndefined();
  });

  it('refuses erasure during court proceedings, even on a closed dossier (RGPD art. 17(3)(e))', () => {
    const inCourt = aDossier({ status: 'closed', judicial: aJudicialState({ stage: 'order-served' }) });
    expect(erasureRefusal(inCourt)).toMatch(/order-served.*17\(3\)\(e\)/);
    expect(erasureRefusal(aDossier({ status: 'paid' }))).toBeUndefined();
  });

  it('dates the end of a paid dossier by its last settlement, of a time-barred one by its last prescription', () => {
    expect(
      endedOn(
        aDossier({
          status: 'paid',
          invoices: [anInvoice({ settledOn: '2021-03-01' }), anInvoice({ settledOn: '2021-04-02' })],
        }),
      ),
    ).toBe('2021-04-02');
    expect(
      endedOn(aDossier({ status: 'prescribed', invoices: [anInvoice({ prescriptionDate: '2022-05-05' })] })),
    ).toBe('2022-05-05');
    expect(endedOn(aDossier({ status: 'open' }))).toBeUndefined();
  });
});
