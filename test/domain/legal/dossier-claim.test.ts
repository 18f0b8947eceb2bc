import { describe, expect, it } from 'vitest';
import { dossierClaimStatement, invoicePrescription } from '../../../shared/domain/legal/dossier-claim';
import type { TimelineEvent } from '../../../shared/domain/timeline';
import { aDebtor, aDossier, anInvoice } from '../../support/builders';

const event = (over: Partial<TimelineEvent>): TimelineEvent => ({
  tenantId: 'tenant-a',
  dossierId: 'DOS-CLI-001',
  eventId: `${over.day}#${over.type}`,
  type: 'action-sent',
  at: `${over.day}T08:00:00.000Z`,
  day: '2026-01-01',
  actor: 'pipeline',
  ...over,
});

describe('legal engine on a pipeline dossier', () => {
  it('formal notice figures: B2B penalties and the 40 EUR indemnity, payments from the timeline', () => {
    // 1,200.00 EUR due 3 Mar 2026; 300.00 paid on 2 Apr 2026 (30 days at 12.15 % = 11.98 to interest).
    const dossier = aDossier({ invoices: [anInvoice({ paidCents: 30_000 })] });
    const timeline = [
      event({
        type: 'payment-received',
        day: '2026-04-02',
        amountCents: 30_000,
        invoiceNumbers: ['F-2026-001'],
      }),
    ];
    const statement = dossierClaimStatement(dossier, timeline, '2026-04-02');
    expect(statement.invoices[0]).toMatchObject({
      interestPaidCents: 1198,
      principalDueCents: 91_198,
      indemnityCents: 4000,
    });
    expect(statement.procedure.territorial?.postalCode).toBe('69003');
  });

  it('consumer dossier: legal interest only once the formal notice was actually sent', () => {
    const dossier = aDossier({
      debtor: aDebtor({ type: 'consumer' }),
      invoices: [anInvoice({ nature: 'consumer' })],
    });
    const pending = [event({ template: 'formal-notice', day: '2026-04-01', state: 'pending' })];
    expect(dossierClaimStatement(dossier, pending, '2026-05-01').totals.interestCents).toBe(0);
    const sent = [event({ template: 'formal-notice', day: '2026-04-01', state: 'done' })];
    expect(dossierClaimStatement(dossier, sent, '2026-05-01').totals).toMatchObject({
      interestCents: 258,
      indemnityCents: 0,
    });
  });

  it('prescription sweep: a payment on the invoice restarts the period, a formal notice does not', () => {
    const invoice = anInvoice({ dueDate: '2021-03-03', issueDate: '2021-02-01' });
    const timeline = [
      event({ template: 'formal-notice', day: '2025-06-01' }),
      event({
        type: 'payment-received',
        day: '2025-09-15',
        amountCents: 100,
        invoiceNumbers: ['F-2026-001'],
      }),
    ];
    const outcome = invoicePrescription(invoice, 'professional', timeline, '2026-04-01');
    expect(outcome).toMatchObject({ deadline: '2030-09-15', reached: false });
    expect(outcome.chain.map((l) => l.effect)).toEqual(['starts', 'none', 'interrupts']);
  });
});
