import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../infra/local/demo/summary';
import { type EmbeddedStack, INTAKE_BUCKET, startEmbeddedStack } from '../../infra/local/embedded-stack';
import type { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { aTenant, morningOf } from '../support/builders';
import { parseEml } from '../support/eml';
import { RecordingLogger } from '../support/recording-ports';

/**
 * Each side effect of the pipeline, delivered or run again the way AWS may do it, yields exactly
 * one dossier, one timeline event per fact and one message per (dossier, level, channel): the
 * real handlers and ASL on dynalite, the outbox as the providers' view (docs/reliability.md).
 */
const HEADER =
  'invoice_number;debtor_ref;debtor_type;debtor_name;debtor_email;debtor_phone;address_line1;postal_code;city;country;amount;currency;issue_date;due_date;nature;language';
const row = (number: string, debtor: string) =>
  `${number};${debtor};professional;SARL ${debtor};compta@${debtor.toLowerCase()}.example;;1 rue de la Paix;69002;Lyon;FR;1200,00;EUR;2026-02-01;2026-03-03;commercial;fr`;
const csv = (...rows: string[]) => `${HEADER}\n${rows.join('\n')}\n`;

/** Set by a test: the function calling this table write fails once, then works (the rest of the stack is real). */
const failOnce: { method?: keyof DynamoDossierRepository; dossierId?: string } = {};
/** Set by a test: these writes of the dossier fail once each (a page's batch, then the single write). */
const failEach = new Set<keyof DynamoDossierRepository>();

/** The dossiers a repository call is about: one (its first argument), or a batch of them. */
function dossierIdsOf(arg: unknown): (string | undefined)[] {
  if (!Array.isArray(arg)) return [(arg as { dossierId?: string } | undefined)?.dossierId];
  return arg.map(
    (entry: { dossier?: { dossierId?: string }; dossierId?: string }) =>
      entry?.dossier?.dossierId ?? entry?.dossierId,
  );
}

function failingOnce(repository: DynamoDossierRepository): DynamoDossierRepository {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const dossierId = (args[0] as { dossierId?: string } | undefined)?.dossierId;
        if (
          failEach.has(property as keyof DynamoDossierRepository) &&
          dossierIdsOf(args[0]).includes(failOnce.dossierId)
        ) {
          failEach.delete(property as keyof DynamoDossierRepository);
          return Promise.reject(new Error('the function crashed'));
        }
        if (property === failOnce.method && (!failOnce.dossierId || dossierId === failOnce.dossierId)) {
          failOnce.method = undefined;
          // Not a transient error the ASL would retry by name: the function itself failed (a crash).
          return Promise.reject(new Error('the function crashed'));
        }
        return value.apply(target, args);
      };
    },
  });
}

let stack: EmbeddedStack;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-idempotency-'));
  stack = await startEmbeddedStack({
    outDir,
    logger: new RecordingLogger(),
    shardCount: 2,
    hooks: { repository: failingOnce },
  });
});

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

const AT = '2026-03-05T09:00:00.000Z';

async function tenant(id: string) {
  await stack.repository.putTenant(aTenant(id));
}

/** Messages that went out for a dossier, by (level, channel, day): the providers' view. */
async function messagesOf(dossierId: string): Promise<string[]> {
  return (await readOutbox(outDir))
    .filter((line) => line.dossierId === dossierId)
    .map((line) => `${line.level} ${line.channel} ${line.at.slice(0, 10)}`);
}

async function eventsOf(tenantId: string, dossierId: string, type: string) {
  return (await stack.repository.listTimeline(tenantId, dossierId)).filter((event) => event.type === type);
}

async function dossierIds(tenantId: string): Promise<string[]> {
  return (await stack.repository.listDossiers(tenantId)).map((dossier) => dossier.dossierId);
}

describe('idempotency at every side effect', () => {
  it('the same S3 intake event three times: one dossier, one event per invoice, one message', async () => {
    await tenant('s3-thrice');
    const key = 's3-thrice/2026-03-05/invoices.csv';
    await stack.putIntakeObject(key, csv(row('F-1', 'D1'), row('F-2', 'D1')), AT);
    const event = JSON.parse(
      JSON.stringify({
        Records: [{ eventTime: AT, s3: { bucket: { name: INTAKE_BUCKET }, object: { key } } }],
      }),
    ) as S3Event;
    await stack.functions.intake!(event);
    await stack.functions.intake!(event);

    expect(await dossierIds('s3-thrice')).toEqual(['DOS-D1']);
    expect((await eventsOf('s3-thrice', 'DOS-D1', 'invoice-added')).map((e) => e.eventId).sort()).toEqual([
      '2026-03-05#INV#F-1',
      '2026-03-05#INV#F-2',
    ]);
    await stack.runOverdueSweep(morningOf('2026-03-06'));
    expect(await messagesOf('DOS-D1')).toEqual(['reminder-1 email 2026-03-06']);
  });

  it('the overdue sweep twice on one morning: the second sends nothing and records nothing', async () => {
    await tenant('sweep-twice');
    await stack.putIntakeObject('sweep-twice/f.csv', csv(row('F-1', 'D2')), AT);
    await stack.runOverdueSweep(morningOf('2026-03-06'));
    const timeline = await stack.repository.listTimeline('sweep-twice', 'DOS-D2');
    const dossier = await stack.repository.getDossier('sweep-twice', 'DOS-D2');
    await stack.runOverdueSweep(morningOf('2026-03-06'));

    expect(await messagesOf('DOS-D2')).toEqual(['reminder-1 email 2026-03-06']);
    expect(await stack.repository.listTimeline('sweep-twice', 'DOS-D2')).toEqual(timeline);
    expect(await stack.repository.getDossier('sweep-twice', 'DOS-D2')).toEqual(dossier);
  });

  it('a step retried after its message went out but before its record: one message, one action event', async () => {
    await tenant('after-send');
    await stack.putIntakeObject('after-send/f.csv', csv(row('F-1', 'D3')), AT);
    // Record's write fails: the e-mail is out, the dossier does not know it yet. Where the store has
    // transactions the page saves its dossiers together first (storeDossiers), then one by one.
    Object.assign(failOnce, { method: undefined, dossierId: 'DOS-D3' });
    failEach.add('saveDossier');
    if (stack.dynamo.store !== 'endpoint') failEach.add('storeDossiers');
    const page = (day: string) => ({
      asOf: morningOf(day),
      dossiers: [{ tenantId: 'after-send', dossierId: 'DOS-D3' }],
    });
    const failed = await stack.machines.escalation.trace(page('2026-03-06'));
    // RecordPage could not record it: the dossier is counted failed, the page itself ends.
    expect(failed.output).toMatchObject({ recorded: { failed: [{ dossierId: 'DOS-D3' }] } });
    // The same morning again (a retried execution), then the next mornings.
    for (const day of ['2026-03-06', '2026-03-07', '2026-03-09'])
      await stack.machines.escalation.run(page(day));

    expect((await messagesOf('DOS-D3')).filter((m) => m.startsWith('reminder-1'))).toEqual([
      'reminder-1 email 2026-03-06',
    ]);
    const actions = await eventsOf('after-send', 'DOS-D3', 'action-sent');
    expect(actions.filter((e) => e.level === 'reminder-1').map((e) => `${e.eventId} ${e.state}`)).toEqual([
      '2026-03-06#ACT#reminder-1#email done',
    ]);
    // The ladder went on from the level the timeline shows sent: next, reminder-2 on 2026-03-11.
    expect((await stack.repository.getDossier('after-send', 'DOS-D3'))?.nextActionOn).toBe('2026-03-11');
  });

  it('an intake interrupted between the invoice claims and the dossier write, then retried: one dossier', async () => {
    await tenant('interrupted');
    // Where the store has transactions (the embedded stack's dynalite and DynamoDB Local; not an
    // endpoint given from outside) the page's dossiers are written by storeDossiers (one here).
    Object.assign(
      failOnce,
      stack.dynamo.store !== 'endpoint'
        ? { method: 'storeDossiers', dossierId: undefined }
        : { method: 'createDossier', dossierId: 'DOS-D4' },
    );
    const key = 'interrupted/f.csv';
    await expect(stack.putIntakeObject(key, csv(row('F-1', 'D4'), row('F-2', 'D4')), AT)).rejects.toThrow();
    expect(await dossierIds('interrupted')).toEqual([]);
    // S3's asynchronous invocation delivers the same event again.
    const retried = JSON.parse(
      JSON.stringify({
        Records: [{ eventTime: AT, s3: { bucket: { name: INTAKE_BUCKET }, object: { key } } }],
      }),
    ) as S3Event;
    await stack.functions.intake!(retried);

    expect(await dossierIds('interrupted')).toEqual(['DOS-D4']);
    const dossier = await stack.repository.getDossier('interrupted', 'DOS-D4');
    expect(dossier?.invoices.map((invoice) => invoice.number).sort()).toEqual(['F-1', 'F-2']);
    expect(await eventsOf('interrupted', 'DOS-D4', 'invoice-added')).toHaveLength(2);
    await stack.runOverdueSweep(morningOf('2026-03-06'));
    expect(await messagesOf('DOS-D4')).toEqual(['reminder-1 email 2026-03-06']);
  });

  it('three files for one new debtor at the same time: one dossier with every invoice, one message', async () => {
    await tenant('three-files');
    await Promise.all(
      ['F-1', 'F-2', 'F-3'].map((number) =>
        stack.putIntakeObject(`three-files/${number}.csv`, csv(row(number, 'D5')), AT),
      ),
    );

    expect(await dossierIds('three-files')).toEqual(['DOS-D5']);
    const dossier = await stack.repository.getDossier('three-files', 'DOS-D5');
    expect(dossier?.invoices.map((invoice) => invoice.number).sort()).toEqual(['F-1', 'F-2', 'F-3']);
    expect((await eventsOf('three-files', 'DOS-D5', 'invoice-added')).map((e) => e.eventId).sort()).toEqual([
      '2026-03-05#INV#F-1',
      '2026-03-05#INV#F-2',
      '2026-03-05#INV#F-3',
    ]);
    await stack.runOverdueSweep(morningOf('2026-03-06'));
    expect(await messagesOf('DOS-D5')).toEqual(['reminder-1 email 2026-03-06']);
    // The one e-mail lists all three invoices.
    const [line] = (await readOutbox(outDir)).filter((l) => l.dossierId === 'DOS-D5');
    const eml = parseEml(await readFile(join(outDir, line!.file), 'utf8'));
    const text = eml.parts.find((part) => part.contentType.startsWith('text/plain'))?.text ?? '';
    for (const number of ['F-1', 'F-2', 'F-3']) expect(text).toContain(number);
  });
});
