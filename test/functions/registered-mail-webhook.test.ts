import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/registered-mail-webhook/handler';
import { DynamoProcessedEvents } from '../../shared/adapters/dynamodb/processed-events';
import { signWebhook } from '../../shared/adapters/http/webhook-signature';
import type { Dossier } from '../../shared/domain/dossier';
import type { RegisteredLetter, RegisteredMail } from '../../shared/use-cases/ports';
import { TrackedRegisteredMail } from '../../shared/use-cases/registered-letters/tracked-registered-mail';
import { answer, apiEvent } from '../support/api-events';
import { formalNoticeEvent, PAST_CALL, runStep, storedDossier } from '../support/dossiers';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

/**
 * The registered-mail provider's webhook: the real handler over dynalite, with signed, unsigned,
 * tampered, stale and replayed deliveries. The provider itself is a stand-in that answers with a
 * tracking reference, as HttpRegisteredMail's contract says.
 */
const SECRET = 'whsec_0123456789abcdef0123456789abcdef';
/** The test pipeline with another registered mail than the simulated one. */
let deps: Omit<TestPipeline, 'registeredMail'> & { registeredMail: RegisteredMail };
let webhook: ReturnType<typeof makeHandler>;
let now = new Date('2026-03-27T09:00:00.000Z');
let counter = 0;

/** Answers each letter with a tracking reference of its own, like a provider's API. */
class ProviderStandIn implements RegisteredMail {
  readonly letters: RegisteredLetter[] = [];
  async post(letter: RegisteredLetter) {
    this.letters.push(letter);
    return { trackingRef: `PRV-${String(this.letters.length).padStart(6, '0')}` };
  }
}

useDynalite((dynamo) => {
  const base = pipelineOn(dynamo);
  deps = { ...base, registeredMail: new TrackedRegisteredMail(new ProviderStandIn(), base.repository) };
  webhook = makeHandler(
    {
      repository: deps.repository,
      tenants: deps.tenants,
      logger: deps.logger,
      processed: new DynamoProcessedEvents(dynamo.client, dynamo.tableName),
      webhookSecret: async () => SECRET,
    },
    () => now,
  );
});

async function noticePosted(): Promise<{ dossier: Dossier; trackingRef: string }> {
  const dossier = await storedDossier(deps.repository, `tenant-hook-${++counter}`, PAST_CALL);
  await runStep(deps, dossier, '2026-03-25');
  const sent = await formalNoticeEvent(deps.repository, dossier);
  return { dossier, trackingRef: sent!.trackingRef! };
}

const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000));

/** The provider's POST, signed over the body's exact bytes unless `signature` says otherwise (null: unsigned). */
function delivery(
  body: string,
  options: { signature?: string | null; timestamp?: string; base64?: boolean } = {},
): APIGatewayProxyEventV2 {
  const timestamp = options.timestamp ?? seconds(now);
  const signature =
    options.signature === undefined ? signWebhook(SECRET, timestamp, Buffer.from(body)) : options.signature;
  return apiEvent('POST /webhooks/registered-mail', {
    body,
    base64: options.base64 ?? false,
    headers: {
      'x-webhook-timestamp': timestamp,
      ...(signature !== null ? { 'x-webhook-signature': signature } : {}),
    },
    at: now.toISOString(),
  });
}

const send = async (event: APIGatewayProxyEventV2) => answer(await webhook(event, {} as Context));

const providerEvent = (fields: Record<string, unknown>) =>
  // The provider's own spacing: the signature covers these exact bytes, not a re-serialisation.
  JSON.stringify({ occurredAt: '2026-03-26T17:00:00.000Z', ...fields }, null, 1);

describe('POST /webhooks/registered-mail', () => {
  it('records a signed posting, then a signed delivery: the deadline runs from delivery (+ 8 + 1)', async () => {
    const { dossier, trackingRef } = await noticePosted();
    const posted = providerEvent({
      eventId: `evt-post-${counter}`,
      type: 'letter.posted',
      trackingRef,
      occurredOn: '2026-03-26',
    });
    expect(await send(delivery(posted))).toMatchObject({ status: 200, body: { status: 'recorded' } });
    expect((await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))?.nextActionOn).toBe(
      '2026-04-10',
    );

    now = new Date('2026-03-30T15:00:00.000Z');
    const delivered = providerEvent({
      eventId: `evt-ar-${counter}`,
      type: 'letter.delivered',
      trackingRef,
      occurredOn: '2026-03-30',
      occurredAt: '2026-03-30T14:00:00.000Z',
    });
    expect(await send(delivery(delivered, { base64: true }))).toMatchObject({
      status: 200,
      body: { status: 'recorded' },
    });
    expect((await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))?.nextActionOn).toBe(
      '2026-04-08',
    );
    const types = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).map(
      (e) => e.type,
    );
    expect(types).toEqual(expect.arrayContaining(['letter-posted', 'letter-delivered']));
  });

  it('answers a replay within the window as a duplicate (event id), and refuses one after 5 minutes', async () => {
    now = new Date('2026-03-27T09:00:00.000Z');
    const { dossier, trackingRef } = await noticePosted();
    const body = providerEvent({
      eventId: `evt-replay-${counter}`,
      type: 'letter.posted',
      trackingRef,
      occurredOn: '2026-03-26',
    });
    const first = delivery(body);
    expect((await send(first)).body).toMatchObject({ status: 'recorded' });
    expect(await send(first)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    now = new Date(now.getTime() + 6 * 60_000);
    expect(await send(first)).toMatchObject({ status: 401, contentType: 'application/problem+json' });
    const events = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    expect(events.filter((e) => e.type === 'letter-posted')).toHaveLength(1);
  });

  it('refuses unsigned, tampered and wrongly keyed deliveries with 401, changing nothing', async () => {
    now = new Date('2026-03-27T09:00:00.000Z');
    const { dossier, trackingRef } = await noticePosted();
    const body = providerEvent({
      eventId: `evt-bad-${counter}`,
      type: 'letter.delivered',
      trackingRef,
      occurredOn: '2026-03-26',
    });
    const signature = signWebhook(SECRET, seconds(now), Buffer.from(body));
    const refused = [
      delivery(body, { signature: null }),
      delivery(body.replace('2026-03-26', '2026-03-27'), { signature }),
      delivery(body, {
        signature: signWebhook('another-secret-of-32-characters!', seconds(now), Buffer.from(body)),
      }),
      delivery(body, { signature, timestamp: String(Number(seconds(now)) + 1) }),
      delivery(body, { signature: 'sha256=00' }),
    ];
    for (const event of refused) expect((await send(event)).status).toBe(401);
    const types = (await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId)).map(
      (e) => e.type,
    );
    expect(types).not.toContain('letter-delivered');
    expect(deps.logger.text()).not.toContain(trackingRef);
  });

  it('finds the dossier from the echoed client reference when the lookup is missing; 404 when nothing names it', async () => {
    now = new Date('2026-03-27T09:00:00.000Z');
    const { dossier } = await noticePosted();
    const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    const sent = timeline.find((e) => e.type === 'action-sent' && e.level === 'formal-notice')!;
    // A letter whose lookup item was never written (the webhook outran the provider's answer).
    await deps.repository.appendEvent({
      ...sent,
      eventId: '2026-03-25#ACT#formal-notice#letter-2',
      trackingRef: 'PRV-ORPHAN',
    });
    const unknown = providerEvent({
      eventId: `evt-orphan-${counter}`,
      type: 'letter.posted',
      trackingRef: 'PRV-ORPHAN',
      occurredOn: '2026-03-26',
    });
    expect((await send(delivery(unknown))).status).toBe(404);
    const echoed = providerEvent({
      eventId: `evt-orphan-echo-${counter}`,
      type: 'letter.posted',
      trackingRef: 'PRV-ORPHAN',
      clientReference: `${dossier.tenantId}#${dossier.dossierId}#${sent.eventId}`,
      occurredOn: '2026-03-26',
    });
    expect(await send(delivery(echoed))).toMatchObject({ status: 200, body: { status: 'recorded' } });
  });

  it('answers a signed but malformed event with 400 naming the field', async () => {
    now = new Date('2026-03-27T09:00:00.000Z');
    const body = providerEvent({
      eventId: 'evt-malformed',
      type: 'letter.lost',
      trackingRef: 'PRV-1',
      occurredOn: '2026-03-26',
    });
    expect(await send(delivery(body))).toMatchObject({ status: 400, body: { field: 'type' } });
    expect(await send(delivery('not json'))).toMatchObject({ status: 400, body: { field: '(body)' } });
  });
});
