import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHandler as makeAct } from '../../functions/escalation-act/handler';
import { LocalStateMachine, loadDefinition } from '../../infra/local/asl-runner';
import { readOutbox } from '../../infra/local/demo/summary';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import type { TimelineEvent } from '../../shared/domain/timeline';
import type { Messenger } from '../../shared/use-cases/ports';
import { aDebtor, aDossier, anInvoice, aTenant, morningOf } from '../support/builders';
import { RecordingLogger } from '../support/recording-ports';

/**
 * The defect of issue 15: after one channel of a step failed, the same reminder e-mail went out
 * on two consecutive days. reminder-2 goes by e-mail and SMS (two actions of the page's
 * ActOnPage); the SMS provider fails, RecordPage counts the dossier failed without recording it,
 * and the next morning's step must neither send the e-mail again nor forget the SMS. Real escalation ASL
 * (aws-local-stepfunctions), real handlers, dynalite, the outbox.
 */
const TENANT = 'partial';
let stack: EmbeddedStack;
let outDir: string;
/** Set by a test: the SMS provider refuses every message stamped with this day. */
let smsDownOn: string | undefined;

const flakySms = (messenger: Messenger): Messenger => ({
  sendEmail: (message) => messenger.sendEmail(message),
  sendSms: async (message) => {
    if (smsDownOn && message.at.startsWith(smsDownOn)) throw new Error('SMS provider unavailable');
    return messenger.sendSms(message);
  },
  sendLetter: (message) => messenger.sendLetter(message),
  announceCall: (message) => messenger.announceCall(message),
});

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-partial-'));
  stack = await startEmbeddedStack({
    outDir,
    logger: new RecordingLogger(),
    shardCount: 1,
    hooks: { messenger: flakySms },
  });
  await stack.repository.putTenant(aTenant(TENANT));
});

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

/** Due 2026-03-03: on 2026-03-12 reminder-2 (e-mail + SMS) is the level due. */
async function dossierAtReminder2(id: string) {
  await stack.repository.createDossier(
    aDossier({
      tenantId: TENANT,
      dossierId: id,
      debtor: aDebtor({ ref: id }),
      invoices: [anInvoice({ number: `F-${id}` })],
      nextActionOn: '2026-03-12',
    }),
  );
}

const step = (machine: LocalStateMachine, id: string, day: string) =>
  machine.trace({ asOf: morningOf(day), dossiers: [{ tenantId: TENANT, dossierId: id }] });

/** The dossiers RecordPage reported failed (counted, not recorded) in a page's output. */
const failedOf = (run: { output: unknown }) =>
  (run.output as { recorded: { failed: { dossierId: string; errorKind: string }[] } }).recorded.failed;

const claimsOf = async (id: string, channel: string): Promise<TimelineEvent[]> =>
  (await stack.repository.listTimeline(TENANT, id)).filter(
    (event) => event.level === 'reminder-2' && event.channel === channel,
  );

async function sentOf(id: string) {
  const lines = await readOutbox(outDir);
  return lines.filter((line) => line.dossierId === id);
}

describe('one channel of a step fails', () => {
  it('the dossier is counted failed, not recorded, once every action of it has finished: no e-mail left half way', async () => {
    await dossierAtReminder2('PART-1');
    smsDownOn = '2026-03-12';
    const failed = await step(stack.machines.escalation, 'PART-1', '2026-03-12');

    expect(failed.statesEntered.at(-1)).toBe('Done');
    expect(failedOf(failed)).toEqual([{ tenantId: TENANT, dossierId: 'PART-1', errorKind: 'Error' }]);
    expect(await stack.repository.getDossier(TENANT, 'PART-1')).toMatchObject({
      levelIndex: -1,
      nextActionOn: '2026-03-12',
      failedSteps: { count: 1 },
    });
    // When the page has ended, the dossier's e-mail has too: sent and its claim done, not half way.
    const [email] = await claimsOf('PART-1', 'email');
    expect(email).toMatchObject({ eventId: '2026-03-12#ACT#reminder-2#email', state: 'done' });
    expect((await sentOf('PART-1')).map((line) => line.channel)).toEqual(['email']);
  });

  it('the SMS that failed beside a sent e-mail is still sent, once, when the contact guards allow', async () => {
    // PART-1 from the test above: its e-mail is done, its SMS claim pending since 2026-03-12.
    smsDownOn = undefined;
    for (const day of ['2026-03-13', '2026-03-14', '2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19'])
      await step(stack.machines.escalation, 'PART-1', day);
    const sent = await sentOf('PART-1');
    expect(
      sent.filter((line) => line.level === 'reminder-2').map((line) => `${line.channel} ${line.at}`),
    ).toEqual([
      'email 2026-03-12T08:00:00.000Z',
      // Two days after the e-mail (the spacing guard), under its first claim.
      'sms 2026-03-14T08:00:00.000Z',
    ]);
    expect(sent.filter((line) => line.level === 'call')).toHaveLength(1);
  });

  it('the next mornings send the failed SMS once and never the e-mail again, even when its claim stayed pending', async () => {
    await dossierAtReminder2('PART-2');
    smsDownOn = '2026-03-12';
    // The e-mail went out but its claim was never marked done (the table refused that write).
    const act = makeAct({
      ...stack.deps,
      repository: new Proxy(stack.repository, {
        get(target, property, receiver) {
          if (property === 'markEventDone')
            return async (event: TimelineEvent) => {
              if (event.channel === 'email') throw new Error('ProvisionedThroughputExceededException');
              return target.markEventDone(event);
            };
          // The page's marks together: refused as a whole while the e-mail's is among them.
          if (property === 'markEventsDone')
            return async (events: TimelineEvent[]) => {
              if (events.some((event) => event.channel === 'email'))
                throw new Error('ProvisionedThroughputExceededException');
              return target.markEventsDone(events);
            };
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
    });
    const day1 = new LocalStateMachine('escalation', loadDefinition('escalation', {}), {
      ...stack.functions,
      'escalation-act': async (payload) =>
        JSON.parse(JSON.stringify(await act(payload as never, {} as never))),
    });
    const failed = await step(day1, 'PART-2', '2026-03-12');
    expect(failedOf(failed).map((failure) => failure.dossierId)).toEqual(['PART-2']);
    expect((await claimsOf('PART-2', 'email')).map((event) => event.state)).toEqual(['pending']);

    smsDownOn = undefined;
    for (const day of ['2026-03-13', '2026-03-14', '2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19'])
      await step(stack.machines.escalation, 'PART-2', day);

    const sent = await sentOf('PART-2');
    const reminder2 = sent.filter((line) => line.level === 'reminder-2');
    // One e-mail (its first claim's key, which the provider recognises) and the SMS, the next morning.
    expect(reminder2.map((line) => `${line.channel} ${line.key}`)).toEqual([
      `email ${TENANT}#PART-2#2026-03-12#ACT#reminder-2#email`,
      `sms ${TENANT}#PART-2#2026-03-12#ACT#reminder-2#sms`,
    ]);
    expect(reminder2.find((line) => line.channel === 'sms')?.at.slice(0, 10)).toBe('2026-03-13');
    // Both claims end done; the ladder then goes on to the call, once.
    expect((await claimsOf('PART-2', 'email')).map((event) => event.state)).toEqual(['done']);
    expect((await claimsOf('PART-2', 'sms')).map((event) => event.state)).toEqual(['done']);
    expect(sent.filter((line) => line.level === 'call')).toHaveLength(1);
    expect((await stack.repository.getDossier(TENANT, 'PART-2'))?.levelIndex).toBeGreaterThanOrEqual(3);
  });

  it('a transient error the SDK gave up on (a time-out) is retried by the ASL in the same execution', async () => {
    await dossierAtReminder2('PART-3');
    const act = makeAct(stack.deps);
    let timeouts = 0;
    const machine = new LocalStateMachine('escalation', loadDefinition('escalation', {}), {
      ...stack.functions,
      'escalation-act': async (payload) => {
        const result = JSON.parse(JSON.stringify(await act(payload as never, {} as never)));
        // The message went out, then the answer was lost: Lambda reports the error by its name.
        if (timeouts++ === 0) throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
        return result;
      },
    });
    const run = await step(machine, 'PART-3', '2026-03-12');

    expect(run.error).toBeUndefined();
    expect(run.statesEntered.at(-1)).toBe('Done');
    expect((await sentOf('PART-3')).map((line) => `${line.level} ${line.channel}`).sort()).toEqual([
      'reminder-2 email',
      'reminder-2 sms',
    ]);
    expect((await stack.repository.getDossier(TENANT, 'PART-3'))?.levelIndex).toBe(2);
  });
});
