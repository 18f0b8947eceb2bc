import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { mapEInvoice } from '../../../shared/use-cases/intake/e-invoices/e-invoice-row';
import { embeddedInvoiceXml } from '../../../shared/use-cases/intake/e-invoices/factur-x-pdf';
import { readEInvoice } from '../../../shared/use-cases/intake/e-invoices/read-e-invoice';
import { MAX_XML_BYTES, readXml } from '../../../shared/use-cases/intake/e-invoices/xml-document';
import { UnreadableFileError } from '../../../shared/use-cases/intake/unreadable-file';
import { buildFacturX } from '../../support/factur-x';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/e-invoices/${name}`, import.meta.url));
const TENANT = { siren: '404833048' };

describe('e-invoice readers: each syntax to the EN 16931 terms', () => {
  it('reads a UBL 2.1 invoice: BT-1/2/9/5, BT-112 and BT-115 (after the prepayment), the buyer as debtor', async () => {
    const { invoice, document } = await readEInvoice(fixture('ubl-invoice.xml'));
    expect(document.contentType).toBe('application/xml');
    expect(invoice).toMatchObject({
      syntax: 'ubl',
      kind: 'invoice',
      number: 'UBL-2026-0042',
      issueDate: '2026-09-15',
      dueDate: '2026-10-15',
      currency: 'EUR',
      totalWithVat: '2400.00',
      amountDue: '2000.00',
      seller: { legalId: { value: '404833048', scheme: '0002' } },
      buyer: {
        name: "Chantiers de l'Estuaire SARL",
        identifier: 'CLI-UBL-7',
        legalId: { value: '55210055400005', scheme: '0009' },
        vatId: 'FR83552100554',
        address: {
          line1: '18 rue du Port',
          line2: 'Bâtiment B',
          city: 'Nantes',
          postalCode: '44000',
          country: 'FR',
        },
        contact: { phone: '02 40 12 34 56', email: 'compta@estuaire.example' },
      },
    });
    const mapped = mapEInvoice(invoice, TENANT);
    expect(mapped).toMatchObject({
      ok: true,
      debtorRef: 'CLI-UBL-7',
      buyerSiren: '552100554',
      values: { amount_cents: 200000, due_date: '2026-10-15', debtor_type: 'professional' },
      record: {
        totalWithVatCents: 240000,
        amountDueCents: 200000,
        mentions: {
          latePenalty: expect.stringContaining('pénalités au taux BCE'),
          recoveryIndemnity: expect.stringContaining(
            'Indemnité forfaitaire pour frais de recouvrement : 40 €',
          ),
        },
      },
    });
  });

  it('reads a UBL credit note under other prefixes: BT-25 names the invoice it corrects', async () => {
    const { invoice } = await readEInvoice(fixture('ubl-credit-note.xml'));
    expect(invoice).toMatchObject({
      kind: 'credit-note',
      typeCode: '381',
      number: 'AV-2026-0007',
      precedingInvoices: ['UBL-2026-0042'],
      totalWithVat: '300.00',
    });
  });

  it('reads a CII invoice without BT-9: the due date comes from BT-20 ("45 jours")', async () => {
    const { invoice } = await readEInvoice(fixture('cii-invoice.xml'));
    expect(invoice).toMatchObject({ syntax: 'cii', number: 'CII-2026-0311', issueDate: '2026-09-10' });
    expect(invoice.dueDate).toBeUndefined();
    const mapped = mapEInvoice(invoice, TENANT);
    expect(mapped).toMatchObject({
      ok: true,
      debtorRef: '380129866',
      values: { due_date: '2026-10-25', amount_cents: 120000 },
      record: { dueDateBasis: 'BT-20: 45 days from the issue date' },
    });
  });

  it('finds the CII embedded in a Factur-X PDF (EmbeddedFiles name tree) and keeps the PDF as the document', async () => {
    const pdf = fixture('factur-x-invoice.pdf');
    const { invoice, document } = await readEInvoice(pdf);
    expect(invoice).toMatchObject({
      syntax: 'factur-x',
      number: 'FX-2026-0100',
      dueDate: '2026-09-30',
      amountDue: '3600.00',
    });
    expect(document).toEqual({ bytes: pdf, contentType: 'application/pdf' });
  });

  it('finds the XML through the catalog /AF array alone, and accepts the ZUGFeRD name', async () => {
    const pdf = await buildFacturX(fixture('factur-x-invoice.xml'), {
      lines: ['x'],
      fileName: 'zugferd-invoice.xml',
    });
    const document = await PDFDocument.load(pdf);
    document.catalog.delete(PDFName.of('Names'));
    const onlyAf = await document.save();
    await expect(embeddedInvoiceXml(onlyAf)).resolves.toMatchObject({ name: 'zugferd-invoice.xml' });
  });

  it('reports the broken ones by business term', async () => {
    const ubl = mapEInvoice((await readEInvoice(fixture('ubl-invoice-broken.xml'))).invoice, TENANT);
    expect(ubl.ok ? [] : ubl.problems.map((p) => p.field)).toEqual(['BT-47', 'BT-9']);
    const cii = mapEInvoice((await readEInvoice(fixture('cii-invoice-broken.xml'))).invoice, TENANT);
    expect(cii.ok ? [] : cii.problems).toEqual([
      { field: 'BT-30', reason: expect.stringContaining('the seller is not this tenant') },
      { field: 'BT-2', reason: expect.stringContaining('not a date') },
    ]);
  });

  it('checks the seller SIRET against the profile when both give one (another establishment is a reject)', async () => {
    const xml = fixture('ubl-invoice.xml')
      .toString('utf8')
      .replace(
        '<cbc:CompanyID schemeID="0002">404833048</cbc:CompanyID>',
        '<cbc:CompanyID schemeID="0009">40483304800021</cbc:CompanyID>',
      );
    const { invoice } = await readEInvoice(new TextEncoder().encode(xml));
    expect(mapEInvoice(invoice, { siren: '404833048' }).ok).toBe(true);
    expect(mapEInvoice(invoice, { siret: '40483304800021' }).ok).toBe(true);
    expect(mapEInvoice(invoice, { siren: '404833048', siret: '40483304800013' })).toMatchObject({
      ok: false,
      problems: [{ field: 'BT-30', reason: expect.stringContaining('another establishment') }],
    });
    expect(mapEInvoice(invoice, {})).toMatchObject({
      ok: false,
      problems: [{ field: 'BT-30', reason: expect.stringContaining('no siren') }],
    });
  });

  it('refuses a PDF without the invoice XML, a DOCTYPE (XXE), broken XML and oversize XML as unreadable', async () => {
    await expect(readEInvoice(fixture('factur-x-broken.pdf'))).rejects.toThrow(
      /without an embedded factur-x\.xml/,
    );
    await expect(readEInvoice(fixture('xxe.xml'))).rejects.toThrow(/DOCTYPE/);
    await expect(readEInvoice(new TextEncoder().encode('<Invoice><ID>1</Invoice>'))).rejects.toThrow(
      UnreadableFileError,
    );
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>\xe9</a>', 'latin1');
    expect(() => readXml(latin1)).toThrow(/not UTF-8/);
    expect(() => readXml('<?xml version="1.0" encoding="ISO-8859-1"?><a>x</a>')).toThrow(
      /declared in ISO-8859-1/,
    );
    const big = `<a>${'x'.repeat(MAX_XML_BYTES)}</a>`;
    expect(() => readXml(big)).toThrow(/larger than/);
  });

  it('caps an embedded stream that inflates past the XML limit (decompression bomb)', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    const bomb = deflateSync(Buffer.alloc(MAX_XML_BYTES + 10, 0x20));
    // A raw stream already compressed: declare its filter without compressing it again.
    const raw = pdf.context.stream(bomb, { Filter: 'FlateDecode' });
    const ref = pdf.context.register(raw);
    const name = PDFString.of('factur-x.xml');
    const spec = pdf.context.obj({ Type: 'Filespec', F: name, UF: name, EF: { F: ref } });
    pdf.catalog.set(PDFName.of('AF'), pdf.context.obj([pdf.context.register(spec)]));
    await expect(embeddedInvoiceXml(await pdf.save())).rejects.toThrow(/larger than/);
  });

  it('resolves namespaces, not prefixes: a UBL element in another namespace is not read', () => {
    const root = readXml(
      '<x:Invoice xmlns:x="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:c="urn:other"><c:ID>1</c:ID></x:Invoice>',
    );
    expect(root).toMatchObject({
      ns: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
      local: 'Invoice',
    });
    expect(root.children[0]).toMatchObject({ ns: 'urn:other', local: 'ID' });
    expect(() => readXml('<u:Invoice><ID/></u:Invoice>')).toThrow(/prefix u: is not declared/);
  });
});
