import { describe, expect, it } from 'vitest';
import { createTable } from '../../infra/local/dynamo';
import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import { shardOf } from '../../shared/adapters/dynamodb/keys';
import type { LocalDate } from '../../shared/domain/calendar';
import { ConflictError, NotFoundError } from '../../shared/domain/errors';
import { withStoredScore } from '../../shared/domain/recoverability-score';
import type { TimelineEvent } from '../../shared/domain/timeline';
import type { CallTask, DueRef } from '../../shared/use-cases/ports';
import { aDossier, aTenant } from '../support/builders';
import { useDynalite } from '../support/dynalite';

const SHARDS = 4;
let repo: DynamoDossierRepository;
let tables = 0;

const dynalite = useDynalite((dynamo) => {
  repo = new DynamoDossierRepository(dynamo.client, dynamo.tableName, SHARDS);
});

/** A table of its own, for tests that read a whole index partition. */
async function freshRepository(shards = SHARDS): Promise<DynamoDossierRepository> {
  const name = `isolated-${++tables}`;
  await createTable(dynalite().client, name);
  return new DynamoDossierRepository(dynalite().client, name, shards);
}

function event(
  tenantId: string,
  dossierId: string,
  eventId: string,
  extra: Partial<TimelineEvent> = {},
): TimelineEvent {
  return {
    tenantId,
    dossierId,
    eventId,
    type: 'action-sent',
    at: `${eventId.slice(0, 10)}T06:00:00.000Z`,
    day: eventId.slice(0, 10),
    actor: 'pipeline',
    ...extra,
  };
}

function task(
  tenantId: string,
  taskId: string,
  priority: number,
  status: CallTask['status'] = 'open',
): CallTask {
  return {
    tenantId,
    dossierId: `DOS-${taskId}`,
    taskId,
    createdAt: '2026-03-18T06:00:00.000Z',
    dueOn: '2026-03-18',
    priority,
    level: 'call',
    status,
    kind: 'call',
    outstandingCents: priority,
  };
}

/** Reads a whole shard page by page, checking each page's size. */
async function drain(
  query: (cursor?: string) => Promise<{ items: DueRef[]; cursor?: string }>,
  limit: number,
): Promise<{ items: DueRef[]; pages: number }> {
  const items: DueRef[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await query(cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.cursor;
    pages++;
  } while (cursor && pages < 100);
  return { items, pages };
}

describe('dossiers', () => {
  it('creates and reads back a dossier exactly, without the index keys', async () => {
    const dossier = aDossier({
      tenantId: 't-create',
      nextActionOn: '2026-03-04',
      nextPrescriptionCheckOn: '2030-12-03',
    });
    expect(await repo.createDossier(dossier)).toBe(true);
    expect(await repo.getDossier('t-create', dossier.dossierId)).toEqual(withStoredScore(dossier));
    expect(await repo.getDossier('t-create', 'DOS-NONE')).toBeUndefined();
  });

  it('refuses to create a dossier twice and keeps the first one', async () => {
    const first = aDossier({ tenantId: 't-dup' });
    expect(await repo.createDossier(first)).toBe(true);
    expect(await repo.createDossier({ ...first, debtor: { ...first.debtor, name: 'Other' } })).toBe(false);
    expect((await repo.getDossier('t-dup', first.dossierId))?.debtor.name).toBe(first.debtor.name);
  });

  it('saves a dossier read at the previous version and refuses a stale write with ConflictError', async () => {
    const dossier = aDossier({ tenantId: 't-version', version: 1 });
    await repo.createDossier(dossier);
    await repo.saveDossier({ ...dossier, levelIndex: 0, version: 2 });
    expect((await repo.getDossier('t-version', dossier.dossierId))?.levelIndex).toBe(0);

    // A writer that read version 1 too loses the race.
    const stale = repo.saveDossier({ ...dossier, status: 'paid', version: 2 });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(repo.saveDossier({ ...dossier, version: 5 })).rejects.toThrow(ConflictError);
    expect(await repo.getDossier('t-version', dossier.dossierId)).toMatchObject({
      status: 'open',
      version: 2,
    });
  });

  it('lists the dossiers of one tenant only', async () => {
    for (const ref of ['A', 'B', 'C'])
      await repo.createDossier(aDossier({ tenantId: 't-list-1', dossierId: `DOS-${ref}` }));
    await repo.createDossier(aDossier({ tenantId: 't-list-2', dossierId: 'DOS-Z' }));
    await repo.createDossier(aDossier({ tenantId: 't-list-10', dossierId: 'DOS-Y' }));
    const listed = await repo.listDossiers('t-list-1');
    expect(listed.map((d) => d.dossierId).sort()).toEqual(['DOS-A', 'DOS-B', 'DOS-C']);
    expect(listed.every((d) => d.tenantId === 't-list-1')).toBe(true);
    expect(await repo.listDossiers('t-list-3')).toEqual([]);
  });
});

describe('invoice number claims', () => {
  it('reserves a number once per tenant and says which dossier holds it', async () => {
    expect(await repo.claimInvoiceNumber('t-claim', 'F-1', 'DOS-A')).toEqual({
      created: true,
      dossierId: 'DOS-A',
    });
    expect(await repo.claimInvoiceNumber('t-claim', 'F-1', 'DOS-B')).toEqual({
      created: false,
      dossierId: 'DOS-A',
    });
    expect(await repo.claimInvoiceNumber('t-claim-2', 'F-1', 'DOS-B')).toEqual({
      created: true,
      dossierId: 'DOS-B',
    });
  });
});

describe('timeline', () => {
  it('appends an event once: the same id a second time is refused and changes nothing', async () => {
    const first = event('t-evt', 'DOS-A', '2026-03-04#ACT#reminder-1#email', { note: 'first' });
    expect(await repo.appendEvent(first)).toBe(true);
    expect(await repo.appendEvent({ ...first, note: 'second' })).toBe(false);
    expect(await repo.getEvent('t-evt', 'DOS-A', first.eventId)).toEqual(first);
    expect(await repo.listTimeline('t-evt', 'DOS-A')).toHaveLength(1);
  });

  it('lists a timeline in day order, whatever the order of writing, without tasks or the dossier', async () => {
    const ids = [
      '2026-04-07#JUDICIAL',
      '2026-03-04#ACT#reminder-1#email',
      '2026-02-28#ACT#courtesy#email',
      '2026-03-11#ACT#reminder-2#sms',
    ];
    await repo.createDossier(aDossier({ tenantId: 't-order', dossierId: 'DOS-A' }));
    await repo.putTask(task('t-order', 'x', 5));
    for (const id of ids) await repo.appendEvent(event('t-order', 'DOS-A', id));
    await repo.appendEvent(event('t-order', 'DOS-B', '2026-01-01#OTHER'));
    const timeline = await repo.listTimeline('t-order', 'DOS-A');
    expect(timeline.map((e) => e.eventId)).toEqual([...ids].sort());
    expect(timeline.every((e) => e.type === 'action-sent' && e.dossierId === 'DOS-A')).toBe(true);
  });

  it('marks a claimed side effect done with its document', async () => {
    const pending = event('t-done', 'DOS-A', '2026-03-25#ACT#formal-notice#letter', { state: 'pending' });
    await repo.appendEvent(pending);
    await repo.markEventDone({
      ...pending,
      state: 'done',
      document: { key: 'letters/x.pdf', sha256: 'ab'.repeat(32) },
    });
    expect(await repo.getEvent('t-done', 'DOS-A', pending.eventId)).toMatchObject({
      state: 'done',
      document: { key: 'letters/x.pdf', sha256: 'ab'.repeat(32) },
    });
    await expect(repo.markEventDone(event('t-done', 'DOS-A', '2026-03-26#MISSING'))).rejects.toThrow();
  });
});

// These read the indexes right after writing: dynalite and DynamoDB Local update a global index
// within the write, DynamoDB a moment later. The code never reads an index right after its own
// write; the sweeps ask "due up to today", so an entry late in the index is taken the next day
// (docs/reliability.md, "A second store").
describe('sweep indexes', () => {
  it('queryDue returns only the asked shard, only days up to the one asked, oldest first, page by page', async () => {
    const isolated = await freshRepository();
    const expected = new Map<number, string[]>();
    const days: LocalDate[] = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];
    for (let i = 0; i < 40; i++) {
      const tenantId = `t-due-${i % 3}`;
      const dossierId = `DOS-${i}`;
      const nextActionOn = days[i % days.length]!;
      await isolated.createDossier(aDossier({ tenantId, dossierId, nextActionOn }));
      if (nextActionOn <= '2026-03-03') {
        const shard = shardOf(tenantId, dossierId, SHARDS);
        expected.set(shard, [...(expected.get(shard) ?? []), `${nextActionOn}|${tenantId}|${dossierId}`]);
      }
    }
    let total = 0;
    for (let shard = 0; shard < SHARDS; shard++) {
      const { items, pages } = await drain((cursor) => isolated.queryDue(shard, '2026-03-03', 3, cursor), 3);
      const got = items.map((r) => `${r.day}|${r.tenantId}|${r.dossierId}`);
      expect(got).toEqual([...(expected.get(shard) ?? [])].sort());
      if (got.length > 3) expect(pages).toBeGreaterThan(1);
      total += got.length;
    }
    expect(total).toBe(24);
    // Every day of a shard is inclusive: the 3rd of March counts, the 4th does not.
    const all = (await Promise.all([0, 1, 2, 3].map((s) => isolated.queryDue(s, '2026-03-03', 100)))).flatMap(
      (p) => p.items,
    );
    expect(all.some((r) => r.day === '2026-03-03')).toBe(true);
    expect(all.some((r) => r.day > '2026-03-03')).toBe(false);
  });

  it('hands back an opaque cursor that resumes exactly where the page stopped', async () => {
    const isolated = await freshRepository(1);
    for (let i = 0; i < 7; i++)
      await isolated.createDossier(
        aDossier({ tenantId: 't-cursor', dossierId: `DOS-${i}`, nextActionOn: `2026-03-0${i + 1}` }),
      );
    const first = await isolated.queryDue(0, '2026-03-31', 3);
    expect(first.items.map((r) => r.dossierId)).toEqual(['DOS-0', 'DOS-1', 'DOS-2']);
    expect(first.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await isolated.queryDue(0, '2026-03-31', 3, first.cursor);
    expect(second.items.map((r) => r.dossierId)).toEqual(['DOS-3', 'DOS-4', 'DOS-5']);
    const last = await isolated.queryDue(0, '2026-03-31', 3, second.cursor);
    expect(last.items.map((r) => r.dossierId)).toEqual(['DOS-6']);
    expect(last.cursor).toBeUndefined();
  });

  it('keeps a dossier off the due index while nothing is scheduled or once it is closed (sparse)', async () => {
    const isolated = await freshRepository(1);
    await isolated.createDossier(aDossier({ tenantId: 't-sparse', dossierId: 'DOS-NONE' }));
    await isolated.createDossier(
      aDossier({ tenantId: 't-sparse', dossierId: 'DOS-PAID', status: 'paid', nextActionOn: '2026-03-01' }),
    );
    await isolated.createDossier(
      aDossier({
        tenantId: 't-sparse',
        dossierId: 'DOS-DISPUTED',
        status: 'disputed',
        nextActionOn: '2026-03-01',
      }),
    );
    const scheduled = aDossier({ tenantId: 't-sparse', dossierId: 'DOS-OPEN', nextActionOn: '2026-03-01' });
    await isolated.createDossier(scheduled);
    expect((await isolated.queryDue(0, '2026-12-31', 100)).items.map((r) => r.dossierId)).toEqual([
      'DOS-OPEN',
    ]);

    // Saving it without a next action takes it off the index; saving a new day moves it.
    const { nextActionOn: _n, ...unscheduled } = scheduled;
    await isolated.saveDossier({ ...unscheduled, version: 2 });
    expect((await isolated.queryDue(0, '2026-12-31', 100)).items).toEqual([]);
    await isolated.saveDossier({ ...scheduled, nextActionOn: '2026-03-09', version: 3 });
    expect((await isolated.queryDue(0, '2026-03-08', 100)).items).toEqual([]);
    expect((await isolated.queryDue(0, '2026-03-09', 100)).items).toEqual([
      { tenantId: 't-sparse', dossierId: 'DOS-OPEN', day: '2026-03-09' },
    ]);
  });

  it('queryPrescriptionChecks finds dossiers whose check is due, not the paid or prescribed ones', async () => {
    const isolated = await freshRepository(1);
    await isolated.createDossier(
      aDossier({ tenantId: 't-presc', dossierId: 'DOS-DUE', nextPrescriptionCheckOn: '2030-12-03' }),
    );
    await isolated.createDossier(
      aDossier({ tenantId: 't-presc', dossierId: 'DOS-LATER', nextPrescriptionCheckOn: '2031-02-01' }),
    );
    await isolated.createDossier(
      aDossier({
        tenantId: 't-presc',
        dossierId: 'DOS-DISPUTED',
        status: 'disputed',
        nextPrescriptionCheckOn: '2030-11-01',
      }),
    );
    await isolated.createDossier(
      aDossier({
        tenantId: 't-presc',
        dossierId: 'DOS-PAID',
        status: 'paid',
        nextPrescriptionCheckOn: '2030-11-01',
      }),
    );
    await isolated.createDossier(
      aDossier({
        tenantId: 't-presc',
        dossierId: 'DOS-GONE',
        status: 'prescribed',
        nextPrescriptionCheckOn: '2030-11-01',
      }),
    );
    await isolated.createDossier(aDossier({ tenantId: 't-presc', dossierId: 'DOS-UNWATCHED' }));
    const page = await isolated.queryPrescriptionChecks(0, '2030-12-03', 100);
    // A disputed claim still runs out: the sweep keeps watching it.
    expect(page.items).toEqual([
      { tenantId: 't-presc', dossierId: 'DOS-DISPUTED', day: '2030-11-01' },
      { tenantId: 't-presc', dossierId: 'DOS-DUE', day: '2030-12-03' },
    ]);
    expect((await isolated.queryDue(0, '2031-12-31', 100)).items).toEqual([]);
  });

  it('queryJudicialChecks gives each dossier its judicial day as a calendar day, not the index key', async () => {
    const isolated = await freshRepository(1);
    const inCourt = (dossierId: string, nextCheckOn: LocalDate) =>
      aDossier({
        tenantId: 't-jud',
        dossierId,
        status: 'judicial',
        judicial: { nextCheckOn } as unknown as NonNullable<Parameters<typeof aDossier>[0]>['judicial'],
      });
    await isolated.createDossier(inCourt('DOS-J1', '2030-12-01'));
    await isolated.createDossier(inCourt('DOS-J2', '2030-12-09'));
    // The judicial day is nested in the dossier: the index key `<day>#<tenant>#<dossier>` carries it.
    expect((await isolated.queryJudicialChecks(0, '2030-12-03', 100)).items).toEqual([
      { tenantId: 't-jud', dossierId: 'DOS-J1', day: '2030-12-01' },
    ]);
  });
});

describe('tasks', () => {
  it('lists the open tasks of a tenant by priority, highest first, and drops a task once done', async () => {
    await repo.putTask(task('t-tasks', 'small', 5_000));
    await repo.putTask(task('t-tasks', 'huge', 987_654_321));
    await repo.putTask(task('t-tasks', 'medium', 120_000));
    await repo.putTask(task('t-tasks', 'tiny', 1));
    await repo.putTask(task('t-tasks-other', 'elsewhere', 1_000_000));
    expect((await repo.listOpenTasks('t-tasks')).map((t) => t.taskId)).toEqual([
      'huge',
      'medium',
      'small',
      'tiny',
    ]);
    await repo.putTask(task('t-tasks', 'medium', 120_000, 'done'));
    const open = await repo.listOpenTasks('t-tasks');
    expect(open.map((t) => t.taskId)).toEqual(['huge', 'small', 'tiny']);
    expect(open[0]).toEqual(task('t-tasks', 'huge', 987_654_321));
  });

  it("does not mix a tenant's tasks into its dossier list", async () => {
    await repo.createDossier(aDossier({ tenantId: 't-mixed' }));
    await repo.putTask(task('t-mixed', 'call', 10));
    expect((await repo.listDossiers('t-mixed')).map((d) => d.dossierId)).toEqual(['DOS-CLI-001']);
  });
});

describe('tenants', () => {
  it('stores a profile and fails with NotFoundError for an unknown tenant', async () => {
    await repo.putTenant(aTenant('t-profile'));
    expect(await repo.getTenant('t-profile')).toEqual(aTenant('t-profile'));
    await expect(repo.getTenant('t-nobody')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists every tenant, and a profile written through the repository is read back at once (no stale cache)', async () => {
    await repo.putTenant(aTenant('t-list-a'));
    await repo.putTenant(aTenant('t-list-b'));
    expect(await repo.listTenantIds()).toEqual(expect.arrayContaining(['t-list-a', 't-list-b']));
    expect((await repo.getTenant('t-list-a')).name).toBe(aTenant('t-list-a').name);
    await repo.putTenant(aTenant('t-list-a', { name: 'Renamed SAS' }));
    expect((await repo.getTenant('t-list-a')).name).toBe('Renamed SAS');
  });
});
