import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalStateMachine, loadDefinition } from '../../infra/local/asl-runner';
import { readOutbox } from '../../infra/local/demo/summary';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import type { Dossier } from '../../shared/domain/dossier';
import type { Messenger } from '../../shared/use-cases/ports';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { RecordingLogger } from '../support/recording-ports';

/**
 * One execution of the real statemachines/escalation.asl.json per PAGE of due dossiers, every
 * task its real handler on dynalite: what a page guarantees dossier by dossier (docs/reliability.md).
 */
const TENANT = 'pg';
const DAY1 = '2026-03-12T08:00:00.000Z'; // 09:00 in Paris, a Thursday: inside the contact window
const DAY2 = '2026-03-13T08:00:00.000Z';
let stack: EmbeddedStack;
let outDir: string;
/** Messages to these dossiers fail with a transient error every time (a provider refusing them). */
const sendFails = new Set<string>();
let failedAttempts = 0;
const refuse = (dossierId: string) => {
  if (!sendFails.has(dossierId)) return;
  failedAttempts++;
  throw Object.assign(new Error('provider refused'), { name: 'ServiceUnavailable' });
};
/** Run once right after a page task's BatchGetItem of dossiers has read them (a concurrent writer). */
let afterBatchRead: ((call: number) => Promise<void>) | undefined;
/** A batch write's items: passed-over notes (SKIP), 'done' marks (DONE), or else (OTHER). */
function batchKind(input: unknown): string {
  const tables = (
    input as { RequestItems?: Record<string, { PutRequest?: { Item?: Record<string, unknown> } }[]> }
  ).RequestItems;
  const items = Object.values(tables ?? {}).flatMap((requests) =>
    requests.map((r) => r.PutRequest?.Item ?? {}),
  );
  if (items.length > 0 && items.every((item) => String(item.SK).includes('#SKIP#'))) return 'SKIP';
  if (items.length > 0 && items.every((item) => item.state === 'done')) return 'DONE';
  return 'OTHER';
}

/** Set by a test: the repository's batch write of 'done' marks fails. */
let markEventsDoneFails = false;

/** Set by a test: the repository's batch write of events fails (a table refusing BatchWriteItem). */
let putEventsFails = false;
let batchReads = 0;
const requests = new Map<string, number>();

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-page-'));
  stack = await startEmbeddedStack({
    outDir,
    logger: new RecordingLogger(),
    shardCount: 2,
    hooks: {
      dynamoClient: (client) =>
        client.middlewareStack.add(
          (next, context) => (args) => {
            // By command and the kind of item addressed: the dossier item, an event, a profile...
            const { Key, Item } = (args as { input: { Key?: { SK?: unknown }; Item?: { SK?: unknown } } })
              .input;
            let kind = String(Key?.SK ?? Item?.SK ?? '').split('#')[0];
            if (context.commandName === 'BatchWriteItemCommand') kind = batchKind(args.input);
            const command = `${context.commandName ?? 'unknown'}${kind ? ` ${kind}` : ''}`;
            requests.set(command, (requests.get(command) ?? 0) + 1);
            return next(args);
          },
          { step: 'initialize', name: 'pageRequestCounter' },
        ),
      messenger: (messenger): Messenger => ({
        ...messenger,
        sendEmail: async (message) => {
          refuse(message.dossierId);
          return messenger.sendEmail(message);
        },
        sendSms: async (message) => {
          refuse(message.dossierId);
          return messenger.sendSms(message);
        },
        sendLetter: (message) => messenger.sendLetter(message),
        announceCall: (message) => messenger.announceCall(message),
      }),
      repository: (repository) =>
        new Proxy(repository, {
          get(target, property, receiver) {
            if (
              (property === 'putEvents' && putEventsFails) ||
              (property === 'markEventsDone' && markEventsDoneFails)
            )
              return async () => {
                throw Object.assign(new Error('batch refused'), { name: 'ValidationException' });
              };
            if (property !== 'getDossiersByRef') return Reflect.get(target, property, receiver);
            return async (refs: Parameters<typeof target.getDossiersByRef>[0]) => {
              const read = await target.getDossiersByRef(refs);
              const hook = afterBatchRead;
              await hook?.(++batchReads);
              return read;
            };
          },
        }),
    },
  });
  await stack.repository.putTenant(aTenant(TENANT));
});

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

/** B2B dossiers 9 days overdue on DAY1 (reminder-2 due: an e-mail and an SMS), scheduled for DAY1. */
async function dueDossiers(...ids: string[]): Promise<Dossier[]> {
  return dueSince('2026-03-03', ...ids);
}

/** Dossiers whose invoice fell due on `dueDate`, never stepped, scheduled for DAY1. */
async function dueSince(dueDate: string, ...ids: string[]): Promise<Dossier[]> {
  const created: Dossier[] = [];
  for (const id of ids) {
    const dossier = aDossier({
      tenantId: TENANT,
      dossierId: id,
      debtor: aDebtor({ ref: id }),
      invoices: [anInvoice({ number: `F-${id}`, dueDate })],
      nextActionOn: '2026-03-12',
    });
    await stack.repository.createDossier(dossier);
    created.push(dossier);
  }
  return created;
}

const page = (asOf: string, ids: string[]) => ({
  asOf,
  dossiers: ids.map((dossierId) => ({ tenantId: TENANT, dossierId })),
});

async function sentTo(id: string): Promise<string[]> {
  return (await readOutbox(outDir)).filter((line) => line.dossierId === id).map((line) => line.channel);
}

/** The dossier's action claims (`<day>#ACT#<level>#<channel>`), each in its state. */
async function claimsOf(id: string) {
  return (await stack.repository.listTimeline(TENANT, id)).filter((event) => event.eventId.includes('#ACT#'));
}

describe('one escalation execution per page of due dossiers', () => {
  it("one dossier's failing send fails neither the page nor its neighbours; it is counted and stepped again the next day", async () => {
    const ids = ['PG-A1', 'PG-A2', 'PG-A3'];
    await dueDossiers(...ids);
    sendFails.add('PG-A2');
    failedAttempts = 0;
    const run = await stack.machines.escalation.trace(page(DAY1, ids));
    expect(run.error).toBeUndefined();
    expect(run.statesEntered).toEqual(['DecidePage', 'AnythingDue', 'ActOnPage', 'RecordPage', 'Done']);
    expect((run.output as { recorded: { failed: unknown[] } }).recorded.failed).toEqual([
      { tenantId: TENANT, dossierId: 'PG-A2', errorKind: 'ServiceUnavailable' },
    ]);
    // The neighbours: sent and recorded.
    for (const id of ['PG-A1', 'PG-A3']) {
      expect((await sentTo(id)).sort()).toEqual(['email', 'sms']);
      expect(await stack.repository.getDossier(TENANT, id)).toMatchObject({
        levelIndex: 2,
        nextActionOn: '2026-03-18',
      });
    }
    // The failing one: each channel tried a bounded number of times (3), counted, not recorded, still due.
    expect(await sentTo('PG-A2')).toEqual([]);
    expect(failedAttempts).toBe(2 * 3);
    expect(await stack.repository.getDossier(TENANT, 'PG-A2')).toMatchObject({
      levelIndex: -1,
      nextActionOn: '2026-03-12',
      failedSteps: { count: 1, lastOn: '2026-03-12', errorKind: 'ServiceUnavailable' },
    });

    // The next day's sweep steps it again: the e-mail goes, the SMS already sent is not sent twice.
    sendFails.clear();
    const next = await stack.machines.escalation.trace(page(DAY2, ['PG-A2']));
    expect(next.error).toBeUndefined();
    expect((await sentTo('PG-A2')).sort()).toEqual(['email', 'sms']);
    const stepped = await stack.repository.getDossier(TENANT, 'PG-A2');
    expect(stepped).toMatchObject({ levelIndex: 2 });
    expect(stepped?.failedSteps).toBeUndefined();
  });

  it('a page task whose answer was lost is retried whole, and a page executed twice, sending nothing twice', async () => {
    const ids = ['PG-B1', 'PG-B2'];
    await dueDossiers(...ids);
    let actCalls = 0;
    // ActOnPage did its work, then its answer was lost (Lambda timed out): the ASL retries the task.
    const lossy = new LocalStateMachine('escalation', loadDefinition('escalation', {}), {
      ...stack.functions,
      'escalation-act': async (payload) => {
        const answer = await stack.functions['escalation-act']!(payload);
        if (++actCalls === 1)
          throw Object.assign(new Error('answer lost'), { name: 'Lambda.ServiceException' });
        return answer;
      },
    });
    const before = (await readOutbox(outDir)).length;
    const first = await lossy.trace(page(DAY1, ids));
    expect(first.error).toBeUndefined();
    expect(actCalls).toBe(2);
    expect(first.events.filter((event) => event.type === 'StateRetried').length).toBe(1);
    expect((first.output as { acted: { actions: Record<string, number> } }).acted.actions).toMatchObject({
      sent: 0,
      'already-sent': 4,
    });
    // Express at-least-once: the whole page started again.
    const again = await stack.machines.escalation.trace(page(DAY1, ids));
    expect(again.error).toBeUndefined();
    expect((await readOutbox(outDir)).length).toBe(before + 4);
    for (const id of ids) {
      expect((await sentTo(id)).sort()).toEqual(['email', 'sms']);
      expect(await stack.repository.getDossier(TENANT, id)).toMatchObject({ levelIndex: 2 });
    }
  });

  it('a dossier whose version changed mid-step (a payment) is read again and recorded, its neighbour too', async () => {
    const ids = ['PG-C1', 'PG-C2'];
    await dueDossiers(...ids);
    batchReads = 0;
    // RecordPage's read (the second batch read of the page): a payment lands on PG-C2 right after it.
    afterBatchRead = async (call) => {
      if (call !== 2) return;
      afterBatchRead = undefined;
      const current = (await stack.repository.getDossier(TENANT, 'PG-C2'))!;
      await stack.repository.saveDossier({
        ...current,
        invoices: current.invoices.map((invoice) => ({ ...invoice, paidCents: 10_000 })),
        version: current.version + 1,
      });
    };
    const run = await stack.machines.escalation.trace(page(DAY1, ids));
    expect(run.error).toBeUndefined();
    expect((run.output as { recorded: { failed: unknown[]; changed: number } }).recorded).toMatchObject({
      failed: [],
      changed: 2,
    });
    const raced = await stack.repository.getDossier(TENANT, 'PG-C2');
    // The step recorded on top of the payment, which it kept.
    expect(raced).toMatchObject({ levelIndex: 2, version: 3 });
    expect(raced?.invoices[0]?.paidCents).toBe(10_000);
    expect(raced?.failedSteps).toBeUndefined();
    expect(await stack.repository.getDossier(TENANT, 'PG-C1')).toMatchObject({ levelIndex: 2, version: 2 });
  });

  it('DynamoDB requests per due dossier, counted: one Query to decide, batched reads to act and record', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `PG-D${String(i).padStart(2, '0')}`);
    await dueDossiers(...ids);
    requests.clear();
    const run = await stack.machines.escalation.trace(page(DAY1, ids));
    expect(run.error).toBeUndefined();
    const per = (command: string) => (requests.get(command) ?? 0) / ids.length;
    // The decide reads: one Query per dossier partition (the dossier and its timeline).
    expect(per('QueryCommand')).toBe(1);
    // Act and record read the page in one BatchGetItem each, not one GetItem per dossier and action.
    expect(requests.get('BatchGetItemCommand')).toBe(2);
    expect(requests.get('GetItemCommand DOSSIER') ?? 0).toBe(0);
    // The tenant profile: at most once for the page.
    expect(requests.get('GetItemCommand PROFILE') ?? 0).toBeLessThanOrEqual(1);
    // What the step writes: the page's 40 claims in one TransactWriteItems, their 40 completions
    // ('done') 25 a BatchWriteItem (act-on-page.ts), the 20 dossiers in one TransactWriteItems
    // (record-page.ts), none by its own request.
    expect(requests.get('PutItemCommand DOSSIER') ?? 0).toBe(0);
    expect(requests.get('TransactWriteItemsCommand')).toBe(2);
    expect(requests.get('PutItemCommand EVT') ?? 0).toBe(0);
    expect(requests.get('UpdateItemCommand EVT') ?? 0).toBe(0);
    expect(requests.get('BatchWriteItemCommand DONE')).toBe(2);
    for (const id of ids)
      expect(
        (await stack.repository.listTimeline(TENANT, id)).filter((e) => e.state === 'done'),
      ).toHaveLength(2);
    // The KPI increments of the page's 40 messages: added up, one ADD per page task (page-counts.ts).
    expect(requests.get('UpdateItemCommand DAY') ?? 0).toBe(1);
    // The state carries ids and decisions, never a dossier: per dossier, a page of 100 (STEP_PAGE_SIZE's
    // ceiling) stays far below Step Functions' 256 KB state payload (docs/scaling.md).
    let largest = 0;
    for (const event of run.events) {
      const state = (event as { state?: { input?: unknown; output?: unknown } }).state;
      for (const value of [state?.input, state?.output])
        largest = Math.max(largest, JSON.stringify(value ?? null).length);
    }
    console.info(`largest state payload: ${largest} bytes for ${ids.length} dossiers`);
    expect((largest / ids.length) * 100).toBeLessThan(128 * 1024);
  });

  it("one claim of the page there already: the page's transaction refused, each action claims alone, nothing sent twice", async () => {
    const ids = ['PG-H1', 'PG-H2'];
    await dueDossiers(...ids);
    // PG-H1's e-mail sent by another run of the page between this one's decision and its claims
    // (ActOnPage's read is the page's first batch read).
    batchReads = 0;
    afterBatchRead = async (call) => {
      if (call !== 1) return;
      afterBatchRead = undefined;
      await stack.repository.appendEvent({
        tenantId: TENANT,
        dossierId: 'PG-H1',
        eventId: '2026-03-12#ACT#reminder-2#email',
        type: 'action-sent',
        at: DAY1,
        day: '2026-03-12',
        actor: 'pipeline',
        level: 'reminder-2',
        channel: 'email',
        state: 'done',
      });
    };
    requests.clear();
    const run = await stack.machines.escalation.trace(page(DAY1, ids));
    expect(run.error).toBeUndefined();
    expect((run.output as { acted: { actions: Record<string, number> } }).acted.actions).toEqual({
      sent: 3,
      'already-sent': 1,
      skipped: 0,
    });
    // The claims' (cancelled), then the saves'.
    expect(requests.get('TransactWriteItemsCommand')).toBe(2);
    // The other run's claim, then this run's four, each alone.
    expect(requests.get('PutItemCommand EVT')).toBe(1 + 4);
    expect(await sentTo('PG-H1')).toEqual(['sms']);
    expect((await sentTo('PG-H2')).sort()).toEqual(['email', 'sms']);
    for (const id of ids) {
      expect((await claimsOf(id)).map((claim) => claim.state)).toEqual(['done', 'done']);
      expect(await stack.repository.getDossier(TENANT, id)).toMatchObject({ levelIndex: 2 });
    }
  });

  it("the page's 'done' marks refused as a batch: written one by one, nothing failed, nothing sent twice", async () => {
    const ids = ['PG-G1', 'PG-G2', 'PG-G3'];
    await dueDossiers(...ids);
    requests.clear();
    markEventsDoneFails = true;
    let run: Awaited<ReturnType<typeof stack.machines.escalation.trace>>;
    try {
      run = await stack.machines.escalation.trace(page(DAY1, ids));
    } finally {
      markEventsDoneFails = false;
    }
    expect(run.error).toBeUndefined();
    expect((run.output as { recorded: { failed: unknown[] } }).recorded.failed).toEqual([]);
    expect(requests.get('UpdateItemCommand EVT')).toBe(6);
    for (const id of ids) {
      expect((await claimsOf(id)).map((claim) => claim.state)).toEqual(['done', 'done']);
      expect((await sentTo(id)).sort()).toEqual(['email', 'sms']);
      expect(await stack.repository.getDossier(TENANT, id)).toMatchObject({ levelIndex: 2 });
    }
  });

  it('notes the levels a late dossier passed over, the whole page in one batch write, one by one if it fails', async () => {
    const notesOf = async (id: string) =>
      (await stack.repository.listTimeline(TENANT, id))
        .filter((event) => event.eventId.includes('#SKIP#'))
        .map((event) => `${event.eventId} ${event.note}`);
    // Due on 2026-02-20, first stepped on 2026-03-12: the ladder jumps to the level due that day.
    const batched = ['PG-E1', 'PG-E2', 'PG-E3'];
    await dueSince('2026-02-20', ...batched);
    requests.clear();
    expect((await stack.machines.escalation.trace(page(DAY1, batched))).error).toBeUndefined();
    const notes = await notesOf('PG-E1');
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0]).toMatch(/^2026-03-12#SKIP#\S+ level passed over: \S+ was already due$/);
    for (const id of batched) expect(await notesOf(id)).toEqual(notes);
    // All the page's notes in one BatchWriteItem, none by its own conditional put.
    expect(requests.get('BatchWriteItemCommand SKIP')).toBe(1);
    // The claims: the page's, together (one TransactWriteItems), none by its own conditional put.
    expect(requests.get('PutItemCommand EVT') ?? 0).toBe(0);

    // The batch refused: each dossier's record writes its own, and nothing else changes.
    const alone = ['PG-F1', 'PG-F2'];
    await dueSince('2026-02-20', ...alone);
    putEventsFails = true;
    try {
      expect((await stack.machines.escalation.trace(page(DAY1, alone))).error).toBeUndefined();
    } finally {
      putEventsFails = false;
    }
    for (const id of alone) {
      expect(await notesOf(id)).toEqual(notes);
      expect(await stack.repository.getDossier(TENANT, id)).toMatchObject({
        levelIndex: (await stack.repository.getDossier(TENANT, 'PG-E1'))?.levelIndex,
      });
    }
  });
});
