import { describe, expect, it } from 'vitest';
import { createTable } from '../../infra/local/dynamo';
import { shardOf } from '../../shared/adapters/dynamodb/keys';
import { addDays } from '../../shared/domain/calendar';
import type { Dossier } from '../../shared/domain/dossier';
import { decideStep } from '../../shared/use-cases/escalation/decide-step';
import { dispatchDue } from '../../shared/use-cases/sweeps/dispatch-due';
import { scanPrescription } from '../../shared/use-cases/sweeps/scan-prescription';
import { aDebtor, aDossier, anInvoice, aTenant, morningOf } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

let tables = 0;

const dynalite = useDynalite();

/** Sweeps read whole index partitions: each test gets a table of its own. */
async function freshPipeline(
  options: { shardCount?: number; dispatchBatch?: number } = {},
): Promise<TestPipeline> {
  const tableName = `sweeps-${++tables}`;
  await createTable(dynalite().client, tableName);
  return pipelineOn(dynalite(), { tableName, ...options });
}

describe('dispatchDue', () => {
  it('starts one step per due dossier of the shard, page by page with a cursor, each exactly once', async () => {
    const deps = await freshPipeline({ shardCount: 2, dispatchBatch: 7 });
    const due = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const tenantId = `tenant-${i % 4}`;
      const dossierId = `DOS-${i}`;
      const nextActionOn = addDays('2026-03-01', i % 6);
      const status: Dossier['status'] = i % 10 === 9 ? 'paid' : 'open';
      await deps.repository.createDossier(aDossier({ tenantId, dossierId, nextActionOn, status }));
      if (nextActionOn <= '2026-03-04' && status === 'open') due.add(`${tenantId}/${dossierId}`);
    }
    const asOf = '2026-03-04T05:00:00.000Z';
    const started: string[] = [];
    for (let shard = 0; shard < 2; shard++) {
      let cursor: string | null = null;
      let calls = 0;
      do {
        const before = deps.launcher.started.length;
        const result = await dispatchDue(deps, { shard, asOf, cursor });
        expect(result.processed).toBeLessThanOrEqual(7);
        expect(deps.launcher.started.length - before).toBe(result.processed);
        cursor = result.cursor;
        calls++;
      } while (cursor && calls < 20);
      const ofShard = deps.launcher.started.slice(started.length);
      expect(ofShard.every((s) => shardOf(s.tenantId, s.dossierId, 2) === shard)).toBe(true);
      started.push(...ofShard.map((s) => `${s.tenantId}/${s.dossierId}`));
      expect(calls).toBeGreaterThan(1);
    }
    expect(new Set(started).size).toBe(started.length);
    expect(new Set(started)).toEqual(due);
    expect(deps.launcher.started.every((s) => s.asOf === asOf)).toBe(true);
  });

  it('stops at dispatchBatch and hands back a cursor that resumes after the last dossier started', async () => {
    const deps = await freshPipeline({ shardCount: 1, dispatchBatch: 3 });
    for (let i = 0; i < 5; i++)
      await deps.repository.createDossier(
        aDossier({ tenantId: 'tenant-b', dossierId: `DOS-${i}`, nextActionOn: '2026-03-02' }),
      );
    const first = await dispatchDue(deps, { shard: 0, asOf: morningOf('2026-03-04'), cursor: null });
    expect(first.processed).toBe(3);
    expect(first.cursor).not.toBeNull();
    const second = await dispatchDue(deps, { shard: 0, asOf: morningOf('2026-03-04'), cursor: first.cursor });
    expect(second).toEqual({ processed: 2, cursor: null });
    expect(deps.launcher.started.map((s) => s.dossierId)).toEqual([
      'DOS-0',
      'DOS-1',
      'DOS-2',
      'DOS-3',
      'DOS-4',
    ]);
  });

  it('starts one execution per page of stepPageSize dossiers, the last one shorter, each dossier in one page', async () => {
    const deps = await freshPipeline({ shardCount: 1 });
    for (let i = 0; i < 12; i++)
      await deps.repository.createDossier(
        aDossier({
          tenantId: 'tenant-p',
          dossierId: `DOS-${String(i).padStart(2, '0')}`,
          nextActionOn: '2026-03-02',
        }),
      );
    const asOf = morningOf('2026-03-04');
    await dispatchDue({ ...deps, stepPageSize: 5 }, { shard: 0, asOf, cursor: null });
    expect(deps.launcher.pages.map((page) => page.dossiers.length)).toEqual([5, 5, 2]);
    expect(deps.launcher.pages.every((page) => page.asOf === asOf && page.shard === 0)).toBe(true);
    const ids = deps.launcher.pages.flatMap((page) => page.dossiers.map((d) => d.dossierId));
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => `DOS-${String(i).padStart(2, '0')}`));
  });

  it("fills its pages from all the task's shards: a small portfolio's few due dossiers a shard make one page", async () => {
    const deps = await freshPipeline({ shardCount: 4 });
    const ids = Array.from({ length: 10 }, (_, i) => `DOS-G${String(i).padStart(2, '0')}`);
    for (const dossierId of ids)
      await deps.repository.createDossier(
        aDossier({ tenantId: 'tenant-g', dossierId, nextActionOn: '2026-03-02' }),
      );
    // The ten spread over the four shards, none holding five (so a page a shard would be 5 pages).
    const perShard = new Map<number, number>();
    for (const id of ids)
      perShard.set(shardOf('tenant-g', id, 4), (perShard.get(shardOf('tenant-g', id, 4)) ?? 0) + 1);
    expect(perShard.size).toBe(4);
    expect(Math.max(...perShard.values())).toBeLessThan(5);
    const asOf = morningOf('2026-03-04');
    const result = await dispatchDue(
      { ...deps, stepPageSize: 5 },
      { shards: [0, 1, 2, 3], asOf, cursor: null },
    );
    expect(result).toEqual({ processed: 10, cursor: null });
    expect(deps.launcher.pages.map((page) => page.dossiers.length)).toEqual([5, 5]);
    const started = deps.launcher.pages.flatMap((page) => page.dossiers.map((d) => d.dossierId));
    expect(started.sort()).toEqual(ids);
    // Each page named by the shard of its first dossier (the execution's name, for tracing).
    for (const page of deps.launcher.pages)
      expect(page.shard).toBe(shardOf('tenant-g', page.dossiers[0]!.dossierId, 4));
  });

  it('uses the Paris day of the sweep instant', async () => {
    const deps = await freshPipeline({ shardCount: 1 });
    await deps.repository.createDossier(
      aDossier({ tenantId: 'tenant-c', dossierId: 'DOS-TOMORROW', nextActionOn: '2026-03-05' }),
    );
    expect(
      (await dispatchDue(deps, { shard: 0, asOf: '2026-03-04T22:00:00.000Z', cursor: null })).processed,
    ).toBe(0);
    expect(
      (await dispatchDue(deps, { shard: 0, asOf: '2026-03-04T23:00:00.000Z', cursor: null })).processed,
    ).toBe(1);
  });

  it('starts nothing on an empty shard', async () => {
    const deps = await freshPipeline({ shardCount: 1 });
    expect(await dispatchDue(deps, { shard: 0, asOf: morningOf('2026-03-04'), cursor: null })).toEqual({
      processed: 0,
      cursor: null,
    });
    expect(deps.launcher.batches).toEqual([]);
  });
});

describe('scanPrescription', () => {
  const DEADLINE = '2031-03-03';

  async function watched(deps: TestPipeline, overrides: Partial<Dossier> = {}): Promise<Dossier> {
    await deps.repository.putTenant(aTenant('tenant-p'));
    const dossier = aDossier({
      tenantId: 'tenant-p',
      prescriptionDate: DEADLINE,
      nextPrescriptionCheckOn: addDays(DEADLINE, -90),
      nextActionOn: '2031-01-10',
      ...overrides,
    });
    await deps.repository.createDossier(dossier);
    return dossier;
  }

  it('alerts the creditor 90 days before the deadline, once, and plans the 30-day check', async () => {
    const deps = await freshPipeline({ shardCount: 1 });
    const dossier = await watched(deps);
    const asOf = morningOf(addDays(DEADLINE, -90));
    expect(await scanPrescription(deps, { shard: 0, asOf, cursor: null })).toEqual({
      processed: 1,
      cursor: null,
    });
    expect(await scanPrescription(deps, { shard: 0, asOf, cursor: null })).toEqual({
      processed: 0,
      cursor: null,
    });

    expect(deps.messenger.sent).toHaveLength(1);
    const alert = deps.messenger.sent[0]!;
    if (alert.channel !== 'email') throw new Error('expected an e-mail');
    expect(alert.message).toMatchObject({
      to: 'recouvrement@martin.example',
      template: 'creditor-prescription-warning',
      level: 'prescription-90',
      subject: `Prescription le 3 mars 2031 — dossier ${dossier.dossierId}`,
    });
    expect(alert.message.text).toContain("Une mise en demeure n'interrompt pas la prescription");
    expect(alert.message.text).toContain('F-2026-001');

    const saved = await deps.repository.getDossier('tenant-p', dossier.dossierId);
    expect(saved).toMatchObject({
      prescriptionWarnings: [90],
      nextPrescriptionCheckOn: addDays(DEADLINE, -30),
      nextActionOn: '2031-01-10',
      status: 'open',
      version: 2,
    });
    const timeline = await deps.repository.listTimeline('tenant-p', dossier.dossierId);
    expect(timeline.map((e) => [e.type, e.note])).toEqual([
      ['prescription-warning', `deadline ${DEADLINE}, 90 days`],
    ]);
  });

  it('sends 90, 30 and 7-day warnings on their days, then marks the dossier prescribed and stops its pursuit', async () => {
    const deps = await freshPipeline({ shardCount: 1 });
    const dossier = await watched(deps);
    const days: string[] = [];
    for (let day = addDays(DEADLINE, -100); day <= addDays(DEADLINE, 3); day = addDays(day, 1)) {
      const { processed } = await scanPrescription(deps, { shard: 0, asOf: morningOf(day), cursor: null });
      if (processed > 0) days.push(day);
    }
    expect(days).toEqual([
      addDays(DEADLINE, -90),
      addDays(DEADLINE, -30),
      addDays(DEADLINE, -7),
      addDays(DEADLINE, 1),
    ]);
    expect(deps.messenger.sent.map((s) => s.message.level)).toEqual([
      'prescription-90',
      'prescription-30',
      'prescription-7',
    ]);

    const saved = (await deps.repository.getDossier('tenant-p', dossier.dossierId))!;
    expect(saved.status).toBe('prescribed');
    expect(saved.invoices[0]?.prescribed).toBe(true);
    expect(saved).not.toHaveProperty('nextPrescriptionCheckOn');
    const types = (await deps.repository.listTimeline('tenant-p', dossier.dossierId)).map((e) => e.type);
    expect(types.filter((t) => t === 'invoice-prescribed')).toHaveLength(1);
    expect(types.filter((t) => t === 'dossier-prescribed')).toHaveLength(1);
    // Off both sweeps, and the escalation step does nothing more.
    expect((await deps.repository.queryDue(0, '2040-01-01', 10)).items).toEqual([]);
    expect((await deps.repository.queryPrescriptionChecks(0, '2040-01-01', 10)).items).toEqual([]);
    expect(
      await decideStep(deps, {
        tenantId: 'tenant-p',
        dossierId: dossier.dossierId,
        asOf: morningOf(addDays(DEADLINE, 2)),
      }),
    ).toMatchObject({
      kind: 'none',
    });
  });

  it('prescribes one invoice and keeps pursuing the others, with the next deadline', async () => {
    const deps = await freshPipeline({ shardCount: 1 });
    const dossier = await watched(deps, {
      invoices: [
        anInvoice({ number: 'OLD', prescriptionDate: DEADLINE }),
        anInvoice({
          number: 'NEW',
          issueDate: '2026-11-01',
          dueDate: '2026-12-01',
          prescriptionDate: '2031-12-01',
        }),
      ],
      prescriptionWarnings: [90, 30, 7],
      nextPrescriptionCheckOn: addDays(DEADLINE, 1),
    });
    await scanPrescription(deps, { shard: 0, asOf: morningOf(addDays(DEADLINE, 1)), cursor: null });
    const saved = (await deps.repository.getDossier('tenant-p', dossier.dossierId))!;
    expect(saved.status).toBe('open');
    expect(saved.invoices.map((i) => [i.number, i.prescribed ?? false])).toEqual([
      ['OLD', true],
      ['NEW', false],
    ]);
    expect(saved.prescriptionDate).toBe('2031-12-01');
    expect(saved.nextActionOn).toBe('2031-01-10');
    // NEW gets its own warnings.
    expect(saved.nextPrescriptionCheckOn).toBe(addDays('2031-12-01', -90));
    expect(saved.prescriptionWarnings).toEqual([]);
  });

  it('counts a partial payment as an acknowledgment: the consumer claim is not time-barred on its first deadline', async () => {
    const deps = await freshPipeline({ shardCount: 1 });
    const dossier = await watched(deps, {
      debtor: aDebtor({ type: 'consumer' }),
      scenarioId: 'fr-b2c-default',
      invoices: [
        anInvoice({
          number: 'C-1',
          nature: 'consumer',
          issueDate: '2024-02-01',
          dueDate: '2024-03-01',
          paidCents: 20_000,
          prescriptionDate: '2026-03-01',
        }),
      ],
      prescriptionDate: '2026-03-01',
      nextPrescriptionCheckOn: '2026-03-02',
    });
    await deps.repository.appendEvent({
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      eventId: '2025-06-01#PAY#P-1',
      type: 'payment-received',
      at: '2025-06-01T10:00:00.000Z',
      day: '2025-06-01',
      actor: 'debtor',
      amountCents: 20_000,
      invoiceNumbers: ['C-1'],
      state: 'done',
    });
    await scanPrescription(deps, { shard: 0, asOf: morningOf('2026-03-02'), cursor: null });
    const saved = (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
    // C.conso L218-2: 2 years, restarted by the payment of 1 June 2025 (C.civ. 2240).
    expect(saved.status).toBe('open');
    expect(saved.invoices[0]).toMatchObject({ prescriptionDate: '2027-06-01' });
    expect(saved.invoices[0]?.prescribed).toBeUndefined();
  });

  it('reviews at most a batch per task, hands back a cursor, and covers the shard over the pages', async () => {
    const deps = await freshPipeline({ shardCount: 1, dispatchBatch: 1 });
    await deps.repository.putTenant(aTenant('tenant-p'));
    for (let i = 0; i < 3; i++) {
      await deps.repository.createDossier(
        aDossier({
          tenantId: 'tenant-p',
          dossierId: `DOS-${i}`,
          prescriptionDate: DEADLINE,
          nextPrescriptionCheckOn: addDays(DEADLINE, -90),
        }),
      );
    }
    const asOf = morningOf(addDays(DEADLINE, -90));
    const first = await scanPrescription(deps, { shard: 0, asOf, cursor: null });
    expect(first.processed).toBe(1);
    expect(first.cursor).not.toBeNull();
    let cursor = first.cursor;
    let total = first.processed;
    for (let pages = 1; cursor && pages < 10; pages++) {
      const next = await scanPrescription(deps, { shard: 0, asOf, cursor });
      expect(next.processed).toBeLessThanOrEqual(1);
      total += next.processed;
      cursor = next.cursor;
    }
    expect(cursor).toBeNull();
    expect(total).toBe(3);
    expect(deps.messenger.sent).toHaveLength(3);
  });
});
