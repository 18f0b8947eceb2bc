import { expect } from 'vitest';
import type { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import type { Dossier } from '../../shared/domain/dossier';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aDossier, anInvoice } from '../support/builders';

export const TENANT = 'kpi-tenant';

function event(
  TENANT: string,
  dossierId: string,
  eventId: string,
  extra: Partial<TimelineEvent>,
): TimelineEvent {
  const day = eventId.slice(0, 10);
  return {
    tenantId: TENANT,
    dossierId,
    eventId,
    type: 'action-sent',
    at: `${day}T09:00:00.000Z`,
    day,
    actor: 'pipeline',
    ...extra,
  };
}

const entrusted = (TENANT: string, dossierId: string, day: string, number: string, amountCents: number) =>
  event(TENANT, dossierId, `${day}#INV#${number}`, {
    type: 'invoice-added',
    actor: 'creditor',
    amountCents,
    invoiceNumbers: [number],
  });

const paid = (paymentId: string, date: string, amountCents: number, invoices: string[], closed: boolean) => ({
  paymentId,
  date,
  amountCents,
  currency: 'EUR' as const,
  receivedAt: `${date}T09:00:00.000Z`,
  imputation: {
    appliedCents: amountCents,
    creditCents: 0,
    invoices,
    closed,
    waivedInterestCents: 0,
    waivedIndemnityCents: 0,
  },
});

/**
 * The hand-built portfolio (every figure below is worked out by hand in docs/kpis.md's example):
 * A: 1,000 € due 1 Oct + 500 € due 10 Nov, reminded by e-mail then e-mail + SMS, paid in full on
 *    20 Nov after reminder-2 (delays 50 and 10 days);
 * B: 2,000 € due 15 Sep, a call task, the formal notice by registered letter, disputed on 25 Nov;
 * C: 300 € due 15 Dec entrusted on 28 Nov, 100 € paid on 29 Nov.
 */
export async function buildPortfolio(repository: DynamoDossierRepository, TENANT: string) {
  const created = '2026-11-02T08:00:00.000Z';
  const a: Dossier = aDossier({
    tenantId: TENANT,
    dossierId: 'DOS-A',
    invoices: [
      anInvoice({
        number: 'A1',
        amountCents: 100_000,
        paidCents: 100_000,
        dueDate: '2026-10-01',
        settledOn: '2026-11-20',
      }),
      anInvoice({
        number: 'A2',
        amountCents: 50_000,
        paidCents: 50_000,
        dueDate: '2026-11-10',
        settledOn: '2026-11-20',
      }),
    ],
    status: 'paid',
    levelIndex: 2,
    payments: [paid('P1', '2026-11-20', 150_000, ['A1', 'A2'], true)],
    createdAt: created,
  });
  const b = aDossier({
    tenantId: TENANT,
    dossierId: 'DOS-B',
    invoices: [anInvoice({ number: 'B1', amountCents: 200_000, dueDate: '2026-09-15' })],
    status: 'disputed',
    levelIndex: 4,
    createdAt: created,
  });
  const c = aDossier({
    tenantId: TENANT,
    dossierId: 'DOS-C',
    invoices: [anInvoice({ number: 'C1', amountCents: 30_000, paidCents: 10_000, dueDate: '2026-12-15' })],
    payments: [paid('P2', '2026-11-29', 10_000, ['C1'], false)],
    createdAt: '2026-11-28T08:00:00.000Z',
  });
  for (const dossier of [a, b, c]) await repository.createDossier(dossier);
  const intake = [
    entrusted(TENANT, 'DOS-A', '2026-11-02', 'A1', 100_000),
    entrusted(TENANT, 'DOS-A', '2026-11-02', 'A2', 50_000),
    entrusted(TENANT, 'DOS-B', '2026-11-02', 'B1', 200_000),
  ];
  // As intake does (store-debtor.ts): the events, then the dossier's save, then the count.
  await repository.putEvents(intake);
  await repository.countEntrusted(intake.slice(0, 2), true);
  await repository.countEntrusted(intake.slice(2), true);
  const c1 = [entrusted(TENANT, 'DOS-C', '2026-11-28', 'C1', 30_000)];
  await repository.putEvents(c1);
  await repository.countEntrusted(c1, true);
  const timeline = [
    event(TENANT, 'DOS-A', '2026-11-05#ACT#courtesy#email', { level: 'courtesy', channel: 'email' }),
    event(TENANT, 'DOS-A', '2026-11-12#ACT#reminder-2#email', { level: 'reminder-2', channel: 'email' }),
    event(TENANT, 'DOS-A', '2026-11-12#ACT#reminder-2#sms', { level: 'reminder-2', channel: 'sms' }),
    event(TENANT, 'DOS-A', '2026-11-20#PAY#P1', {
      type: 'payment-received',
      actor: 'debtor',
      amountCents: 150_000,
      invoiceNumbers: ['A1', 'A2'],
    }),
    event(TENANT, 'DOS-A', '2026-11-20#STOP#paid', { type: 'dossier-paid' }),
    event(TENANT, 'DOS-B', '2026-11-10#ACT#call#call', {
      type: 'task-created',
      level: 'call',
      channel: 'call',
    }),
    event(TENANT, 'DOS-B', '2026-11-15#ACT#formal-notice#letter', {
      level: 'formal-notice',
      channel: 'letter',
      trackingRef: 'LR1',
    }),
    event(TENANT, 'DOS-B', '2026-11-25#DISPUTE#d1', { type: 'dispute-opened', actor: 'debtor' }),
    event(TENANT, 'DOS-B', '2026-11-26#STOP#disputed', { type: 'dispute-opened' }),
    event(TENANT, 'DOS-C', '2026-11-29#PAY#P2', {
      type: 'payment-received',
      actor: 'debtor',
      amountCents: 10_000,
      invoiceNumbers: ['C1'],
    }),
  ];
  for (const e of timeline) expect(await repository.appendEvent(e)).toBe(true);
  // Retries: the same events written again (a redelivered payment, a re-run intake file) count once.
  await repository.appendEvent(timeline[3]!);
  await repository.appendEvent(timeline[4]!);
  // A retried file rewrites its events; its dossiers already hold the invoices: nothing is counted.
  await repository.putEvents(intake);
}
