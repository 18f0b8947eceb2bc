import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfLetterRenderer } from '../../../shared/adapters/pdf/pdf-letter-renderer';
import type { JudicialState } from '../../../shared/domain/judicial/judicial-state';
import { buildCourtFile } from '../../../shared/use-cases/judicial/build-court-file';
import { aDebtor, aDossier, anInvoice, aTenant } from '../../support/builders';
import { useDynalite } from '../../support/dynalite';
import { MemoryBlobStore, pipelineOn, type TestPipeline } from '../../support/recording-ports';

let pipeline: TestPipeline;
useDynalite((dynamo) => {
  pipeline = pipelineOn(dynamo);
});
const hasPython = spawnSync('python3', ['--version'], { stdio: 'ignore' }).error === undefined;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const judicial: JudicialState = {
  stage: 'review',
  recommendation: {
    path: 'injonction-de-payer',
    court: { kind: 'tribunal-de-commerce', country: 'FR', postalCode: '69003', city: 'Lyon' },
    amount: {
      currency: 'EUR',
      principalCents: 0,
      interestCents: 0,
      indemnityCents: 0,
      totalCents: 0,
      computedThrough: '2026-11-20',
    },
    reasons: [],
    reviewedOn: '2026-11-20',
  },
  decision: { kind: 'file', decidedOn: '2026-11-21', by: 'creditor' },
  events: {},
  deadlines: [],
};

/** The bundle's entries as Python's zipfile reads them. */
function zipEntries(zip: Uint8Array): Record<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'einv-court-'));
  try {
    writeFileSync(join(dir, 'b.zip'), zip);
    const script =
      'import base64,json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}))';
    const files = JSON.parse(
      execFileSync('python3', ['-c', script, join(dir, 'b.zip')], { encoding: 'utf8' }),
    );
    return Object.fromEntries(Object.entries(files).map(([n, b]) => [n, Buffer.from(b as string, 'base64')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasPython)('court file: an e-invoice joins the exhibits as received', () => {
  it('bundles the Factur-X PDF kept at intake and lists it as the invoice exhibit', async () => {
    const tenantId = 'tenant-einv-court';
    const blobs = new MemoryBlobStore();
    const pdf = readFileSync(new URL('../../fixtures/e-invoices/factur-x-invoice.pdf', import.meta.url));
    const key = `${tenantId}/DOS-CLI-FX-3/invoices/FX-2026-0100.pdf`;
    const stored = await blobs.put('documents', key, pdf);
    await pipeline.repository.putTenant(aTenant(tenantId, { siren: '404833048' }));
    const dossier = aDossier({
      tenantId,
      dossierId: 'DOS-CLI-FX-3',
      debtor: aDebtor({ ref: 'CLI-FX-3', siren: '442306809' }),
      invoices: [
        anInvoice({
          number: 'FX-2026-0100',
          amountCents: 360_000,
          issueDate: '2026-09-10',
          dueDate: '2026-09-30',
          eInvoice: {
            syntax: 'factur-x',
            totalWithVatCents: 360_000,
            amountDueCents: 360_000,
            document: { key, sha256: stored.sha256, contentType: 'application/pdf' },
          },
        }),
      ],
      status: 'judicial',
      levelIndex: 4,
      judicial,
    });
    expect(await pipeline.repository.createDossier(dossier)).toBe(true);
    const deps = {
      repository: pipeline.repository,
      tenants: pipeline.repository,
      documents: blobs,
      documentsBucket: 'documents',
      letters: new PdfLetterRenderer(),
      rates: pipeline.rates,
    };
    const built = await buildCourtFile(deps, {
      tenantId,
      dossierId: dossier.dossierId,
      asOf: '2026-11-30T09:00:00.000Z',
    });
    const files = zipEntries(await blobs.get('documents', built.courtFile.bundle!.key));
    expect(sha(files['02-factures/FX-2026-0100.pdf']!)).toBe(sha(pdf));
    const manifest = JSON.parse(files['manifest.json']!.toString('utf8'));
    expect(manifest.exhibits[0]).toMatchObject({ number: 1, file: '02-factures/FX-2026-0100.pdf' });
  });
});
