import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { intakeObject } from '../../../shared/use-cases/intake/intake-object';
import { aTenant } from '../../support/builders';
import { useDynalite } from '../../support/dynalite';
import { MemoryBlobStore, pipelineOn, type TestPipeline } from '../../support/recording-ports';

let deps: TestPipeline;
let counter = 0;
useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/e-invoices/${name}`, import.meta.url));
// Today's real date: the fixtures' invoices (September 2026) are overdue.
const RECEIVED = '2026-11-30T08:00:00.000Z';

async function tenantWithDrop() {
  const tenantId = `tenant-einv-${++counter}`;
  await deps.repository.putTenant(aTenant(tenantId, { siren: '404833048' }));
  const blobs = new MemoryBlobStore();
  const drop = async (name: string, bytes: Uint8Array, at = RECEIVED) => {
    const key = `${tenantId}/2026-11/${name}`;
    await blobs.put('intake', key, bytes);
    return intakeObject(
      { ...deps, blobs, documentsBucket: 'documents' },
      { bucket: 'intake', key, receivedAt: at },
    );
  };
  const rejects = (name: string) =>
    new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      blobs.objects.get(`intake/${tenantId}/2026-11/${name}.rejects.csv`),
    );
  return { tenantId, blobs, drop, rejects };
}

describe('e-invoice intake through the S3 drop', () => {
  it('imports a UBL invoice, a CII and a Factur-X PDF as dossiers, each with its e-invoice record and document', async () => {
    const { tenantId, blobs, drop } = await tenantWithDrop();
    // Names say nothing: the content decides (a platform may name files `<uuid>`).
    const ubl = await drop('0001', fixture('ubl-invoice.xml'));
    expect(ubl).toMatchObject({ kind: 'e-invoice', report: { format: 'ubl', accepted: 1, rejected: [] } });
    await drop('cii.xml', fixture('cii-invoice.xml'));
    const pdf = await drop('facture.pdf', fixture('factur-x-invoice.pdf'));
    expect(pdf).toMatchObject({
      report: {
        format: 'factur-x',
        accepted: 1,
        documentKey: `${tenantId}/DOS-CLI-FX-3/invoices/FX-2026-0100.pdf`,
      },
    });

    const estuaire = await deps.repository.getDossier(tenantId, 'DOS-CLI-UBL-7');
    expect(estuaire).toMatchObject({
      status: 'open',
      debtor: {
        type: 'professional',
        name: "Chantiers de l'Estuaire SARL",
        siren: '552100554',
        email: 'compta@estuaire.example',
        phone: '+33240123456',
        address: {
          line1: '18 rue du Port',
          line2: 'Bâtiment B',
          postalCode: '44000',
          city: 'Nantes',
          country: 'FR',
        },
      },
      nextActionOn: '2026-11-30',
    });
    expect(estuaire!.invoices[0]).toMatchObject({
      number: 'UBL-2026-0042',
      amountCents: 200000,
      issueDate: '2026-09-15',
      dueDate: '2026-10-15',
      nature: 'commercial',
      eInvoice: {
        syntax: 'ubl',
        totalWithVatCents: 240000,
        amountDueCents: 200000,
        document: {
          key: `${tenantId}/DOS-CLI-UBL-7/invoices/UBL-2026-0042.xml`,
          contentType: 'application/xml',
        },
      },
    });
    const lemoine = await deps.repository.getDossier(tenantId, 'DOS-380129866');
    expect(lemoine!.invoices[0]).toMatchObject({
      number: 'CII-2026-0311',
      dueDate: '2026-10-25',
      amountCents: 120000,
    });
    const garnier = await deps.repository.getDossier(tenantId, 'DOS-CLI-FX-3');
    expect(garnier!.invoices[0]).toMatchObject({
      number: 'FX-2026-0100',
      amountCents: 360000,
      eInvoice: { syntax: 'factur-x' },
    });
    // The PDF kept for the court file is the very file received.
    const kept = blobs.objects.get(`documents/${tenantId}/DOS-CLI-FX-3/invoices/FX-2026-0100.pdf`)!;
    expect(Buffer.from(kept).equals(fixture('factur-x-invoice.pdf'))).toBe(true);

    const again = await drop('0001-again', fixture('ubl-invoice.xml'));
    expect(again).toMatchObject({ report: { accepted: 0, alreadyImported: 1, rejected: [] } });
  });

  it('a credit note reduces the invoice it references, once', async () => {
    const { tenantId, drop } = await tenantWithDrop();
    await drop('inv.xml', fixture('ubl-invoice.xml'));
    const credit = await drop('avoir.xml', fixture('ubl-credit-note.xml'));
    expect(credit).toMatchObject({ report: { kind: 'credit-note', accepted: 1, rejected: [] } });
    await drop('avoir-again.xml', fixture('ubl-credit-note.xml'));
    const dossier = await deps.repository.getDossier(tenantId, 'DOS-CLI-UBL-7');
    expect(dossier!.invoices[0]).toMatchObject({
      amountCents: 170000,
      originalAmountCents: 200000,
      eInvoice: { credits: [{ number: 'AV-2026-0007', amountCents: 30000, issueDate: '2026-10-02' }] },
    });
    const timeline = await deps.repository.listTimeline(tenantId, 'DOS-CLI-UBL-7');
    expect(timeline.filter((e) => e.type === 'credit-note-applied')).toHaveLength(1);
  });

  it('writes the rejects of the broken ones by business term, beside each file, as for CSV', async () => {
    const { tenantId, drop, rejects } = await tenantWithDrop();
    await drop('ubl-broken.xml', fixture('ubl-invoice-broken.xml'));
    expect(rejects('ubl-broken.xml')).toBe(
      '\uFEFFline;invoice_number;field;reason\r\n' +
        // Quoted: the reasons hold the `;` separator (RFC 4180).
        '1;UBL-2026-0043;BT-47, BT-9;"BT-47: buyer legal registration identifier: not a valid SIREN/SIRET (9 or 14 digits with their check digit); BT-9: payment due date: missing, and no payment terms (BT-20) either (BR-CO-25)"\r\n',
    );
    await drop('cii-broken.xml', fixture('cii-invoice-broken.xml'));
    expect(rejects('cii-broken.xml')).toContain('1;CII-2026-0312;BT-30, BT-2;');
    await drop('avoir-broken.xml', fixture('ubl-credit-note-broken.xml'));
    expect(rejects('avoir-broken.xml')).toContain(
      '1;AV-2026-0008;BT-25;preceding invoice reference: references invoice UBL-2025-9999, which is not known for this tenant',
    );
    const pdf = await drop('broken.pdf', fixture('factur-x-broken.pdf'));
    expect(pdf).toMatchObject({ kind: 'unreadable', errorKey: `${tenantId}/2026-11/broken.pdf.error.json` });
    const xxe = await drop('xxe.xml', fixture('xxe.xml'));
    expect(xxe).toMatchObject({ kind: 'unreadable', reason: expect.stringContaining('DOCTYPE') });
    expect(await deps.repository.listDossiers(tenantId)).toEqual([]);
  });

  it('a row problem the CSV path finds is named by its business term (a bad e-mail is BT-58)', async () => {
    const { drop, rejects } = await tenantWithDrop();
    const xml = fixture('ubl-invoice.xml')
      .toString('utf8')
      .replace('compta@estuaire.example', 'not-an-address');
    await drop('bad-mail.xml', new TextEncoder().encode(xml));
    expect(rejects('bad-mail.xml')).toContain(
      '1;UBL-2026-0042;BT-58;buyer contact email address: not an e-mail address',
    );
  });
});
