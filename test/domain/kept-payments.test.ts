import { describe, expect, it } from 'vitest';
import type { Dossier, DossierPayment } from '../../shared/domain/dossier';
import { dossierBalance } from '../../shared/domain/legal/dossier-balance';
import { aDebtor, aDossier, anInvoice } from '../support/builders';

/**
 * What an invoice settled on its own (a dispute upheld down to what was paid on it) kept of the
 * payments is not imputed again to the other invoices (dossier-claim.ts, withoutKept; found by the
 * lifecycle properties, docs/reliability.md). Consumer debtor: no indemnity, legal interest only.
 */

const payment = (
  paymentId: string,
  date: string,
  amountCents: number,
  settledOn?: string,
): DossierPayment => ({
  paymentId,
  date,
  amountCents,
  currency: 'EUR',
  receivedAt: `${date}T09:00:00.000Z`,
  ...(settledOn ? { settledOn } : {}),
});

function dossier(overrides: Partial<Dossier>): Dossier {
  return aDossier({ debtor: aDebtor({ type: 'consumer' }), creditorType: 'professional', ...overrides });
}

describe('payments kept by an invoice settled on its own', () => {
  it('stay with it: the other invoice is not paid with them, and they are no credit', () => {
    const upheld = anInvoice({
      number: 'F-1',
      nature: 'consumer',
      amountCents: 5_000,
      originalAmountCents: 20_000,
      paidCents: 5_000,
      dueDate: '2026-10-01',
      settledOn: '2026-11-20',
    });
    const other = anInvoice({
      number: 'F-2',
      nature: 'consumer',
      amountCents: 10_000,
      dueDate: '2026-10-01',
    });
    const balance = dossierBalance(
      dossier({ invoices: [upheld, other], payments: [payment('P-1', '2026-11-02', 5_000)] }),
      [],
      '2026-11-30',
    );
    expect({
      received: balance.receivedCents,
      imputed: balance.imputedCents,
      unimputed: balance.unimputedCents,
    }).toEqual({ received: 0, imputed: 0, unimputed: 0 });
    expect(balance.principalDueCents).toBe(10_000);
  });

  it('take nothing from a later ladder once a closing settled their payments', () => {
    const closedLadder = anInvoice({
      number: 'F-1',
      nature: 'consumer',
      amountCents: 5_000,
      paidCents: 5_000,
      dueDate: '2026-08-01',
      settledOn: '2026-09-01',
    });
    const reopened = anInvoice({
      number: 'F-3',
      nature: 'consumer',
      amountCents: 10_000,
      dueDate: '2026-11-01',
    });
    const balance = dossierBalance(
      dossier({
        invoices: [closedLadder, reopened],
        payments: [payment('P-1', '2026-08-20', 5_000, '2026-09-01'), payment('P-2', '2026-11-10', 4_000)],
      }),
      [],
      '2026-11-30',
    );
    expect({ received: balance.receivedCents, imputed: balance.imputedCents }).toEqual({
      received: 4_000,
      imputed: 4_000,
    });
  });
});
