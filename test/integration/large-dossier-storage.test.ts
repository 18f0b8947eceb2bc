import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { keys } from '../../shared/adapters/dynamodb/keys';
import type { Dossier } from '../../shared/domain/dossier';
import { ConflictError } from '../../shared/domain/errors';
import type { Invoice } from '../../shared/domain/parties';
import { withStoredScore } from '../../shared/domain/recoverability-score';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { aDossier, anInvoice } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { RacingRepository } from '../support/racing-repository';

/**
 * The stored form of a dossier with thousands of invoices (issue 10): one item still, its
 * invoices packed, on dynalite, which refuses items over 400 KB as DynamoDB does.
 */
const TENANT = 'tenant-large';
const ITEM_LIMIT = 400 * 1024;
let repo: DynamoDossierRepository;
let racing: RacingRepository;
let counter = 0;

const dynalite = useDynalite((dynamo) => {
  repo = new DynamoDossierRepository(dynamo.client, dynamo.tableName, 4);
  racing = new RacingRepository(dynamo.client, dynamo.tableName, 4);
});

/** The table as a console would show it, without the repository's decoding. */
const raw = () => DynamoDBDocumentClient.from(dynalite().client);

/** `count` invoices as intake stores them: varied amounts and dates, one with each optional field. */
function invoices(count: number, numberOf = (i: number) => `FA-2026-${String(i).padStart(5, '0')}`) {
  return Array.from(
    { length: count },
    (_, i): Invoice =>
      anInvoice({
        number: numberOf(i),
        amountCents: 10_000 + ((i * 7919) % 9_000_000),
        dueDate: `2026-0${1 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`,
        ...(i % 7 === 0 ? { performanceDate: '2026-01-05' } : {}),
        ...(i === 3 ? { prescribed: true } : {}),
      }),
  );
}

function dossierWith(list: Invoice[]): Dossier {
  const id = `DOS-LARGE-${++counter}`;
  return aDossier({ tenantId: TENANT, dossierId: id, invoices: list, nextActionOn: '2026-03-12' });
}

async function rawItem(dossier: Dossier): Promise<Record<string, unknown>> {
  const out = await raw().send(
    new GetCommand({ TableName: dynalite().tableName, Key: keys.dossier(TENANT, dossier.dossierId) }),
  );
  return out.Item ?? {};
}

/** Item size as DynamoDB counts it, closely enough: names plus values (Binary by its bytes). */
function itemBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) =>
      sum + name.length + (value instanceof Uint8Array ? value.byteLength : JSON.stringify(value).length),
    0,
  );
}

describe('dossier storage', () => {
  it('dynalite refuses an item over 400 KB, as DynamoDB does: a plain 5,000-invoice list cannot be one item', async () => {
    const item = { ...keys.dossier(TENANT, 'DOS-PLAIN'), invoices: invoices(5_000) };
    await expect(raw().send(new PutCommand({ TableName: dynalite().tableName, Item: item }))).rejects.toThrow(
      /size/,
    );
  });

  it('keeps a small dossier as it was: a plain invoice list, no packed attribute', async () => {
    const dossier = dossierWith(invoices(3));
    expect(await repo.createDossier(dossier)).toBe(true);

    const item = await rawItem(dossier);
    expect(item.invoices).toEqual(dossier.invoices);
    expect(item).not.toHaveProperty('invoicesPacked');
    expect(await repo.getDossier(TENANT, dossier.dossierId)).toEqual(withStoredScore(dossier));
  });

  it('stores 5,000 invoices in one item, packed, and reads them back exactly', async () => {
    const dossier = dossierWith(invoices(5_000));
    expect(await repo.createDossier(dossier)).toBe(true);

    const item = await rawItem(dossier);
    expect(item).not.toHaveProperty('invoices');
    expect(item.invoiceCount).toBe(5_000);
    expect(itemBytes(item)).toBeLessThan(ITEM_LIMIT / 4);
    expect(await repo.getDossier(TENANT, dossier.dossierId)).toEqual(withStoredScore(dossier));
    expect((await repo.getDossiers(TENANT, [dossier.dossierId])).get(dossier.dossierId)).toEqual(
      withStoredScore(dossier),
    );
    expect((await repo.listDossiers(TENANT)).find((d) => d.dossierId === dossier.dossierId)).toEqual(
      withStoredScore(dossier),
    );
    // The due index still finds it: the keys are the same as a small dossier's.
    const due = await Promise.all([0, 1, 2, 3].map((shard) => repo.queryDue(shard, '2026-03-12', 100)));
    expect(due.flatMap((page) => page.items).map((ref) => ref.dossierId)).toContain(dossier.dossierId);
  });

  it('a payment on one invoice of a large dossier saves, and a stale writer still loses the race', async () => {
    const dossier = dossierWith(invoices(5_000));
    await repo.createDossier(dossier);

    const read = await racing.getDossier(TENANT, dossier.dossierId);
    const paid: Dossier = {
      ...read!,
      invoices: read!.invoices.map((inv, i) => (i === 2_500 ? { ...inv, paidCents: inv.amountCents } : inv)),
      appliedPaymentIds: ['PAY-1'],
      version: read!.version + 1,
    };
    // Another writer (a second payment) slips in between this read and its save.
    racing.afterNextRead = () => repo.saveDossier({ ...paid, appliedPaymentIds: ['PAY-2'] });
    const stale = await racing.getDossier(TENANT, dossier.dossierId);
    await expect(racing.saveDossier({ ...stale!, version: stale!.version + 1 })).rejects.toThrow(
      ConflictError,
    );

    const stored = await repo.getDossier(TENANT, dossier.dossierId);
    expect(stored?.version).toBe(2);
    expect(stored?.appliedPaymentIds).toEqual(['PAY-2']);
    expect(stored?.invoices[2_500]?.paidCents).toBe(stored?.invoices[2_500]?.amountCents);
    expect(stored?.invoices.filter((inv) => inv.paidCents > 0)).toHaveLength(1);
  });

  it('a dossier that shrinks back to a few invoices is stored plain again', async () => {
    const dossier = dossierWith(invoices(200));
    await repo.createDossier(dossier);
    await repo.saveDossier({ ...dossier, invoices: dossier.invoices.slice(0, 2), version: 2 });

    const item = await rawItem(dossier);
    expect(item).not.toHaveProperty('invoicesPacked');
    expect((await repo.getDossier(TENANT, dossier.dossierId))?.invoices).toHaveLength(2);
  });

  it('an event naming 10,000 invoices is stored packed and read back whole (append, batch put, timeline)', async () => {
    // Long, structured numbers, as some ERPs write them: 10,000 of them are over 400 KB as a plain list.
    const numbers = Array.from(
      { length: 10_000 },
      (_, i) => `GROSSISTE-DUPONT-LYON-FACTURE-2026-${String(i).padStart(6, '0')}`,
    );
    const event = (eventId: string): TimelineEvent => ({
      tenantId: TENANT,
      dossierId: 'DOS-EVENTS',
      eventId,
      type: 'action-sent',
      at: '2026-03-12T08:00:00.000Z',
      day: '2026-03-12',
      actor: 'pipeline',
      invoiceNumbers: numbers,
      amountCents: 1,
      state: 'pending',
    });
    expect(await repo.appendEvent(event('2026-03-12#ACT#formal-notice#letter'))).toBe(true);
    await repo.putEvents([event('2026-03-12#X#1')]);
    await repo.markEventDone({
      ...event('2026-03-12#ACT#formal-notice#letter'),
      state: 'done',
      note: 'sent',
    });

    expect(await repo.getEvent(TENANT, 'DOS-EVENTS', '2026-03-12#ACT#formal-notice#letter')).toEqual({
      ...event('2026-03-12#ACT#formal-notice#letter'),
      state: 'done',
      note: 'sent',
      document: null,
    });
    const timeline = await repo.listTimeline(TENANT, 'DOS-EVENTS');
    expect(timeline.map((e) => e.invoiceNumbers)).toEqual([numbers, numbers]);
  });

  it('says which invoice lists fit one item: 10,000 typical ones do, 7,000 long random numbers do not', () => {
    expect(repo.invoicesFit(invoices(10_000))).toBe(true);
    // 64 random characters (48 random bytes) per number: nothing to compress.
    const random = invoices(7_000, () => randomBytes(48).toString('base64url'));
    expect(repo.invoicesFit(random)).toBe(false);
    expect(repo.invoicesFit(random.slice(0, 50))).toBe(true);
  });
});
