import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api/handler';
import type { Dossier } from '../../shared/domain/dossier';
import type { RegisteredMail } from '../../shared/use-cases/ports';
import { RegisteredLettersByHand } from '../../shared/use-cases/registered-letters/post-by-hand';
import { answer, apiEvent } from '../support/api-events';
import { aDebtor } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { formalNoticeEvent, PAST_CALL, runStep, storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * A formal notice on a deployment without a registered-mail provider: it still goes out, posted
 * by a person, who records the posting and then the receipt through the API (real handler, real
 * repository on dynalite). The deadline runs from the receipt as in the embedded run; without
 * one, the 15 days count from the recorded posting.
 */
/** The test pipeline with another registered mail than the simulated one. */
let deps: Omit<TestPipeline, 'registeredMail'> & { registeredMail: RegisteredMail };
let api: ReturnType<typeof makeHandler>;
let now = '2026-03-25T14:00:00.000Z';
let counter = 0;

useDynalite((dynamo) => {
  const base = pipelineOn(dynamo);
  deps = { ...base, registeredMail: new RegisteredLettersByHand(base.repository) };
  api = makeHandler(deps, () => new Date(now));
});

const step = (dossier: Dossier, day: string) => runStep(deps, dossier, day);

/** A B2B dossier whose formal notice (8 days to pay) is produced on Wed 25 March 2026. */
async function noticeProduced(): Promise<{ dossier: Dossier; ref: string }> {
  const dossier = await storedDossier(deps.repository, `tenant-by-hand-${++counter}`, PAST_CALL);
  await runStep(deps, dossier, '2026-03-25');
  const sent = await formalNoticeEvent(deps.repository, dossier);
  expect(sent).toMatchObject({ state: 'done', trackingRef: expect.stringMatching(/^LR[0-9A-F]{12}$/) });
  return { dossier, ref: sent!.trackingRef! };
}

async function call(
  routeKey: string,
  dossier: Dossier,
  options: { ref?: string; body?: unknown; query?: Record<string, string>; at?: string } = {},
) {
  if (options.at) now = options.at;
  const event = apiEvent(routeKey, {
    tenantId: dossier.tenantId,
    pathParameters: { dossierId: dossier.dossierId, ...(options.ref ? { letterRef: options.ref } : {}) },
    ...(options.body !== undefined ? { body: options.body } : {}),
    ...(options.query ? { query: options.query } : {}),
  });
  const result = answer(await api(event, {} as Context));
  expectDocumentedAnswer(routeKey, result.status, result.body);
  return result;
}

const POSTING = 'POST /dossiers/{dossierId}/registered-letters/{letterRef}/posting';
const RECEIPT = 'POST /dossiers/{dossierId}/registered-letters/{letterRef}/receipt';
const posting = (dossier: Dossier, ref: string, body: unknown, at = '2026-03-27T16:00:00.000Z') =>
  call(POSTING, dossier, { ref, body, at });
const receipt = (dossier: Dossier, ref: string, body: unknown, at = '2026-04-02T10:00:00.000Z') =>
  call(RECEIPT, dossier, { ref, body, at });
const letterTasks = (dossier: Dossier) =>
  call('GET /tasks', dossier, { query: { kind: 'registered-letter' } }).then((r) => r.body.items ?? []);

describe('a formal notice posted by hand (no provider configured)', () => {
  it('goes out: its PDF is stored and a registered-letter task tells a person what to post, and to whom', async () => {
    const { dossier, ref } = await noticeProduced();
    const letters = deps.messenger.sent.filter(
      (sent) => sent.channel === 'letter' && sent.message.dossierId === dossier.dossierId,
    );
    expect(letters).toHaveLength(1);
    const [task] = await letterTasks(dossier);
    expect(task).toMatchObject({
      kind: 'registered-letter',
      dossierId: dossier.dossierId,
      level: 'formal-notice',
      letter: {
        ref,
        stage: 'to-post',
        documentKey: expect.any(String),
        recipient: { name: aDebtor().name, address: aDebtor().address },
      },
    });
    // Replaying the step neither posts twice nor opens a second task.
    await step(dossier, '2026-03-25');
    expect(await letterTasks(dossier)).toHaveLength(1);
  });

  it('holds the next level while nobody has posted it: no 15-day fallback from the day it was produced', async () => {
    const { dossier } = await noticeProduced();
    const decision = await step(dossier, '2026-04-09');
    expect(decision).toMatchObject({ kind: 'reschedule', nextActionOn: '2026-04-16' });
    expect(decision.kind === 'reschedule' && decision.reason).toMatch(/not posted yet/);
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(timeline.some((event) => event.type === 'letter-undelivered')).toBe(false);
  });

  it('records the posting: 400 naming the field, 404 for an unknown letter, idempotent, 409 on another date', async () => {
    const { dossier, ref } = await noticeProduced();
    expect(await receipt(dossier, ref, { status: 'delivered', deliveredOn: '2026-03-30' })).toMatchObject({
      status: 409,
      contentType: 'application/problem+json',
    });
    const bad = [
      [{ postedOn: '2026-03-27' }, 'trackingNumber'],
      [{ trackingNumber: '1A 234 567 8901 2', postedOn: '27/03/2026' }, 'postedOn'],
      [{ trackingNumber: '1A 234 567 8901 2', postedOn: '2026-03-28' }, 'postedOn'], // after today
      [{ trackingNumber: '1A 234 567 8901 2', postedOn: '2026-03-24' }, 'postedOn'], // before the letter
    ] as const;
    for (const [body, field] of bad) {
      const refused = await posting(dossier, ref, body);
      expect(refused, JSON.stringify(body)).toMatchObject({
        status: 400,
        contentType: 'application/problem+json',
        body: { field },
      });
    }
    expect(
      (await posting(dossier, 'LR000000000000', { trackingNumber: '1A2345678901', postedOn: '2026-03-27' }))
        .status,
    ).toBe(404);

    const body = { trackingNumber: '1A 234 567 8901 2', postedOn: '2026-03-27' };
    const posted = await posting(dossier, ref, body);
    // No receipt yet: the sweep looks again 15 days after posting.
    expect(posted).toMatchObject({
      status: 200,
      body: { letterRef: ref, postedOn: '2026-03-27', nextActionOn: '2026-04-11', duplicate: false },
    });
    expect((await posting(dossier, ref, body)).body).toMatchObject({ duplicate: true });
    expect((await posting(dossier, ref, { ...body, postedOn: '2026-03-26' })).status).toBe(409);
    expect((await posting(dossier, ref, { ...body, trackingNumber: '1A9999999999' })).status).toBe(409);
    const [task] = await letterTasks(dossier);
    expect(task).toMatchObject({
      letter: { stage: 'awaiting-receipt', postedOn: '2026-03-27', trackingNumber: '1A 234 567 8901 2' },
    });
    const event = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).find(
      (e) => e.type === 'letter-posted',
    );
    expect(event).toMatchObject({
      day: '2026-03-27',
      actor: 'creditor',
      trackingRef: ref,
      legalBasis: ['C.civ. 1344'],
    });
  });

  it('without a receipt, counts the 15 days from the recorded posting, not from the task', async () => {
    const { dossier, ref } = await noticeProduced();
    await posting(dossier, ref, { trackingNumber: '1A 234 567 8901 2', postedOn: '2026-03-27' });
    expect(await step(dossier, '2026-04-10')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-04-11',
    });
    // 27 March + 15 = 11 April: no receipt, the deadline counts from then: 8 days, review on 20 April.
    expect(await step(dossier, '2026-04-11')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-04-20',
    });
    const note = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).find(
      (e) => e.type === 'letter-undelivered',
    );
    expect(note?.note).toMatch(/15 days after posting \(2026-03-27\)/);
    expect(await step(dossier, '2026-04-20')).toMatchObject({ kind: 'act', level: 'judicial-review' });
  });

  it('records the receipt: the deadline runs from delivery (day + 8 + 1); same again is a replay, another a 409', async () => {
    const { dossier, ref } = await noticeProduced();
    await posting(dossier, ref, { trackingNumber: '1A 234 567 8901 2', postedOn: '2026-03-26' });
    expect((await receipt(dossier, ref, { status: 'delivered' })).body).toMatchObject({
      field: 'deliveredOn',
    });
    expect((await receipt(dossier, ref, { status: 'lost', deliveredOn: '2026-03-30' })).body).toMatchObject({
      field: 'status',
    });
    expect(
      (await receipt(dossier, ref, { status: 'delivered', deliveredOn: '2026-03-25' })).body,
    ).toMatchObject({
      status: 400,
      field: 'deliveredOn',
    });
    const delivered = await receipt(dossier, ref, { status: 'delivered', deliveredOn: '2026-03-30' });
    expect(delivered).toMatchObject({
      status: 200,
      body: {
        letterRef: ref,
        status: 'delivered',
        day: '2026-03-30',
        nextActionOn: '2026-04-08',
        duplicate: false,
      },
    });
    expect(
      (await receipt(dossier, ref, { status: 'delivered', deliveredOn: '2026-03-30' })).body,
    ).toMatchObject({
      duplicate: true,
    });
    expect((await receipt(dossier, ref, { status: 'delivered', deliveredOn: '2026-03-31' })).status).toBe(
      409,
    );
    expect(await letterTasks(dossier)).toEqual([]);
    expect(await step(dossier, '2026-04-07')).toMatchObject({
      kind: 'reschedule',
      nextActionOn: '2026-04-08',
    });
    expect(await step(dossier, '2026-04-08')).toMatchObject({ kind: 'act', level: 'judicial-review' });
  });

  it('a letter returned unclaimed counts from its first presentation', async () => {
    const { dossier, ref } = await noticeProduced();
    await posting(dossier, ref, { trackingNumber: '1A 234 567 8901 2', postedOn: '2026-03-26' });
    const returned = await receipt(
      dossier,
      ref,
      { status: 'returned', firstPresentedOn: '2026-03-28' },
      '2026-04-14T10:00:00.000Z',
    );
    expect(returned).toMatchObject({ status: 200, body: { status: 'returned', day: '2026-03-28' } });
    const event = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).find(
      (e) => e.type === 'letter-returned',
    );
    expect(event?.note).toMatch(/pli avisé et non réclamé — première présentation le 2026-03-28/);
    // 28 March + 8 days + 1: the review is due at once on 14 April.
    expect(await step(dossier, '2026-04-14')).toMatchObject({ kind: 'act', level: 'judicial-review' });
  });

  it('logs no personal data', () => {
    const text = (deps.logger as unknown as { text(): string }).text();
    expect(text).not.toContain(aDebtor().name);
    expect(text).not.toContain(aDebtor().address.line1);
    expect(text).not.toContain('1A 234 567 8901 2');
  });
});
