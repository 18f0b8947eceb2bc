import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfLetterRenderer } from '../../shared/adapters/pdf/pdf-letter-renderer';
import type { Dossier } from '../../shared/domain/dossier';
import { ConflictError, ValidationError } from '../../shared/domain/errors';
import { missingFormAFields } from '../../shared/domain/judicial/european-order';
import type { JudicialPath, JudicialState } from '../../shared/domain/judicial/judicial-state';
import { dossierClaimStatement } from '../../shared/domain/legal/dossier-claim';
import { DEFAULT_RATES } from '../../shared/domain/legal/rates';
import { formatEuros } from '../../shared/domain/money';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { buildCourtFile, type CourtFileDeps } from '../../shared/use-cases/judicial/build-court-file';
import { storeZip } from '../../shared/use-cases/judicial/store-zip';
import type { TenantProfile } from '../../shared/use-cases/ports';
import { aDebtor, aDossier, anInvoice, aTenant } from '../support/builders';
import { useDynalite } from '../support/dynalite';
import { extractPdfText, flatText } from '../support/pdf-text';
import { hasPdfTools, pdftotext } from '../support/pdf-tools';
import { MemoryBlobStore, pipelineOn, type TestPipeline } from '../support/recording-ports';

/** The court file (docs/legal.md §10): request PDF, invitation, form A, and the bundle a zip reader opens. */
let pipeline: TestPipeline;
let counter = 0;
useDynalite((dynamo) => {
  pipeline = pipelineOn(dynamo);
});

const BUILT_ON = '2026-04-20';
const NOTICE_KEY = 'letters/formal-notice.pdf';
const hasPython = spawnSync('python3', ['--version'], { stdio: 'ignore' }).error === undefined;
const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).error === undefined;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function deps(blobs: MemoryBlobStore): CourtFileDeps {
  return {
    repository: pipeline.repository,
    tenants: pipeline.repository,
    documents: blobs,
    documentsBucket: 'documents',
    letters: new PdfLetterRenderer(),
    rates: pipeline.rates,
  };
}

function judicial(path: JudicialPath, decided = true, country = 'FR'): JudicialState {
  return {
    stage: 'review',
    recommendation: {
      path,
      ...(path === 'european-order'
        ? {}
        : {
            court: {
              kind: path === 'injonction-de-payer' ? 'tribunal-de-commerce' : 'tribunal-de-commerce',
              country,
              postalCode: '69003',
              city: 'Lyon',
            },
          }),
      amount: {
        currency: 'EUR',
        principalCents: 0,
        interestCents: 0,
        indemnityCents: 0,
        totalCents: 0,
        computedThrough: '2026-04-07',
      },
      reasons: [],
      reviewedOn: '2026-04-07',
    },
    ...(decided
      ? { decision: { kind: 'file' as const, decidedOn: '2026-04-08', by: 'creditor' as const } }
      : {}),
    events: {},
    deadlines: [],
  };
}

/**
 * A B2B dossier in judicial review: two invoices, a formal notice sent on 25 March by registered
 * letter (its PDF in the documents bucket), posted and delivered on 27 March.
 */
async function setup(
  options: {
    path?: JudicialPath;
    decided?: boolean;
    tenant?: Partial<TenantProfile>;
    debtor?: Partial<Dossier['debtor']>;
    amounts?: [number, number];
  } = {},
) {
  const tenantId = `tenant-court-${++counter}`;
  const blobs = new MemoryBlobStore();
  const path = options.path ?? 'injonction-de-payer';
  const [first, second] = options.amounts ?? [620_000, 150_000];
  await pipeline.repository.putTenant(aTenant(tenantId, { siren: '552100554', ...options.tenant }));
  const dossier = aDossier({
    tenantId,
    debtor: aDebtor({ siren: '732829320', ...options.debtor }),
    invoices: [
      anInvoice({ number: 'F-2026-001', amountCents: first, issueDate: '2026-02-01', dueDate: '2026-03-03' }),
      anInvoice({
        number: 'F-2026-002',
        amountCents: second,
        issueDate: '2026-02-08',
        dueDate: '2026-03-10',
      }),
    ],
    status: 'judicial',
    levelIndex: 4,
    judicial: judicial(path, options.decided ?? true, options.debtor?.address?.country),
  });
  expect(await pipeline.repository.createDossier(dossier)).toBe(true);
  const notice = new TextEncoder().encode('%PDF-1.7 the formal notice as sent\n%%EOF\n');
  const stored = await blobs.put('documents', NOTICE_KEY, notice);
  const base = { tenantId, dossierId: dossier.dossierId, actor: 'pipeline' as const };
  const events: TimelineEvent[] = [
    {
      ...base,
      eventId: '2026-03-25#ACT#formal-notice#letter',
      type: 'action-sent',
      at: '2026-03-25T08:00:00.000Z',
      day: '2026-03-25',
      level: 'formal-notice',
      channel: 'letter',
      template: 'formal-notice',
      document: stored,
      legalBasis: ['C.civ. 1344'],
      state: 'done',
      trackingRef: '1LABCDEF12345',
    },
    {
      ...base,
      eventId: '2026-03-25#LRAR#posted',
      type: 'letter-posted',
      at: '2026-03-25T09:00:00.000Z',
      day: '2026-03-25',
      trackingRef: '1LABCDEF12345',
      postalTrackingNumber: '1A00000000001',
    },
    {
      ...base,
      eventId: '2026-03-27#LRAR#delivered',
      type: 'letter-delivered',
      at: '2026-03-27T10:00:00.000Z',
      day: '2026-03-27',
      trackingRef: '1LABCDEF12345',
      legalBasis: ['C.civ. 1344'],
    },
  ];
  for (const event of events) expect(await pipeline.repository.appendEvent(event)).toBe(true);
  return { dossier, blobs, notice, timeline: events };
}

function withFile<T>(name: string, bytes: Uint8Array, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'court-file-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bundle as Python's zipfile reads it: every entry, and its CRC checked (testzip). */
function readZipWithPython(bytes: Uint8Array): { bad: string | null; files: Record<string, string> } {
  const script = [
    'import base64, json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'print(json.dumps({"bad": z.testzip(), "files": {n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}}))',
  ].join('\n');
  return withFile('bundle.zip', bytes, (file) =>
    JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })),
  );
}

async function bundleOf(blobs: MemoryBlobStore, key: string) {
  const zip = await blobs.get('documents', key);
  const read = readZipWithPython(zip);
  const files = Object.fromEntries(
    Object.entries(read.files).map(([name, b64]) => [name, new Uint8Array(Buffer.from(b64, 'base64'))]),
  );
  return { zip, bad: read.bad, files };
}

const flatEuros = (cents: number) => flatText(formatEuros(cents));

describe.skipIf(!hasPython)('court file: injonction de payer', () => {
  it('writes a request whose text names the parties, the itemised amounts and the court', async () => {
    const { dossier, blobs, timeline } = await setup();
    const result = await buildCourtFile(deps(blobs), {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: `${BUILT_ON}T09:00:00.000Z`,
    });
    expect(result.built).toBe(true);
    expect(result.courtFile.request.key).toBe(
      `${dossier.tenantId}/${dossier.dossierId}/court/${BUILT_ON}/01-requete-injonction-de-payer.pdf`,
    );
    const pdf = await blobs.get('documents', result.courtFile.request.key);
    expect(sha(pdf)).toBe(result.courtFile.request.sha256);
    const text = flatText(await extractPdfText(pdf));

    // Parties: names, SIREN, addresses.
    for (const words of [
      'Atelier Martin SAS',
      'SIREN 552100554',
      '3 place Bellecour, 69002 Lyon',
      'Menuiserie Dupont SARL',
      'SIREN 732829320',
      '12 rue des Lilas, 69003 Lyon',
    ])
      expect(text).toContain(words);
    // The court, from the debtor's domicile.
    expect(text).toContain('Président du tribunal de commerce territorialement compétent pour 69003 Lyon');
    expect(text).toContain('CPC art. 1406');

    // Itemised amounts: what the legal engine computes for the same day.
    const statement = dossierClaimStatement(dossier, timeline, BUILT_ON, { rates: DEFAULT_RATES });
    const [one, two] = statement.invoices;
    expect(one!.interestCents).toBeGreaterThan(0);
    expect(text).toContain(
      `Facture n° F-2026-001 du 01/02/2026, échue le 03/03/2026, montant ${flatEuros(620_000)}`,
    );
    expect(text).toContain(
      `Facture n° F-2026-002 du 08/02/2026, échue le 10/03/2026, montant ${flatEuros(150_000)}`,
    );
    // Interest: period, rate, basis and the article, per invoice.
    const segment = one!.interest.segments[0]!;
    expect(text).toContain(`du 04/03/2026 au 20/04/2026 (${segment.days} jours)`);
    expect(text).toContain(segment.article);
    expect(text).toContain(`: ${flatEuros(one!.interestCents)}`);
    expect(text).toContain(`: ${flatEuros(two!.interestCents)}`);
    // Indemnity and totals.
    expect(text).toContain(
      `Indemnité forfaitaire pour frais de recouvrement : ${flatEuros(4_000)} par facture`,
    );
    expect(text).toContain('D441-5');
    expect(text).toContain(`la somme de ${flatEuros(statement.totals.totalDueCents)}`);
    expect(text).toContain(`dont ${flatEuros(770_000)} en principal`);
    // The basis, the notice and its proof, the exhibits.
    expect(text).toContain('CPC art. 1405');
    expect(text).toContain(
      'Mise en demeure adressée le 25/03/2026 (lettre recommandée avec accusé de réception n° 1LABCDEF12345), reçue le 27/03/2026',
    );
    expect(text).toContain(
      'taux de refinancement de la BCE du semestre majoré de 10 points (C.com. L441-10 II)',
    );
    expect(text).toContain('Pénalités arrêtées au 20/04/2026');
    expect(text).toContain('Pièce n° 1 : Facture n° F-2026-001');
    expect(text).toContain('Pièce n° 4 : Preuve de dépôt et avis de réception du 27/03/2026');
    expect(text).toContain('Pièce n° 5 : Historique');
    if (hasPdfTools) {
      const poppler = flatText(pdftotext(pdf));
      expect(poppler).toContain('SIREN 732829320');
      expect(poppler).toContain('tribunal de commerce');
    }
  });

  it('bundles the request, the invoices, the notice and its proof, the timeline; the manifest SHA-256 match', async () => {
    const { dossier, blobs, notice } = await setup();
    const result = await buildCourtFile(deps(blobs), {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: BUILT_ON,
    });
    const bundle = await bundleOf(blobs, result.courtFile.bundle!.key);
    expect(result.courtFile.bundle!.key).toBe(
      `${dossier.tenantId}/${dossier.dossierId}/court/${BUILT_ON}/bundle.zip`,
    );
    expect(sha(bundle.zip)).toBe(result.courtFile.bundle!.sha256);
    expect(bundle.bad).toBeNull();
    expect(Object.keys(bundle.files).sort()).toEqual([
      '01-requete-injonction-de-payer.pdf',
      '02-factures/F-2026-001.json',
      '02-factures/F-2026-002.json',
      '03-mise-en-demeure.pdf',
      '04-preuve-de-remise.json',
      '05-chronologie.json',
      'manifest.json',
    ]);
    const manifest = JSON.parse(new TextDecoder().decode(bundle.files['manifest.json']));
    expect(manifest.files).toHaveLength(6);
    for (const file of manifest.files) {
      expect(bundle.files[file.name], file.name).toBeDefined();
      expect(sha(bundle.files[file.name]!), file.name).toBe(file.sha256);
      expect(bundle.files[file.name]!.byteLength).toBe(file.bytes);
    }
    // The request in the bundle is the stored one; the notice is the one the timeline fingerprinted.
    expect(sha(bundle.files['01-requete-injonction-de-payer.pdf']!)).toBe(result.courtFile.request.sha256);
    expect(bundle.files['03-mise-en-demeure.pdf']).toEqual(notice);
    const proof = JSON.parse(new TextDecoder().decode(bundle.files['04-preuve-de-remise.json']));
    expect(proof.proof.map((e: TimelineEvent) => e.type)).toEqual(['letter-posted', 'letter-delivered']);
    expect(proof.notice).toMatchObject({
      sentOn: '2026-03-25',
      deliveredOn: '2026-03-27',
      trackingRef: '1LABCDEF12345',
    });
    const invoice = JSON.parse(new TextDecoder().decode(bundle.files['02-factures/F-2026-001.json']));
    expect(invoice.invoice).toMatchObject({ number: 'F-2026-001', amountCents: 620_000 });
    expect(invoice.claimed.interest[0]).toMatchObject({ from: '2026-03-04', to: BUILT_ON });
    const chronology = JSON.parse(new TextDecoder().decode(bundle.files['05-chronologie.json']));
    expect(chronology[0].document.sha256).toBe(sha(notice));
    expect(manifest.exhibits.map((e: { file?: string }) => e.file)).toEqual([
      '02-factures/F-2026-001.json',
      '02-factures/F-2026-002.json',
      '03-mise-en-demeure.pdf',
      '04-preuve-de-remise.json',
      '05-chronologie.json',
    ]);
    if (hasUnzip) {
      const listing = withFile('bundle.zip', bundle.zip, (file) =>
        execFileSync('unzip', ['-t', file], { encoding: 'utf8' }),
      );
      expect(listing).toContain('No errors detected');
    }

    // Recorded on the dossier and its timeline; the stage waits for the creditor's filing.
    const saved = await pipeline.repository.getDossier(dossier.tenantId, dossier.dossierId);
    expect(saved!.judicial!.courtFile).toEqual(result.courtFile);
    expect(saved!.judicial!.stage).toBe('review');
    const timeline = await pipeline.repository.listTimeline(dossier.tenantId, dossier.dossierId);
    const built = timeline.find((e) => e.type === 'court-file-built');
    expect(built).toMatchObject({
      eventId: `${BUILT_ON}#COURT#file-built`,
      template: 'injonction-de-payer',
      documents: [
        { key: result.courtFile.request.key, sha256: result.courtFile.request.sha256 },
        { key: result.courtFile.bundle!.key, sha256: result.courtFile.bundle!.sha256 },
      ],
    });
    // Built once: a second call writes nothing and answers the same file.
    const again = await buildCourtFile(deps(blobs), {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: BUILT_ON,
    });
    expect(again).toMatchObject({ built: false, courtFile: result.courtFile });
  });

  it('refuses an incomplete request, naming the missing mention and its article', async () => {
    const { dossier, blobs } = await setup({ tenant: { siren: undefined } });
    const build = buildCourtFile(deps(blobs), {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: BUILT_ON,
    });
    await expect(build).rejects.toThrow(ValidationError);
    await expect(build).rejects.toThrow(/creditor's SIREN \(a company\) \(CPC 54 3° b; C\.com\. R123-237\)/);
    expect([...blobs.objects.keys()].filter((key) => key.includes('/court/'))).toEqual([]);
  });

  it('refuses a dossier the creditor has not decided to file', async () => {
    const { dossier, blobs } = await setup({ decided: false });
    await expect(
      buildCourtFile(deps(blobs), {
        tenantId: dossier.tenantId,
        dossierId: dossier.dossierId,
        asOf: BUILT_ON,
      }),
    ).rejects.toThrow(ConflictError);
  });
});

describe.skipIf(!hasPython)('court file: small claims and European order', () => {
  it('writes the commissaire de justice invitation file with its fields, and the bundle', async () => {
    const { dossier, blobs } = await setup({ path: 'petites-creances', amounts: [120_000, 30_000] });
    const result = await buildCourtFile(deps(blobs), {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: BUILT_ON,
    });
    expect(result.courtFile.path).toBe('petites-creances');
    const pdf = await blobs.get('documents', result.courtFile.request.key);
    const text = flatText(await extractPdfText(pdf));
    const statement = dossierClaimStatement(
      dossier,
      await pipeline.repository.listTimeline(dossier.tenantId, dossier.dossierId),
      BUILT_ON,
      { rates: DEFAULT_RATES },
    );
    for (const words of [
      'Demande de procédure simplifiée de recouvrement des petites créances',
      'Commissaire de justice',
      'Créancier : Atelier Martin SAS, SIREN 552100554',
      'Débiteur : Menuiserie Dupont SARL, SIREN 732829320, dont le siège est 12 rue des Lilas, 69003 Lyon',
      'compta@dupont.example',
      `la somme de ${flatEuros(statement.totals.totalDueCents)}`,
      `plafond de ${flatEuros(500_000)}, CPCE art. R125-1`,
      `Proposition du créancier : paiement de la somme de ${flatEuros(statement.totals.totalDueCents)} en un versement`,
      'son silence vaut refus',
      'Facture n° F-2026-001',
      'C. com. art. L441-10 II',
    ])
      expect(text).toContain(flatText(words));
    const bundle = await bundleOf(blobs, result.courtFile.bundle!.key);
    expect(bundle.bad).toBeNull();
    expect(Object.keys(bundle.files)).toContain('01-petites-creances-commissaire-de-justice.pdf');
    const manifest = JSON.parse(new TextDecoder().decode(bundle.files['manifest.json']));
    for (const file of manifest.files) expect(sha(bundle.files[file.name]!)).toBe(file.sha256);
  });

  it('stores form A as JSON with its sections for a debtor in another EU state', async () => {
    const { dossier, blobs } = await setup({
      path: 'european-order',
      debtor: {
        siren: undefined,
        name: 'Schreinerei Müller GmbH',
        address: { line1: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin', country: 'DE' },
      },
    });
    const result = await buildCourtFile(deps(blobs), {
      tenantId: dossier.tenantId,
      dossierId: dossier.dossierId,
      asOf: BUILT_ON,
    });
    expect(result.courtFile.request).toMatchObject({ contentType: 'application/json' });
    const form = JSON.parse(
      new TextDecoder().decode(await blobs.get('documents', result.courtFile.request.key)),
    );
    expect(missingFormAFields(form)).toEqual([]);
    expect(form.meta).toMatchObject({ form: 'A', date: BUILT_ON });
    expect(form['1-court']).toMatchObject({ country: 'DE' });
    expect(form['2-parties']).toEqual([
      expect.objectContaining({
        role: 'claimant',
        name: 'Atelier Martin SAS',
        country: 'FR',
        otherDetails: 'SIREN 552100554',
      }),
      expect.objectContaining({
        role: 'defendant',
        name: 'Schreinerei Müller GmbH',
        city: 'Berlin',
        country: 'DE',
      }),
    ]);
    expect(form['4-cross-border']).toEqual({
      claimantCountry: 'FR',
      defendantCountry: 'DE',
      courtCountry: 'DE',
    });
    expect(form['6-principal'].lines.map((l: { invoice: string }) => l.invoice)).toEqual([
      'F-2026-001',
      'F-2026-002',
    ]);
    expect(form['6-principal'].totalCents).toBe(770_000);
    expect(form['7-interest'][0]).toMatchObject({ invoice: 'F-2026-001', from: '2026-03-04', to: BUILT_ON });
    expect(form['7-interest'][0].article).toMatch(/L441-10/);
    expect(form['9-costs']).toHaveLength(2);
    expect(form['10-evidence'].length).toBeGreaterThanOrEqual(4);
    expect(form.totals.totalDueCents).toBe(
      form['6-principal'].totalCents +
        form['7-interest'].reduce((t: number, i: { cents: number }) => t + i.cents, 0) +
        8_000,
    );
    const bundle = await bundleOf(blobs, result.courtFile.bundle!.key);
    expect(bundle.bad).toBeNull();
    expect(sha(bundle.files['01-injonction-europeenne-formulaire-a.json']!)).toBe(
      result.courtFile.request.sha256,
    );
  });
});

describe.skipIf(!hasPython)('store zip writer', () => {
  it('writes entries a standard reader opens, names in UTF-8, the same bytes for the same input', () => {
    const entries = [
      { name: 'pièces/échéancier.json', data: new TextEncoder().encode('{"a":1}') },
      { name: 'empty.txt', data: new Uint8Array() },
    ];
    const zip = storeZip(entries, '2026-04-20');
    expect(storeZip(entries, '2026-04-20')).toEqual(zip);
    const read = readZipWithPython(zip);
    expect(read.bad).toBeNull();
    expect(Object.keys(read.files)).toEqual(['pièces/échéancier.json', 'empty.txt']);
    expect(Buffer.from(read.files['pièces/échéancier.json']!, 'base64').toString()).toBe('{"a":1}');
    expect(() => storeZip([entries[0]!, entries[0]!], '2026-04-20')).toThrow(/duplicate/);
  });
});
