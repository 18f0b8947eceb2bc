import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../shared/domain/dossier';
import { decideStep } from '../../shared/use-cases/escalation/decide-step';
import { performAction } from '../../shared/use-cases/escalation/perform-action';
import { recordStep } from '../../shared/use-cases/escalation/record-step';
import {
  type DeliveryFailure,
  recordDeliveryFailure,
} from '../../shared/use-cases/events/record-delivery-failure';
import { aDebtor, aDossier, aTenant } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type RecordingLogger, type TestPipeline } from '../support/recording-ports';

let deps: TestPipeline;
let counter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

// Reference due date 2026-03-03: R1 on 03-04 (a Wednesday), R2 on 03-11.
async function setup(overrides: Partial<Dossier> = {}): Promise<Dossier> {
  const dossier = aDossier({ tenantId: `tenant-feedback-${++counter}`, ...overrides });
  await deps.repository.createDossier(dossier);
  await deps.repository.putTenant(aTenant(dossier.tenantId));
  return dossier;
}

/** One whole escalation step (decide, act on each channel, record), as the state machine runs it. */
async function step(dossier: Dossier, asOf: string) {
  const input = { tenantId: dossier.tenantId, dossierId: dossier.dossierId, asOf };
  const decision = await decideStep(deps, input);
  const results =
    decision.kind === 'act'
      ? await Promise.all(decision.actions.map((action) => performAction(deps, { ...input, action })))
      : [];
  await recordStep(deps, { ...input, decision });
  return { decision, results };
}

function bounce(dossier: Dossier, overrides: Partial<DeliveryFailure> = {}): DeliveryFailure {
  return {
    kind: 'bounce',
    feedbackId: `fb-${dossier.tenantId}`,
    messageId: `ses-${dossier.tenantId}`,
    occurredAt: '2026-03-04T08:01:00.000Z',
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    actionEventId: '2026-03-04#ACT#reminder-1#email',
    level: 'reminder-1',
    detail: 'Permanent/General',
    ...overrides,
  };
}

const { phone: _phone, ...noPhone } = aDebtor();

describe('recordDeliveryFailure', () => {
  it('records a bounce once, marks the e-mail failing and brings the dossier back on the sweep', async () => {
    const dossier = await setup({ levelIndex: 1, lastActionOn: '2026-03-04', nextActionOn: '2026-03-11' });
    // Prepare
    const failure = bounce(dossier);
    // Act
    const first = await recordDeliveryFailure(deps, failure);
    const again = await recordDeliveryFailure(deps, failure);
    // Assess
    expect(first).toMatchObject({ status: 'recorded', dossierId: dossier.dossierId, channel: 'email' });
    expect(again.status).toBe('duplicate');
    const stored = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(stored?.debtor.failingChannels).toEqual(['email']);
    expect(stored?.nextActionOn).toBe('2026-03-04');
    const events = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).filter(
      (event) => event.type === 'delivery-failed',
    );
    expect(events).toEqual([
      expect.objectContaining({
        eventId: `2026-03-04#FAIL#${failure.feedbackId}`,
        level: 'reminder-1',
        channel: 'email',
        deliveryFailure: 'bounce',
        note: 'Permanent/General',
      }),
    ]);
  });

  it('turns a complaint into an opt-out of e-mail without rescheduling anything', async () => {
    const dossier = await setup({ levelIndex: 1, lastActionOn: '2026-03-04', nextActionOn: '2026-03-11' });
    await recordDeliveryFailure(deps, bounce(dossier, { kind: 'complaint', detail: 'abuse' }));
    const stored = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(stored?.debtor.optOuts).toEqual(['email']);
    expect(stored?.debtor.failingChannels).toBeUndefined();
    expect(stored?.nextActionOn).toBe('2026-03-11');
  });

  it('finds the dossier of a failed SMS from its message reference', async () => {
    const dossier = await setup({ levelIndex: 2, lastActionOn: '2026-03-11' });
    await deps.repository.putMessageRef({
      messageId: `sns-${dossier.tenantId}`,
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      eventId: '2026-03-11#ACT#reminder-2#sms',
      level: 'reminder-2',
      channel: 'sms',
    });
    const outcome = await recordDeliveryFailure(deps, {
      kind: 'sms-failure',
      feedbackId: `sns-${dossier.tenantId}`,
      messageId: `sns-${dossier.tenantId}`,
      occurredAt: '2026-03-11T08:00:02.000Z',
    });
    expect(outcome).toMatchObject({ status: 'recorded', dossierId: dossier.dossierId, channel: 'sms' });
    const stored = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(stored?.debtor.failingChannels).toEqual(['sms']);
  });

  it('ignores a message it does not know, and logs no address', async () => {
    const outcome = await recordDeliveryFailure(deps, {
      kind: 'sms-failure',
      feedbackId: 'sns-unknown',
      messageId: 'sns-unknown',
      occurredAt: '2026-03-11T08:00:02.000Z',
    });
    expect(outcome.status).toBe('unknown-message');
    expect(JSON.stringify((deps.logger as RecordingLogger).entries)).not.toMatch(/@|\+33/);
  });

  it('sends the bounced level again by letter at the next step, once, then goes on with the ladder', async () => {
    const dossier = await setup({ levelIndex: 0, lastActionOn: '2026-02-28', debtor: noPhone });
    const r1 = await step(dossier, '2026-03-04T08:00:00.000Z');
    expect(r1.decision).toMatchObject({ kind: 'act', level: 'reminder-1', actions: [{ channel: 'email' }] });
    await recordDeliveryFailure(deps, bounce(dossier));
    // 03-05: too soon after the e-mail (the bounce still counts as a contact day): postponed, recorded.
    expect((await step(dossier, '2026-03-05T08:00:00.000Z')).decision).toMatchObject({
      kind: 'reschedule',
      guard: 'spacing',
      nextActionOn: '2026-03-06',
    });
    const fallback = await step(dossier, '2026-03-06T08:00:00.000Z');
    expect(fallback.decision).toMatchObject({ kind: 'act', fallback: true, level: 'reminder-1' });
    expect(fallback.results).toEqual([expect.objectContaining({ channel: 'letter', status: 'sent' })]);
    // The same day again, and the next day: nothing more for reminder 1.
    expect((await step(dossier, '2026-03-06T09:00:00.000Z')).decision.kind).toBe('none');
    expect((await step(dossier, '2026-03-07T08:00:00.000Z')).decision.kind).toBe('reschedule');
    const stored = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(stored).toMatchObject({ levelIndex: 1, lastActionOn: '2026-03-06', nextActionOn: '2026-03-11' });
    // Reminder 2 (e-mail + SMS) has neither left: it goes by letter.
    const r2 = await step(dossier, '2026-03-11T08:00:00.000Z');
    expect(r2.decision).toMatchObject({ kind: 'act', level: 'reminder-2', actions: [{ channel: 'letter' }] });
    const letters = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).filter(
      (event) => event.type === 'action-sent' && event.channel === 'letter',
    );
    expect(letters.map((event) => event.level)).toEqual(['reminder-1', 'reminder-2']);
  });
});
