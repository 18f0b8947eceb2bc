import { describe, expect, it } from 'vitest';
import { dossierIdFor } from '../../shared/domain/dossier';
import type { CreditorType, DebtorType } from '../../shared/domain/parties';
import { defaultNature, qualifyInvoice, refreshPrescription } from '../../shared/domain/qualification';
import { aDossier, anInvoice } from '../support/builders';

describe('defaultNature', () => {
  it.each<[CreditorType, DebtorType, string]>([
    ['professional', 'professional', 'commercial'],
    ['professional', 'consumer', 'consumer'],
    ['professional', 'non-professional-legal-person', 'civil'],
    ['individual', 'professional', 'civil'],
    ['individual', 'consumer', 'civil'],
  ])('a %s creditor against a %s debtor: %s', (creditor, debtor, nature) => {
    expect(defaultNature(creditor, debtor)).toBe(nature);
  });
});

describe('qualifyInvoice: prescription date', () => {
  const { prescriptionDate: _p, ...unqualified } = anInvoice({
    issueDate: '2026-01-15',
    dueDate: '2026-03-03',
    performanceDate: '2026-01-10',
  });

  it('commercial: 5 years from the due date (C.com. L110-4)', () => {
    expect(qualifyInvoice({ ...unqualified, nature: 'commercial' }, 'professional').prescriptionDate).toBe(
      '2031-03-03',
    );
  });

  it('consumer: 2 years from performance, not from the invoice or its due date (C.conso L218-2)', () => {
    expect(qualifyInvoice({ ...unqualified, nature: 'consumer' }, 'consumer').prescriptionDate).toBe(
      '2028-01-10',
    );
  });

  it('consumer without a performance date: 2 years from the due date', () => {
    const { performanceDate: _d, ...noPerformance } = unqualified;
    expect(qualifyInvoice({ ...noPerformance, nature: 'consumer' }, 'consumer').prescriptionDate).toBe(
      '2028-03-03',
    );
  });

  it('a non-professional legal person does not get the consumer 2 years', () => {
    expect(
      qualifyInvoice({ ...unqualified, nature: 'consumer' }, 'non-professional-legal-person')
        .prescriptionDate,
    ).toBe('2031-03-03');
  });

  it('civil: 5 years; keeps every other field', () => {
    const invoice = qualifyInvoice({ ...unqualified, nature: 'civil' }, 'consumer');
    expect(invoice).toEqual({ ...unqualified, nature: 'civil', prescriptionDate: '2031-03-03' });
  });

  it('a due date on 29 February ends on 28 February', () => {
    const leap = { ...unqualified, dueDate: '2028-02-29', nature: 'commercial' as const };
    expect(qualifyInvoice(leap, 'professional').prescriptionDate).toBe('2033-02-28');
  });
});

describe('refreshPrescription', () => {
  it('takes the earliest deadline of the unpaid invoices and plans the first check', () => {
    const dossier = aDossier({
      invoices: [
        anInvoice({ number: 'A', prescriptionDate: '2031-03-03', paidCents: 120_000 }),
        anInvoice({ number: 'B', prescriptionDate: '2031-05-10' }),
        anInvoice({ number: 'C', prescriptionDate: '2032-01-01' }),
      ],
    });
    const refreshed = refreshPrescription(dossier, '2026-03-01');
    expect(refreshed.prescriptionDate).toBe('2031-05-10');
    expect(refreshed.nextPrescriptionCheckOn).toBe('2031-02-09');
  });

  it('drops both fields when nothing is left to claim', () => {
    const dossier = aDossier({
      invoices: [anInvoice({ paidCents: 120_000 })],
      prescriptionDate: '2031-03-03',
      nextPrescriptionCheckOn: '2030-12-03',
    });
    const refreshed = refreshPrescription(dossier, '2026-03-01');
    expect(refreshed).not.toHaveProperty('prescriptionDate');
    expect(refreshed).not.toHaveProperty('nextPrescriptionCheckOn');
  });

  it('keeps the warnings sent for an unchanged deadline, forgets them for a new one', () => {
    const warned = aDossier({ prescriptionDate: '2031-03-03', prescriptionWarnings: [90] });
    expect(refreshPrescription(warned, '2030-12-10').prescriptionWarnings).toEqual([90]);
    const earlier = {
      ...warned,
      invoices: [...warned.invoices, anInvoice({ number: 'X', prescriptionDate: '2031-01-20' })],
    };
    const refreshed = refreshPrescription(earlier, '2030-12-10');
    expect(refreshed.prescriptionDate).toBe('2031-01-20');
    expect(refreshed.prescriptionWarnings).toEqual([]);
  });
});

describe('dossierIdFor', () => {
  it('keeps a plain debtor ref readable', () => {
    expect(dossierIdFor('C100')).toBe('DOS-C100');
  });

  it('keeps refs apart that differ only by unsafe characters', () => {
    expect(dossierIdFor('A/1')).not.toBe(dossierIdFor('A_1'));
    expect(dossierIdFor('A/1')).toMatch(/^DOS-A_1-[0-9a-f]{8}$/);
    expect(dossierIdFor('A/1')).toBe(dossierIdFor('A/1'));
  });
});
