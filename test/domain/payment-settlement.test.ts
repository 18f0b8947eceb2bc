import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../shared/domain/dossier';
import { dossierBalance } from '../../shared/domain/legal/dossier-balance';
import { dossierClaimStatement } from '../../shared/domain/legal/dossier-claim';
import {
  DEFAULT_PAYMENT_POLICY,
  type IncomingPayment,
  type PaymentPolicy,
  settlePayment,
} from '../../shared/domain/payment-settlement';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aDossier, anInvoice } from '../support/builders';

/**
 * One B2B invoice of 1,200 EUR due 3 March 2026: penalties at 12.15 % (ECB 2.15 + 10) from
 * 4 March, i.e. 3.99 EUR per 10 days, and a 40 EUR indemnity (docs/legal.md §2, §13).
 */
const dossier = () => aDossier({ invoices: [anInvoice({ number: 'F-1', amountCents: 120_000 })] });
const WAIVE_NOT: PaymentPolicy = { waiveAccessoriesWhenPrincipalPaid: false };

function settle(d: Dossier, payment: IncomingPayment, day: string, policy = DEFAULT_PAYMENT_POLICY) {
  const result = settlePayment(d, [], payment, { receivedAt: `${day}T12:00:00.000Z`, policy });
  if (result.kind !== 'recorded') throw new Error('expected a recorded payment');
  return result;
}

describe('settlePayment', () => {
  it('closes on principal paid by default and waives exactly the accessories left', () => {
    // Paid on 13 March: 10 days of penalties (3.99 EUR) and the indemnity (40 EUR) are owed.
    const result = settle(
      dossier(),
      { paymentId: 'P', date: '2026-03-13', amountCents: 120_000 },
      '2026-03-13',
    );

    expect(result.dossier.status).toBe('paid');
    expect(result.record.imputation).toEqual({
      appliedCents: 120_000,
      creditCents: 0,
      invoices: ['F-1'],
      closed: true,
      waivedInterestCents: 399,
      waivedIndemnityCents: 4_000,
    });
    expect(result.dossier.invoices[0]).toMatchObject({ paidCents: 120_000, settledOn: '2026-03-13' });
  });

  it('without the waiver, keeps claiming what the engine says is owed, interest first', () => {
    const first = settle(
      dossier(),
      { paymentId: 'P', date: '2026-03-13', amountCents: 120_000 },
      '2026-03-13',
      WAIVE_NOT,
    );
    expect(first.dossier.status).toBe('open');
    // 3.99 EUR went to the penalties, so 3.99 EUR of principal is left, plus the indemnity.
    expect(first.dossier.invoices[0]?.paidCents).toBe(120_000 - 399);
    expect(first.outstandingCents).toBe(399 + 4_000);

    const rest = settle(
      first.dossier,
      { paymentId: 'Q', date: '2026-03-13', amountCents: 4_399 },
      '2026-03-13',
      WAIVE_NOT,
    );
    expect(rest.dossier.status).toBe('paid');
    expect(rest.record.imputation).toMatchObject({ closed: true, waivedInterestCents: 0, creditCents: 0 });
  });

  it('stops interest on the principal a payment paid, from its date', () => {
    const early = settle(
      dossier(),
      { paymentId: 'P', date: '2026-03-05', amountCents: 60_000 },
      '2026-04-02',
      WAIVE_NOT,
    );
    const statement = dossierClaimStatement(early.dossier, [], '2026-04-02');
    // 2 days on 1,200 EUR, then 28 days on the ~600 EUR left: well under 30 days on 1,200 EUR (11.98).
    expect(statement.invoices[0]?.interestAccruedCents).toBeLessThan(700);
    expect(early.outstandingCents).toBe(statement.totals.totalDueCents);
  });

  it('never claims again what a closing settled when new invoices reopen the dossier', () => {
    const closed = settle(
      dossier(),
      { paymentId: 'P', date: '2026-03-13', amountCents: 120_000 },
      '2026-03-13',
    );
    const reopened: Dossier = {
      ...closed.dossier,
      status: 'open',
      invoices: [
        ...closed.dossier.invoices,
        anInvoice({ number: 'F-2', amountCents: 5_000, issueDate: '2026-04-01', dueDate: '2026-05-01' }),
      ],
    };

    const balance = dossierBalance(reopened, [], '2026-04-15');

    expect(balance.principalCents).toBe(5_000);
    expect(balance.totalDueCents).toBe(5_000);
    expect(balance.receivedCents).toBe(0);
  });

  it('keeps the payments recorded before the dossier kept its own list', () => {
    const legacy = aDossier({
      invoices: [anInvoice({ number: 'F-1', amountCents: 120_000, paidCents: 30_000 })],
      appliedPaymentIds: ['OLD'],
    });
    const timeline: TimelineEvent[] = [
      {
        tenantId: legacy.tenantId,
        dossierId: legacy.dossierId,
        eventId: '2026-03-05#PAY#OLD',
        type: 'payment-received',
        at: '2026-03-05T10:00:00.000Z',
        day: '2026-03-05',
        actor: 'debtor',
        amountCents: 30_000,
      },
    ];

    const again = settlePayment(
      legacy,
      timeline,
      { paymentId: 'OLD', date: '2026-03-05', amountCents: 30_000 },
      {
        receivedAt: '2026-03-13T12:00:00.000Z',
        policy: DEFAULT_PAYMENT_POLICY,
      },
    );
    const next = settlePayment(
      legacy,
      timeline,
      { paymentId: 'NEW', date: '2026-03-13', amountCents: 90_000 },
      {
        receivedAt: '2026-03-13T12:00:00.000Z',
        policy: DEFAULT_PAYMENT_POLICY,
      },
    );

    expect(again.kind).toBe('duplicate');
    if (next.kind !== 'recorded') throw new Error('expected a recorded payment');
    expect(next.dossier.payments?.map((p) => [p.paymentId, p.amountCents])).toEqual([
      ['OLD', 30_000],
      ['NEW', 90_000],
    ]);
    // 300 + 900 EUR cover the principal: closed, the old payment counted.
    expect(next.dossier.status).toBe('paid');
  });
});
