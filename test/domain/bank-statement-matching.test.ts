import { describe, expect, it } from 'vitest';
import type { StatementLine } from '../../shared/domain/bank-statement';
import {
  matchCredit,
  matchingIndex,
  normalisedName,
  remittanceWords,
} from '../../shared/domain/bank-statement-matching';
import { aDebtor, aDossier, anInvoice } from '../support/builders';

const line = (overrides: Partial<StatementLine>): StatementLine => ({
  position: 'Ntry 1',
  direction: 'credit',
  booked: true,
  date: '2026-11-30',
  amountCents: 10_000,
  currency: 'EUR',
  references: [],
  fingerprint: 'f',
  ...overrides,
});

const index = matchingIndex([
  aDossier({
    dossierId: 'DOS-A1',
    debtor: aDebtor({ ref: 'A1', name: 'Société Générale de Menuiserie' }),
    invoices: [
      anInvoice({ number: '2026/001', amountCents: 10_000 }),
      anInvoice({ number: '2026/002', amountCents: 5_000 }),
    ],
  }),
  aDossier({
    dossierId: 'DOS-CLI-777',
    debtor: aDebtor({ ref: 'CLI-777', name: 'Jean Dupont' }),
    invoices: [anInvoice({ number: 'F-77', amountCents: 7_700 })],
  }),
]);

describe('bank statement matching', () => {
  it('names are compared without accents, civilities, punctuation or word order', () => {
    expect(normalisedName('M. DUPONT Jean')).toBe(normalisedName('Jean Dupont'));
    expect(normalisedName('STE GENERALE DE MENUISERIE')).toBe(
      normalisedName('Société Générale de Menuiserie'),
    );
  });

  it('finds invoice numbers as words, and both parts of "a/b"', () => {
    expect(remittanceWords({ references: ['Fact. 2026/001;F-77 (solde)'] })).toEqual(
      expect.arrayContaining(['2026/001', '2026', '001', 'F-77']),
    );
    expect(matchCredit(line({ references: ['REF 2026/002'], amountCents: 5_000 }), index)).toMatchObject({
      kind: 'matched',
      rule: 'invoice',
      dossierId: 'DOS-A1',
      invoices: ['2026/002'],
    });
  });

  it('invoices of two dossiers named: ambiguous, both candidates', () => {
    expect(matchCredit(line({ references: ['2026/001 F-77'] }), index)).toEqual({
      kind: 'ambiguous',
      rule: 'invoice',
      candidates: ['DOS-A1', 'DOS-CLI-777'],
      reason: 'the remittance information names invoices of several dossiers',
    });
  });

  it('a customer reference matches the dossier; a reference shorter than 4 characters is not trusted', () => {
    expect(matchCredit(line({ references: ['client CLI-777'], amountCents: 7_700 }), index)).toMatchObject({
      kind: 'matched',
      rule: 'reference',
      dossierId: 'DOS-CLI-777',
    });
    expect(matchCredit(line({ references: ['A1'] }), index).kind).toBe('unmatched');
  });

  it('payer and amount: the one invoice whose balance it is; a known payer with another amount is unmatched, with its dossier listed', () => {
    expect(matchCredit(line({ payerName: 'DUPONT JEAN', amountCents: 7_700 }), index)).toMatchObject({
      kind: 'matched',
      rule: 'amount-and-payer',
      invoices: ['F-77'],
    });
    expect(matchCredit(line({ payerName: 'DUPONT JEAN', amountCents: 7_000 }), index)).toMatchObject({
      kind: 'unmatched',
      candidates: ['DOS-CLI-777'],
    });
  });
});
