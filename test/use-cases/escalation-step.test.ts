import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/calendar';
import type { Dossier } from '../../shared/domain/dossier';
import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import type { EscalationAction, StepDecision } from '../../shared/domain/escalation';
import { decideStep } from '../../shared/use-cases/escalation/decide-step';
import { performAction } from '../../shared/use-cases/escalation/perform-action';
import { recordStep } from '../../shared/use-cases/escalation/record-step';
import { recordDeliveryReceipt } from '../../shared/use-cases/events/record-delivery-receipt';
import { aDebtor, aDossier, aTenant, morningOf } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { RacingRepository } from '../support/racing-repository';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

let deps: TestPipeline;
let racing: RacingRepository;
let counter = 0;

useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
  racing = new RacingRepository(dynamo.client, dynamo.tableName, deps.shardCount);
});

/** A fresh tenant with its profile and one dossier (due 2026-03-03, 1 200 EUR). */
async function setup(overrides: Partial<Dossier> = {}): Promise<Dossier> {
  const tenantId = `tenant-step-${++counter}`;
  await deps.repository.putTenant(aTenant(tenantId));
  const dossier = aDossier({ tenantId, ...overrides });
  expect(await deps.repository.createDossier(dossier)).toBe(true);
  deps.messenger.sent.length = 0;
  deps.letters.rendered.length = 0;
  return dossier;
}

function action(
  level: string,
  channel: EscalationAction['channel'],
  day: string,
  extra: Partial<EscalationAction> = {},
) {
  return {
    level,
    levelKind: 'reminder' as const,
    channel,
    template: level,
    tone: 'firm' as const,
    day,
    ...extra,
  };
}

const sentFor = (dossier: Dossier) =>
  deps.messenger.sent.filter((s) => s.message.dossierId === dossier.dossierId);

describe('performAction', () => {
  it('sends an e-mail once per dossier, day, level and channel, and records it done', async () => {
    const dossier = await setup();
    const input = {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-03-04'),
      action: action('reminder-1', 'email', '2026-03-04'),
    };
    expect(await performAction(deps, input)).toMatchObject({
      status: 'sent',
      channel: 'email',
      level: 'reminder-1',
    });
    expect(await performAction(deps, input)).toMatchObject({ status: 'already-sent' });

    const sent = sentFor(dossier);
    expect(sent).toHaveLength(1);
    const email = sent[0]!;
    if (email.channel !== 'email') throw new Error('expected an e-mail');
    expect(email.message).toMatchObject({
      to: 'compta@dupont.example',
      from: 'relances@recouvrement.example',
      replyTo: 'recouvrement@martin.example',
      level: 'reminder-1',
      template: 'reminder-1',
      debtorId: 'CLI-001',
      idempotencyKey: `${dossier.tenantId}#${dossier.dossierId}#2026-03-04#ACT#reminder-1#email`,
    });
    expect(email.message.text).toContain('F-2026-001');

    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline).toEqual([
      expect.objectContaining({
        eventId: '2026-03-04#ACT#reminder-1#email',
        type: 'action-sent',
        state: 'done',
        channel: 'email',
        actor: 'pipeline',
        amountCents: 120_000,
        invoiceNumbers: ['F-2026-001'],
        legalBasis: ['C.civ. 1342 (amicable demand)'],
      }),
    ]);
  });

  it('sends a formal notice as one registered letter and keeps its hash on the timeline', async () => {
    const dossier = await setup();
    const input = {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-03-25'),
      action: action('formal-notice', 'letter', '2026-03-25', {
        levelKind: 'formal-notice',
        paymentDeadlineDays: 8,
      }),
    };
    await performAction(deps, input);
    await performAction(deps, input);

    const letters = sentFor(dossier).filter((s) => s.channel === 'letter');
    expect(letters).toHaveLength(1);
    const letter = letters[0]!;
    if (letter.channel !== 'letter') throw new Error('expected a letter');
    expect(letter.message.registered).toBe(true);
    expect(letter.message.recipientAddress.city).toBe('Lyon');

    const content = deps.letters.rendered.at(-1)!;
    expect(content.title).toBe('MISE EN DEMEURE');
    expect(content.mention).toBe('Lettre recommandée avec accusé de réception');
    // The deadline runs from receipt: the letter gives days, not a date the sender cannot know.
    expect(content.closing[0]).toBe('Délai de paiement : 8 jours à compter de la réception de la présente.');
    expect(content.paragraphs.join(' ')).toContain('dans un délai de 8 jours à compter de la réception');
    // Itemised by the legal engine: principal, L441-10 penalties (22 days at ECB + 10 points), 40 EUR indemnity.
    expect(content.table?.headers).toEqual([
      'Facture',
      'Échéance',
      'Principal',
      'Pénalités',
      'Indemnité',
      'Total',
    ]);
    const [, , principal, penalties, indemnity, total] = content.table!.totals!;
    expect(principal).toBe('1\u202f200,00\u00a0€');
    expect(penalties).toBe('8,79\u00a0€');
    expect(indemnity).toBe('40,00\u00a0€');
    expect(total).toBe('1\u202f248,79\u00a0€');
    expect(content.paragraphs.join(' ')).toContain('L441-10');

    const event = await deps.repository.getEvent(
      dossier.tenantId,
      dossier.dossierId,
      '2026-03-25#ACT#formal-notice#letter',
    );
    expect(event?.state).toBe('done');
    expect(event?.legalBasis).toContain('C.civ. 1344');
    expect(event?.document?.sha256).toBe(createHash('sha256').update(letter.message.pdf).digest('hex'));
    // Posted once through the registered-mail port (the replay above reused the claim).
    expect(event?.trackingRef).toMatch(/^1L[0-9A-F]{11}$/);
  });

  it('creates a call task ordered by expected recovery and announces it once', async () => {
    const dossier = await setup();
    const input = {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-03-18'),
      action: action('call', 'call', '2026-03-18'),
    };
    await performAction(deps, input);
    await performAction(deps, input);
    expect(sentFor(dossier).map((s) => s.channel)).toEqual(['call']);
    expect(await deps.repository.listOpenTasks(dossier.tenantId)).toEqual([
      // Priority = expected recovery: 1,200 € × score 70 (15 days late: +10 on the base 60).
      expect.objectContaining({ taskId: '2026-03-18-call', kind: 'call', priority: 84_000, status: 'open' }),
    ]);
    const event = await deps.repository.getEvent(
      dossier.tenantId,
      dossier.dossierId,
      '2026-03-18#ACT#call#call',
    );
    expect(event).toMatchObject({ type: 'task-created', state: 'done' });
  });

  it('sends the SMS to the debtor phone', async () => {
    const dossier = await setup();
    await performAction(deps, {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-03-11'),
      action: action('reminder-2', 'sms', '2026-03-11'),
    });
    const [sms] = sentFor(dossier);
    if (sms?.channel !== 'sms') throw new Error('expected an SMS');
    expect(sms.message.to).toBe('+33612345678');
    expect(sms.message.text).toContain(dossier.dossierId);
  });

  it('resends an action whose send failed after it was claimed, then never again', async () => {
    const dossier = await setup();
    const input = {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-03-04'),
      action: action('reminder-1', 'email', '2026-03-04'),
    };
    deps.messenger.failNext = 'email';
    await expect(performAction(deps, input)).rejects.toThrow(/unavailable/);
    expect(
      (await deps.repository.getEvent(dossier.tenantId, dossier.dossierId, '2026-03-04#ACT#reminder-1#email'))
        ?.state,
    ).toBe('pending');

    expect((await performAction(deps, input)).status).toBe('sent');
    expect((await performAction(deps, input)).status).toBe('already-sent');
    expect(sentFor(dossier)).toHaveLength(1);
  });

  it('fails with NotFoundError for an unknown dossier', async () => {
    const dossier = await setup();
    await expect(
      performAction(deps, {
        tenantId: dossier.tenantId,
        dossierId: 'DOS-NOPE',
        asOf: morningOf('2026-03-04'),
        action: action('reminder-1', 'email', '2026-03-04'),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('recordStep', () => {
  const actDecision = (
    day: string,
    overrides: Partial<Extract<StepDecision, { kind: 'act' }>> = {},
  ): StepDecision => ({
    kind: 'act',
    day,
    levelIndex: 2,
    level: 'reminder-2',
    levelKind: 'reminder',
    actions: [],
    skipped: ['courtesy', 'reminder-1'],
    nextActionOn: '2026-03-18',
    ...overrides,
  });

  it('advances the level, schedules the next one, records skipped levels, and is idempotent', async () => {
    const dossier = await setup({ nextActionOn: '2026-03-12' });
    const input = {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-03-12'),
      decision: actDecision('2026-03-12'),
    };
    expect(await recordStep(deps, input)).toEqual({
      status: 'open',
      levelIndex: 2,
      nextActionOn: '2026-03-18',
      changed: true,
    });
    expect(await recordStep(deps, input)).toEqual({
      status: 'open',
      levelIndex: 2,
      nextActionOn: '2026-03-18',
      changed: false,
    });

    expect(await deps.repository.getDossier(dossier.tenantId, dossier.dossierId)).toMatchObject({
      levelIndex: 2,
      lastActionOn: '2026-03-12',
      nextActionOn: '2026-03-18',
      version: 2,
    });
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.map((e) => [e.type, e.level])).toEqual([
      ['action-postponed', 'courtesy'],
      ['action-postponed', 'reminder-1'],
    ]);
  });

  it('ends the ladder with judicial review: a task for a human, off the sweep', async () => {
    const dossier = await setup({ levelIndex: 4, lastActionOn: '2026-03-25', nextActionOn: '2026-04-07' });
    const outcome = await recordStep(deps, {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-04-07'),
      decision: actDecision('2026-04-07', {
        levelIndex: 5,
        level: 'judicial-review',
        levelKind: 'judicial-review',
        skipped: [],
        nextActionOn: undefined,
      }),
    });
    expect(outcome).toEqual({ status: 'judicial', levelIndex: 5, nextActionOn: null, changed: true });
    expect(await deps.repository.listOpenTasks(dossier.tenantId)).toEqual([
      expect.objectContaining({ kind: 'judicial-review', outstandingCents: 120_000 }),
    ]);
    const types = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).map(
      (e) => e.type,
    );
    expect(types).toEqual(['judicial-review-flagged']);
    expect(await deps.repository.getDossier(dossier.tenantId, dossier.dossierId)).not.toHaveProperty(
      'nextActionOn',
    );
  });

  it('stops a paid dossier and takes it off the schedule', async () => {
    const dossier = await setup({ nextActionOn: '2026-03-12' });
    const outcome = await recordStep(deps, {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-03-12'),
      decision: { kind: 'stop', day: '2026-03-12', status: 'paid', reason: 'nothing left to pay' },
    });
    expect(outcome).toEqual({ status: 'paid', levelIndex: -1, nextActionOn: null, changed: true });
    const saved = await deps.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(saved?.status).toBe('paid');
    expect(saved).not.toHaveProperty('nextActionOn');
    expect(
      (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).map((e) => e.eventId),
    ).toEqual(['2026-03-12#STOP#paid']);
  });

  it('moves the schedule on a reschedule, and changes nothing when it is already there', async () => {
    const dossier = await setup({ nextActionOn: '2026-02-20' });
    const decision: StepDecision = {
      kind: 'reschedule',
      day: '2026-02-20',
      nextActionOn: '2026-02-28',
      reason: 'not due yet',
    };
    const input = {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-02-20'),
      decision,
    };
    expect((await recordStep(deps, input)).changed).toBe(true);
    expect((await recordStep(deps, input)).changed).toBe(false);
    expect((await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))?.nextActionOn).toBe(
      '2026-02-28',
    );
  });

  it('fails with ConflictError when the dossier changed between its read and its write', async () => {
    const dossier = await setup({ nextActionOn: '2026-03-12' });
    racing.afterNextRead = async () => {
      // A payment lands while the step is recording.
      const fresh = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
      await deps.repository.saveDossier({ ...fresh, status: 'paid', version: fresh.version + 1 });
    };
    const input = {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: morningOf('2026-03-12'),
      decision: actDecision('2026-03-12'),
    };
    await expect(recordStep({ ...deps, repository: racing }, input)).rejects.toBeInstanceOf(ConflictError);
    // The payment won; the retry with fresh data sees a paid dossier and changes nothing.
    expect(await deps.repository.getDossier(dossier.tenantId, dossier.dossierId)).toMatchObject({
      status: 'paid',
      levelIndex: -1,
    });
    expect((await recordStep(deps, input)).changed).toBe(false);
  });
});

describe('decideStep', () => {
  it('decides on the Paris day of the sweep instant, from the stored dossier and timeline', async () => {
    const dossier = await setup();
    // 23:30 UTC on 3 March is already 4 March in Paris: reminder 1 (D+1) is due.
    const decision = await decideStep(deps, {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: '2026-03-03T23:30:00.000Z',
    });
    expect(decision).toMatchObject({ kind: 'act', day: '2026-03-04', level: 'reminder-1' });
  });

  it('stops on a dispute found on the timeline', async () => {
    const dossier = await setup();
    await deps.repository.appendEvent({
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      eventId: '2026-03-05#DISPUTE#d1',
      type: 'dispute-opened',
      at: '2026-03-05T10:00:00.000Z',
      day: '2026-03-05',
      actor: 'debtor',
    });
    expect(
      await decideStep(deps, {
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        asOf: morningOf('2026-03-12'),
      }),
    ).toMatchObject({
      kind: 'stop',
      status: 'disputed',
    });
  });

  it('does nothing for an unknown dossier', async () => {
    const dossier = await setup();
    expect(
      await decideStep(deps, {
        tenantId: dossier.tenantId,
        dossierId: 'DOS-NOPE',
        asOf: morningOf('2026-03-12'),
      }),
    ).toMatchObject({ kind: 'none' });
  });
});

describe('a whole ladder through decide → perform → record', () => {
  async function runStep(dossier: Dossier, day: string) {
    const input = { tenantId: dossier.tenantId, dossierId: dossier.dossierId, asOf: morningOf(day) };
    const decision = await decideStep(deps, input);
    if (decision.kind === 'act')
      for (const a of decision.actions) await performAction(deps, { ...input, action: a });
    return recordStep(deps, { ...input, decision });
  }

  it('sends each level once on its day, then flags judicial review; replaying a day changes nothing', async () => {
    const dossier = await setup({ nextActionOn: '2026-02-28' });
    const days: string[] = [];
    let next: string | null = '2026-02-28';
    while (next && days.length < 20) {
      days.push(next);
      // The registered-mail service reports its deliveries as the days go by.
      for (const receipt of await deps.registeredMail.receiptsDue(next))
        await recordDeliveryReceipt(deps, receipt);
      const outcome = await runStep(dossier, next);
      // A replay of the same step (a retried execution) neither sends nor changes anything.
      expect((await runStep(dossier, next)).changed).toBe(false);
      next = outcome.nextActionOn;
    }
    expect(days).toEqual([
      '2026-02-28',
      '2026-03-04',
      '2026-03-11',
      '2026-03-18',
      '2026-03-25',
      '2026-04-07',
    ]);
    expect(sentFor(dossier).map((s) => `${s.message.level}:${s.channel}`)).toEqual([
      'courtesy:email',
      'reminder-1:email',
      'reminder-2:email',
      'reminder-2:sms',
      'call:call',
      'formal-notice:letter',
    ]);
    expect((await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))?.status).toBe('judicial');
    const logs = deps.logger.text();
    expect(logs).toContain('action sent');
    for (const secret of ['compta@dupont.example', '+33612345678', 'Menuiserie Dupont', 'rue des Lilas']) {
      expect(logs).not.toContain(secret);
    }
  });

  it('writes to a debtor without e-mail or phone', async () => {
    const dossier = await setup({
      debtor: aDebtor({ email: undefined, phone: undefined }),
      nextActionOn: '2026-03-04',
    });
    await runStep(dossier, '2026-03-04');
    expect(sentFor(dossier).map((s) => s.channel)).toEqual(['letter']);
    expect(deps.letters.rendered.at(-1)?.mention).toBeUndefined();
    const last = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    expect(last.nextActionOn).toBe(addDays('2026-03-04', 7));
  });
});
