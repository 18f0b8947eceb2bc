import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedStack, INTAKE_BUCKET, startEmbeddedStack } from '../../infra/local/embedded-stack';
import type { IntakeObjectOutcome } from '../../shared/use-cases/intake/intake-object';
import type { Logger } from '../../shared/use-cases/ports';

/**
 * The intake handler as S3 would drive it, through the embedded stack: objects land in the
 * intake bucket (a folder) and the ObjectCreated event goes to the same handler the Lambda runs.
 */

const TENANT = 'demo';
const KEY = `${TENANT}/2026-02-02/invoices.csv`;
const RECEIVED = '2026-02-02T08:30:00.000Z';

/** Keeps every log line, so a test can check that no personal data reached one. */
class RecordingLogger implements Logger {
  readonly lines: unknown[] = [];
  debug(message: string, attributes?: Record<string, unknown>) {
    this.lines.push({ message, attributes });
  }
  info(message: string, attributes?: Record<string, unknown>) {
    this.lines.push({ message, attributes });
  }
  warn(message: string, attributes?: Record<string, unknown>) {
    this.lines.push({ message, attributes });
  }
  error(message: string, attributes?: Record<string, unknown>) {
    this.lines.push({ message, attributes });
  }
}

type Row = Record<string, string>;

interface Sample {
  text: string;
  rows: { line: number; values: Row }[];
}

/**
 * The sample file read independently of the pipeline (csv-parse, ';'), with its line numbers.
 * By the sample's own convention the invalid rows are numbered FA-YYYY-9xxx, plus one
 * invoice number repeated later in the file.
 */
async function readSample(): Promise<Sample> {
  const text = await readFile('samples/invoices.csv', 'utf8');
  const records: Row[] = parse(text, { columns: true, delimiter: ';', skip_empty_lines: true });
  return { text, rows: records.map((values, index) => ({ line: index + 2, values })) };
}

function expectedRejects(sample: Sample): Map<number, { invoice: string; field: string }> {
  const seen = new Set<string>();
  const rejects = new Map<number, { invoice: string; field: string }>();
  for (const { line, values } of sample.rows) {
    const invoice = values.invoice_number!;
    if (seen.has(invoice)) rejects.set(line, { invoice, field: 'invoice_number' });
    else if (/-9\d{3}$/.test(invoice)) {
      // Which field each deliberately broken row breaks, read off the row itself.
      const field =
        !values.debtor_email?.includes('@') && values.debtor_email
          ? 'debtor_email'
          : !['professional', 'consumer'].includes(values.debtor_type!)
            ? 'debtor_type'
            : values.amount?.startsWith('-')
              ? 'amount'
              : 'due_date';
      rejects.set(line, { invoice, field });
    }
    seen.add(invoice);
  }
  return rejects;
}

let outDir: string;
let stack: EmbeddedStack;
const logger = new RecordingLogger();
let sample: Sample;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'recouvrement-intake-'));
  stack = await startEmbeddedStack({ outDir, logger, now: () => new Date(RECEIVED) });
  sample = await readSample();
});
afterAll(async () => {
  await stack?.stop();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Delivers an S3 event for an object already in the intake bucket; `encodedKey` as S3 writes it in events. */
function deliver(encodedKey: string, at = RECEIVED): Promise<IntakeObjectOutcome[]> {
  const event: S3Event = {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-3',
        eventTime: at,
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
        requestParameters: { sourceIPAddress: '203.0.113.10' },
        responseElements: {
          'x-amz-request-id': 'C3D13FE58DE4C810',
          'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQ',
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'intake',
          bucket: {
            name: INTAKE_BUCKET,
            ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
            arn: `arn:aws:s3:::${INTAKE_BUCKET}`,
          },
          object: { key: encodedKey, size: 100, eTag: '0123456789abcdef', sequencer: '0055AED6DCD90281E5' },
        },
      },
    ],
  };
  return stack.functions.intake!(event) as Promise<IntakeObjectOutcome[]>;
}

async function tableSnapshot() {
  const dossiers = await stack.repository.listDossiers(TENANT);
  const timelines = await Promise.all(
    dossiers.map((d) => stack.repository.listTimeline(TENANT, d.dossierId).then((events) => events.length)),
  );
  return {
    dossiers: dossiers.map((d) => ({ id: d.dossierId, version: d.version, invoices: d.invoices.length })),
    events: timelines.reduce((sum, n) => sum + n, 0),
  };
}

describe('intake through the embedded stack', () => {
  it('registers the tenant from samples/tenant.json', async () => {
    const outcomes = await stack.putIntakeObject(
      `${TENANT}/tenant.json`,
      await readFile('samples/tenant.json'),
      '2026-02-02T08:00:00.000Z',
    );

    expect(outcomes).toEqual([{ kind: 'tenant', key: `${TENANT}/tenant.json`, tenantId: TENANT }]);
    const sampleTenant = JSON.parse(await readFile('samples/tenant.json', 'utf8'));
    expect(await stack.repository.getTenant(TENANT)).toEqual({ tenantId: TENANT, ...sampleTenant });
  });

  it('ingests samples/invoices.csv: accepted and rejected counts match the file', async () => {
    const rejects = expectedRejects(sample);
    const goodRows = sample.rows.filter((r) => !rejects.has(r.line));
    // The sample keeps a few invalid rows among ≥ 40 rows (issue 2); guard against an emptied sample.
    expect(sample.rows.length).toBeGreaterThanOrEqual(40);
    expect(rejects.size).toBeGreaterThanOrEqual(4);

    const [outcome] = await stack.putIntakeObject(KEY, sample.text, RECEIVED);

    expect(outcome).toMatchObject({ kind: 'invoices', key: KEY, rejectsKey: `${KEY}.rejects.csv` });
    if (outcome?.kind !== 'invoices') throw new Error('not an invoice file outcome');
    expect(outcome.report.rows).toBe(sample.rows.length);
    expect(outcome.report.accepted).toBe(goodRows.length);
    expect(
      outcome.report.rejected.map((r) => ({ row: r.row, invoice: r.invoiceNumber, field: r.field })),
    ).toEqual([...rejects].map(([row, r]) => ({ row, ...r })));
    expect(outcome.report.dossiers).toBe(new Set(goodRows.map((r) => r.values.debtor_ref)).size);
  });

  it('writes the rejects beside the file, one line per rejected row naming line and field', async () => {
    const rejects = expectedRejects(sample);
    const path = join(outDir, 'buckets', INTAKE_BUCKET, `${KEY}.rejects.csv`);
    expect(existsSync(path)).toBe(true);

    // As French Excel opens it: UTF-8 announced by a BOM, `;` between cells.
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const report: Row[] = parse(bytes.toString('utf8'), { columns: true, delimiter: ';', bom: true });

    expect(report.map((r) => ({ row: Number(r.line), invoice: r.invoice_number, field: r.field }))).toEqual(
      [...rejects].map(([row, r]) => ({ row, ...r })),
    );
    for (const line of report) expect(line.reason).not.toBe('');
    expect(report.find((r) => r.field === 'invoice_number')?.reason).toBe('duplicate in this file');
    expect(report.find((r) => r.field === 'amount')?.reason).toMatch(/positive/);
  });

  it('stores every good row in the dossier of its debtor', async () => {
    const rejects = expectedRejects(sample);
    const goodRows = sample.rows.filter((r) => !rejects.has(r.line));
    const dossiers = await stack.repository.listDossiers(TENANT);

    const stored = new Map(
      dossiers.flatMap((d) => d.invoices.map((inv) => [inv.number, { d, inv }] as const)),
    );
    expect([...stored.keys()].sort()).toEqual(goodRows.map((r) => r.values.invoice_number).sort());
    for (const { values } of goodRows) {
      const { d, inv } = stored.get(values.invoice_number!)!;
      expect(d.debtor.ref).toBe(values.debtor_ref);
      expect(d.status).toBe('open');
      expect(inv.amountCents).toBe(Math.round(Number(values.amount!.replace(',', '.')) * 100));
      expect(inv.prescriptionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // Bad rows left nothing behind, not even a dossier for a debtor that only had bad rows.
    const badOnly = [...rejects.keys()]
      .map((line) => sample.rows.find((r) => r.line === line)!.values.debtor_ref!)
      .filter((ref) => !goodRows.some((r) => r.values.debtor_ref === ref));
    expect(badOnly.length).toBeGreaterThan(0);
    for (const ref of badOnly) expect(dossiers.some((d) => d.debtor.ref === ref)).toBe(false);
  });

  it('is idempotent: a second delivery of the same S3 event creates nothing new', async () => {
    const before = await tableSnapshot();
    expect(before.dossiers.length).toBeGreaterThan(0);
    const reportPath = join(outDir, 'buckets', INTAKE_BUCKET, `${KEY}.rejects.csv`);
    const firstReport = await readFile(reportPath);

    const [outcome] = await deliver(KEY);

    expect(outcome).toMatchObject({ kind: 'invoices', report: { accepted: 0, rows: sample.rows.length } });
    expect(await tableSnapshot()).toEqual(before);
    // The first report stands: the rows it stored are counted as already imported, not listed.
    expect(await readFile(reportPath)).toEqual(firstReport);
  });

  it("reads the Windows-1252 sample (French Excel's default) as the same invoices, accents intact", async () => {
    const key = `${TENANT}/excel/factures-windows-1252.csv`;
    const bytes = await readFile('samples/invoices-windows-1252.csv');
    expect(bytes.toString('utf8')).toContain('\ufffd'); // not UTF-8: read blindly, it would print "?"

    const [outcome] = await stack.putIntakeObject(key, bytes, RECEIVED);

    expect(outcome).toMatchObject({ kind: 'invoices', report: { encoding: 'windows-1252', rejected: [] } });
    if (outcome?.kind !== 'invoices') throw new Error('not an invoice file outcome');
    expect(outcome.report.accepted).toBeGreaterThan(0);
    const dossier = await stack.repository.getDossier(TENANT, 'DOS-W100');
    expect(dossier?.debtor.name).toBe("Société Générale d'Éclairage");
    expect(dossier?.debtor.address).toMatchObject({ postalCode: '01000', city: 'Bourg-en-Bresse' });
    expect(dossier?.debtor.phone).toBe('+33612345678');
    expect(dossier?.invoices[0]?.amountCents).toBe(123_456);
  });

  it('answers a binary file with <key>.error.json beside it, and does not throw (no retry)', async () => {
    const key = `${TENANT}/scan.csv`;
    const before = await tableSnapshot();
    await stack.blobs.put(
      INTAKE_BUCKET,
      key,
      Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) % 256),
      'text/csv',
    );

    const [outcome] = await deliver(key);

    expect(outcome).toMatchObject({ kind: 'unreadable', errorKey: `${key}.error.json` });
    const error = JSON.parse(
      await readFile(join(outDir, 'buckets', INTAKE_BUCKET, `${key}.error.json`), 'utf8'),
    );
    expect(error).toMatchObject({ key, error: 'unreadable file', reason: expect.stringMatching(/binary/) });
    expect(await tableSnapshot()).toEqual(before);
  });

  it('rejects an object outside <tenantId>/ with a clear error, storing nothing', async () => {
    const before = await tableSnapshot();
    await stack.blobs.put(INTAKE_BUCKET, 'invoices.csv', sample.text, 'text/csv');

    await expect(deliver('invoices.csv')).rejects.toThrow(/<tenantId>\//);
    // A first segment that cannot be a tenant id is refused before the object is even read.
    await expect(deliver('Factures+mars%21/invoices.csv')).rejects.toThrow(/<tenantId>\//);
    expect(await tableSnapshot()).toEqual(before);
  });

  it('decodes a URL-encoded key: "demo/My+File.csv" is the object "demo/My File.csv"', async () => {
    const header = sample.text.split('\n')[0]!;
    const row = [
      'FA-2026-5001',
      'C777',
      'professional',
      'SARL Espace Nom',
      'compta@espace.example',
      '',
      '1 rue Haute',
      '75004',
      'Paris',
      'FR',
      '250.00',
      'EUR',
      '2026-01-05',
      '2026-02-04',
      'commercial',
      'fr',
    ].join(';');
    await stack.blobs.put(INTAKE_BUCKET, `${TENANT}/My File.csv`, `${header}\n${row}\n`, 'text/csv');

    const [outcome] = await deliver(`${TENANT}/My+File.csv`);

    expect(outcome).toMatchObject({
      kind: 'invoices',
      key: `${TENANT}/My File.csv`,
      report: { accepted: 1 },
    });
    expect((await stack.repository.getDossier(TENANT, 'DOS-C777'))?.invoices).toEqual([
      expect.objectContaining({ number: 'FA-2026-5001', amountCents: 25_000 }),
    ]);
  });

  it("decodes %2B as a literal '+' in a key", async () => {
    await stack.blobs.put(INTAKE_BUCKET, `${TENANT}/Q1+Q2.json`, '[]', 'application/json');

    const [outcome] = await deliver(`${TENANT}/Q1%2BQ2.json`);

    expect(outcome).toMatchObject({ kind: 'invoices', key: `${TENANT}/Q1+Q2.json`, report: { rows: 0 } });
  });

  it('ignores its own rejects report when S3 notifies it', async () => {
    const before = await tableSnapshot();

    const [outcome] = await deliver(`${KEY}.rejects.csv`);

    expect(outcome).toEqual({ kind: 'ignored', key: `${KEY}.rejects.csv`, reason: 'intake report' });
    expect(await tableSnapshot()).toEqual(before);
  });

  it('logs no personal data from the file', () => {
    const logs = JSON.stringify(logger.lines);
    expect(logs).toContain('intake file processed');
    const personal = sample.rows.flatMap(({ values }) =>
      [values.debtor_email, values.debtor_phone, values.debtor_name, values.address_line1].filter(
        (v): v is string => Boolean(v),
      ),
    );
    expect(personal.length).toBeGreaterThan(40);
    for (const value of personal) expect(logs).not.toContain(value);
  });
});
