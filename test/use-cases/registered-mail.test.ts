import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../shared/domain/dossier';
import { NotFoundError } from '../../shared/domain/errors';
import { recordDeliveryReceipt } from '../../shared/use-cases/events/record-delivery-receipt';
import { sendMonthlyStatements } from '../../shared/use-cases/statements/send-monthly-statements';
import { aDebtor, aDossier, anInvoice, morningOf } from '../support/builders';
import { formalNoticeEvent, PAST_CALL, runStep, storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/** Registered sending of the formal notice and its receipts, and monthly statements, on dynalite. */
let deps: TestPipeline;
let counter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

const setup = (overrides: Partial<Dossier> = {}): Promise<Dossier> =>
  storedDossier(deps.repository, `tenant-lrar-${++counter}`, overrides);

const step = (dossier: Dossier, day: string) => runStep(deps, dossier, day);

/** A B2B dossier (due 2026-03-03) whose formal notice leaves on 2026-03-25: judicial review is due 2026-04-07. */
async function noticeSent(): Promise<{ dossier: Dossier; trackingRef: string }> {
  const dossier = await setup(PAST_CALL);
  await step(dossier, '2026-03-25');
  const sent = await formalNoticeEvent(deps.repository, dossier);
  expect(sent?.state).toBe('done');
  return { dossier, trackingRef: sent!.trackingRef! };
}

const receipt = (
  dossier: Dossier,
  trackingRef: string,
  day: string,
  status: 'delivered' | 'returned' = 'delivered',
) => ({
  tenantId: dossier.tenantId,
  dossierId: dossier.dossierId,
  trackingRef,
  status,
  day,
  at: `${day}T10:00:00.000Z`,
  ...(status === 'returned' ? { reason: 'pli avisé et non réclamé' } : {}),
});

describe('formal notice sent by registered mail', () => {
  it('posts the notice once and records its tracking reference', async () => {
    const { dossier, trackingRef } = await noticeSent();
    expect(trackingRef).toMatch(/^1L/);
    await step(dossier, '2026-03-25');
    const letters = deps.messenger.sent.filter(
      (s) => s.channel === 'letter' && s.message.dossierId === dossier.dossierId,
    );
    expect(letters).toHaveLength(1);
  });

  it('counts the payment deadline from delivery: judicial review waits for delivery + 8 days + 1', async () => {
    const { dossier, trackingRef } = await noticeSent();
    // A slow delivery: received on 3 April, so the 8 days run until 11 April.
    const outcome = await recordDeliveryReceipt(deps, receipt(dossier, trackingRef, '2026-04-03'));
    expect(outcome).toEqual({ recorded: true, nextActionOn: '2026-04-12' });
    expect(await recordDeliveryReceipt(deps, receipt(dossier, trackingRef, '2026-04-03'))).toEqual({
      recorded: false,
    });
    const early = await step(dossier, '2026-04-07');
    expect(early).toMatchObject({ kind: 'reschedule', nextActionOn: '2026-04-12' });
    expect(early.kind === 'reschedule' && early.reason).toMatch(/delivered on 2026-04-03/);
    expect(await step(dossier, '2026-04-12')).toMatchObject({ kind: 'act', level: 'judicial-review' });
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    const delivered = timeline.find((e) => e.type === 'letter-delivered');
    expect(delivered).toMatchObject({ trackingRef, day: '2026-04-03', legalBasis: ['C.civ. 1344'] });
  });

  it('does not wait longer than the scenario when the notice is delivered promptly', async () => {
    const { dossier, trackingRef } = await noticeSent();
    await recordDeliveryReceipt(deps, receipt(dossier, trackingRef, '2026-03-27'));
    expect(await step(dossier, '2026-04-07')).toMatchObject({ kind: 'act', level: 'judicial-review' });
  });

  it('counts from first presentation for a letter returned unclaimed', async () => {
    const { dossier, trackingRef } = await noticeSent();
    await recordDeliveryReceipt(deps, receipt(dossier, trackingRef, '2026-03-30', 'returned'));
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.find((e) => e.type === 'letter-returned')?.note).toMatch(/pli avisé et non réclamé/);
    expect(await step(dossier, '2026-04-07')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-04-08',
    });
  });

  it('waits for a receipt, then notes a notice undelivered after 15 days and counts from then', async () => {
    const { dossier } = await noticeSent();
    expect(await step(dossier, '2026-04-07')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-04-09',
    });
    expect(await step(dossier, '2026-04-09')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-04-18',
    });
    await step(dossier, '2026-04-10');
    const notes = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).filter(
      (e) => e.type === 'letter-undelivered',
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.note).toMatch(/no delivery receipt 15 days after sending \(2026-03-25\)/);
    expect(await step(dossier, '2026-04-18')).toMatchObject({ kind: 'act', level: 'judicial-review' });
  });

  it('rejects a receipt for a letter the dossier never sent', async () => {
    const dossier = await setup();
    await expect(
      recordDeliveryReceipt(deps, receipt(dossier, 'UNKNOWN', '2026-04-01')),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('monthly statement', () => {
  it('e-mails open invoices on the first working day of the month to the debtors who asked, once', async () => {
    const asked = await setup({
      debtor: aDebtor({ ref: 'S-1', statement: 'monthly' }),
      invoices: [anInvoice({ number: 'S-1-A', dueDate: '2026-02-20' })],
    });
    const tenantId = asked.tenantId;
    const notAsked = aDossier({ tenantId, dossierId: 'DOS-S-2', debtor: aDebtor({ ref: 'S-2' }) });
    const paid = aDossier({
      tenantId,
      dossierId: 'DOS-S-3',
      status: 'paid',
      debtor: aDebtor({ ref: 'S-3', statement: 'monthly' }),
    });
    await deps.repository.createDossier(notAsked);
    await deps.repository.createDossier(paid);
    const before = deps.messenger.sent.length;

    expect(await sendMonthlyStatements(deps, { tenantId, asOf: morningOf('2026-02-03') })).toMatchObject({
      sent: 0,
    });
    expect(await sendMonthlyStatements(deps, { tenantId, asOf: morningOf('2026-02-02') })).toMatchObject({
      sent: 1,
    });
    expect(await sendMonthlyStatements(deps, { tenantId, asOf: morningOf('2026-02-02') })).toMatchObject({
      sent: 0,
      alreadySent: 1,
    });
    const sent = deps.messenger.sent.slice(before);
    expect(sent).toHaveLength(1);
    const email = sent[0]!;
    if (email.channel !== 'email') throw new Error('e-mail expected');
    expect(email.message.dossierId).toBe(asked.dossierId);
    expect(email.message.subject).toMatch(/^Relevé de compte au 2 février 2026/);
    expect(email.message.text).toContain('S-1-A');
    const event = await deps.repository.getEvent(tenantId, asked.dossierId, '2026-02-02#STATEMENT');
    expect(event).toMatchObject({ type: 'statement-sent', state: 'done' });
  });
});
