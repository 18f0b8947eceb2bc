import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS_BUCKET, type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack';
import type { Dossier } from '../../shared/domain/dossier';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { answer, apiEvent } from '../support/api-events';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { expectDocumentedAnswer } from '../support/documented-response';
import { RecordingLogger } from '../support/recording-ports';

/**
 * GET /debtors/{id}/export and DELETE /debtors/{id}/personal-data through the embedded stack's
 * API function: dynalite, the outbox folder and the documents bucket's folder (docs/personal-data.md).
 * Today is 2026-11-30; the claim (due 2026-03-03, prescribed 2031-03-03) is written off but still enforceable.
 */
/** What the tests read of the answers (the routes' schemas check the rest: expectDocumentedAnswer). */
interface Doc {
  key: string;
  sha256: string;
  articles: string[];
}
type Outcome = Record<string, unknown> & {
  debtor: Record<string, unknown>;
  invoices: unknown[];
  payments: unknown[];
  events: unknown[];
  tasks: unknown[];
  documents: Doc[];
  deletedDocuments: Doc[];
  keptDocuments: Doc[];
};

const NOW = '2026-11-30T10:00:00.000Z';
const PERSONAL = [
  'Menuiserie Dupont SARL',
  'compta@dupont.example',
  '+33612345678',
  '12 rue des Lilas',
  'Mme Dupont',
];
let stack: EmbeddedStack;
let outDir: string;
let counter = 0;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-gdpr-'));
  stack = await startEmbeddedStack({ outDir, logger: new RecordingLogger(), now: () => new Date(NOW) });
});

afterAll(async () => {
  await stack.stop();
  await rm(outDir, { recursive: true, force: true });
});

const outboxFile = (key: string) => join(outDir, key);
const bucketFile = (key: string) => join(outDir, 'buckets', DOCUMENTS_BUCKET, key);

async function file(path: string) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, 'bytes');
}

function event(
  tenantId: string,
  dossierId: string,
  e: Partial<TimelineEvent> & Pick<TimelineEvent, 'eventId' | 'type'>,
): TimelineEvent {
  return { tenantId, dossierId, at: '2026-03-04T07:00:00.000Z', day: '2026-03-04', actor: 'pipeline', ...e };
}

/** A written-off dossier with a reminder e-mail, a formal notice, a statement, a court file, an e-invoice and a noted call. */
async function seed(overrides: Partial<Dossier> = {}) {
  const tenantId = `tenant-gdpr-${++counter}`;
  const dossierId = 'DOS-CLI-001';
  const p = `${tenantId}/${dossierId}`;
  await stack.repository.putTenant(aTenant(tenantId));
  await stack.repository.createDossier(
    aDossier({
      tenantId,
      dossierId,
      debtor: aDebtor(),
      invoices: [
        anInvoice({
          number: 'F-1',
          amountCents: 120_000,
          paidCents: 20_000,
          eInvoice: {
            document: { key: `${p}/invoices/F-1.pdf`, sha256: 'e1', contentType: 'application/pdf' },
          } as never,
        }),
      ],
      payments: [
        {
          paymentId: 'P-1',
          date: '2026-04-01',
          amountCents: 20_000,
          currency: 'EUR',
          receivedAt: '2026-04-01T10:00:00.000Z',
        },
      ],
      status: 'closed',
      closure: {
        closureId: 'C-1',
        kind: 'written-off',
        on: '2026-06-01',
        reason: 'unreachable',
        owedCents: 100_000,
        source: 'api',
      },
      ...overrides,
    }),
  );
  const events = [
    event(tenantId, dossierId, {
      eventId: '2026-03-04#ACT#reminder-1#email',
      type: 'action-sent',
      level: 'reminder-1',
      channel: 'email',
      document: { key: `${p}/r1.eml`, sha256: 'a1' },
    }),
    event(tenantId, dossierId, {
      eventId: '2026-03-20#ACT#formal-notice#letter',
      type: 'action-sent',
      level: 'formal-notice',
      channel: 'letter',
      document: { key: `${p}/med.pdf`, sha256: 'a2' },
    }),
    event(tenantId, dossierId, {
      eventId: '2026-04-01#STMT',
      type: 'statement-sent',
      document: { key: `${p}/statement.pdf`, sha256: 'a3' },
    }),
    event(tenantId, dossierId, {
      eventId: '2026-05-01#COURT',
      type: 'court-file-built',
      documents: [
        { key: `${p}/court/request.pdf`, sha256: 'a4' },
        { key: `${p}/court/bundle.zip`, sha256: 'a5' },
      ],
    }),
    event(tenantId, dossierId, {
      eventId: '2026-03-10#CALL',
      type: 'call-outcome',
      actor: 'agent',
      note: 'Mme Dupont rappellera',
    }),
  ];
  for (const e of events) await stack.repository.appendEvent(e);
  await stack.repository.putTask({
    tenantId,
    dossierId,
    taskId: 'T-1',
    createdAt: NOW,
    dueOn: '2026-03-10',
    priority: 1,
    level: 'call',
    status: 'done',
    kind: 'call',
    outstandingCents: 100_000,
    note: 'Mme Dupont, 06 12 34 56 78',
  });
  for (const key of [`${p}/r1.eml`, `${p}/med.pdf`, `${p}/statement.pdf`]) await file(outboxFile(key));
  for (const key of [`${p}/court/request.pdf`, `${p}/court/bundle.zip`, `${p}/invoices/F-1.pdf`])
    await file(bucketFile(key));
  return { tenantId, dossierId, p };
}

async function call(routeKey: string, tenantId: string, debtorId: string) {
  const e = apiEvent(routeKey, { tenantId, pathParameters: { debtorId }, at: NOW });
  const result = answer(await stack.functions.api!(e));
  if (result.status < 300) expectDocumentedAnswer(routeKey, result.status, result.body);
  return result;
}
const erase = (t: string, d: string) => call('DELETE /debtors/{debtorId}/personal-data', t, d);

async function everythingStored(tenantId: string, dossierId: string): Promise<string> {
  const dossier = await stack.repository.getDossier(tenantId, dossierId);
  const timeline = await stack.repository.listTimeline(tenantId, dossierId);
  const exported = await call('GET /debtors/{debtorId}/export', tenantId, dossierId);
  return JSON.stringify({ dossier, timeline, exported: exported.body });
}

describe('GET /debtors/{id}/export', () => {
  it('gives everything held: debtor, invoices, payments, events, tasks and each document with its SHA-256', async () => {
    const { tenantId, dossierId, p } = await seed();
    const { status, body } = await call('GET /debtors/{debtorId}/export', tenantId, dossierId);
    expect(status).toBe(200);
    const exported = body as Outcome;
    expect(exported.debtor).toMatchObject({ name: 'Menuiserie Dupont SARL', email: 'compta@dupont.example' });
    expect(exported.invoices).toHaveLength(1);
    expect(exported.payments).toEqual([expect.objectContaining({ paymentId: 'P-1', amountCents: 20_000 })]);
    expect(exported.events).toHaveLength(5);
    expect(exported.tasks).toEqual([
      expect.objectContaining({ taskId: 'T-1', note: 'Mme Dupont, 06 12 34 56 78' }),
    ]);
    expect(
      exported.documents.map((d: { key: string; sha256: string }) => `${d.key}=${d.sha256}`).sort(),
    ).toEqual(
      [
        `${p}/court/bundle.zip=a5`,
        `${p}/court/request.pdf=a4`,
        `${p}/invoices/F-1.pdf=e1`,
        `${p}/med.pdf=a2`,
        `${p}/r1.eml=a1`,
        `${p}/statement.pdf=a3`,
      ].sort(),
    );
  });

  it("answers 404 for another tenant's debtor", async () => {
    const { dossierId } = await seed();
    expect((await call('GET /debtors/{debtorId}/export', 'tenant-other', dossierId)).status).toBe(404);
  });
});

describe('DELETE /debtors/{id}/personal-data', () => {
  it('anonymises dossier, events and tasks, keeps money, deletes documents no obligation keeps', async () => {
    const { tenantId, dossierId, p } = await seed();
    const { status, body } = await erase(tenantId, dossierId);
    expect(status).toBe(200);
    const outcome = body as Outcome;
    const stored = await everythingStored(tenantId, dossierId);
    for (const value of PERSONAL) expect(stored).not.toContain(value);

    const dossier = (await stack.repository.getDossier(tenantId, dossierId))!;
    expect(dossier.debtor.email).toBeUndefined();
    expect(dossier.debtor.phone).toBeUndefined();
    expect(dossier.invoices[0]).toMatchObject({
      amountCents: 120_000,
      paidCents: 20_000,
      dueDate: '2026-03-03',
    });
    expect(dossier.payments).toEqual([expect.objectContaining({ amountCents: 20_000, date: '2026-04-01' })]);
    expect(dossier.closure).toMatchObject({ owedCents: 100_000 });

    expect(outcome.deletedDocuments.map((d: { key: string }) => d.key).sort()).toEqual([
      `${p}/r1.eml`,
      `${p}/statement.pdf`,
    ]);
    expect(existsSync(outboxFile(`${p}/r1.eml`))).toBe(false);
    expect(existsSync(outboxFile(`${p}/statement.pdf`))).toBe(false);
    const kept = Object.fromEntries(
      outcome.keptDocuments.map((d: { key: string; articles: string[] }) => [d.key, d.articles]),
    );
    expect(kept[`${p}/invoices/F-1.pdf`]).toEqual(['C.com. L123-22', 'RGPD art. 17(3)(b)']);
    expect(kept[`${p}/med.pdf`]).toContain('RGPD art. 17(3)(e)');
    expect(kept[`${p}/court/request.pdf`]).toContain('CPCE L111-4');
    expect(existsSync(outboxFile(`${p}/med.pdf`))).toBe(true);
    expect(existsSync(bucketFile(`${p}/court/bundle.zip`))).toBe(true);

    const erasure = (await stack.repository.listTimeline(tenantId, dossierId)).find(
      (e) => e.type === 'personal-data-erased',
    );
    expect(erasure).toMatchObject({ actor: 'creditor', legalBasis: ['RGPD art. 17(1)'], day: '2026-11-30' });
  });

  it('erased twice is erased once: same answer, no second event, nothing rewritten', async () => {
    const { tenantId, dossierId } = await seed();
    const first = (await erase(tenantId, dossierId)).body as Record<string, unknown>;
    const before = await stack.repository.getDossier(tenantId, dossierId);
    const timeline = await stack.repository.listTimeline(tenantId, dossierId);
    const second = (await erase(tenantId, dossierId)).body as Record<string, unknown>;
    expect(first.alreadyErased).toBe(false);
    expect(second).toEqual({ ...first, alreadyErased: true });
    expect(await stack.repository.getDossier(tenantId, dossierId)).toEqual(before);
    expect(await stack.repository.listTimeline(tenantId, dossierId)).toEqual(timeline);
  });

  it('refuses (409, RGPD art. 17(3)(e)) while the claim is pursued, and changes nothing', async () => {
    const { tenantId, dossierId, p } = await seed({ status: 'open' });
    const { status, body } = await erase(tenantId, dossierId);
    expect(status).toBe(409);
    expect(JSON.stringify(body)).toContain('17(3)(e)');
    expect((await stack.repository.getDossier(tenantId, dossierId))!.debtor.name).toBe(
      'Menuiserie Dupont SARL',
    );
    expect(existsSync(outboxFile(`${p}/r1.eml`))).toBe(true);
  });

  it('deletes the formal notice and court file once the claim is time-barred, keeps the invoice 10 years', async () => {
    const { tenantId, dossierId, p } = await seed({
      status: 'prescribed',
      closure: undefined,
      invoices: [
        anInvoice({
          number: 'F-1',
          prescribed: true,
          prescriptionDate: '2026-10-01',
          eInvoice: {
            document: { key: `${p0()}/invoices/F-1.pdf`, sha256: 'e1', contentType: 'application/pdf' },
          } as never,
        }),
      ],
    });
    const outcome = (await erase(tenantId, dossierId)).body as Outcome;
    expect(outcome.keptDocuments.map((d: { key: string }) => d.key)).toEqual([`${p}/invoices/F-1.pdf`]);
    expect(existsSync(outboxFile(`${p}/med.pdf`))).toBe(false);
    expect(existsSync(bucketFile(`${p}/court/request.pdf`))).toBe(false);
  });
});

/** The prefix the next seed() will use (its tenant counter is incremented inside). */
function p0() {
  return `tenant-gdpr-${counter + 1}/DOS-CLI-001`;
}
