import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PdfLetterRenderer } from '../../../shared/adapters/pdf/pdf-letter-renderer';
import { decodeIntakeFile } from '../../../shared/use-cases/intake/decode-intake-file';
import { UnreadableFileError } from '../../../shared/use-cases/intake/unreadable-file';
import { extractPdfText } from '../../support/pdf-text';
import { HEADER, row, useIntake } from './intake-harness';

const intake = useIntake();

/** What French Excel writes: accents, œ and € (0x80–0x9F in Windows-1252), NBSP thousands. */
const NAMES = ["Société Générale d'Éclairage", 'Cœur de Lion SARL', 'Boulangerie Müller & Fils'];
const TEXT = [
  HEADER,
  row({
    invoice_number: 'E-1',
    debtor_ref: 'SGE',
    debtor_name: NAMES[0]!,
    amount: '1\u00a0234,56 €',
    city: 'Orléans',
    postal_code: '45000',
  }),
  row({
    invoice_number: 'E-2',
    debtor_ref: 'CDL',
    debtor_name: NAMES[1]!,
    amount: '12\u00a0000,00',
    address_line1: '3 allée des Chênes',
  }),
  row({
    invoice_number: 'E-3',
    debtor_ref: 'BMF',
    debtor_name: NAMES[2]!,
    amount: '99,90 €',
    issue_date: '15/01/2026',
    due_date: '14/02/2026',
  }),
].join('\r\n');

/** Each encoding a creditor's tool may save the same rows in. */
const FILES: Record<string, Uint8Array> = {
  'windows-1252': iconv.encode(TEXT, 'win1252'),
  'utf-8 with BOM': iconv.encode(TEXT, 'utf8', { addBOM: true }),
  'utf-8 without BOM': iconv.encode(TEXT, 'utf8'),
  'utf-16le with BOM': iconv.encode(TEXT, 'utf16le', { addBOM: true }),
  'utf-16be with BOM': Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf16be')]),
};

type Stored = {
  id: string;
  debtor: { name: string; address: { line1: string; city: string } };
  invoices: { amountCents: number }[];
};

describe('intake reads the encodings spreadsheets save in', () => {
  it('the Windows-1252 file really is not UTF-8 (the case that printed "Soci?t?")', () => {
    expect(Buffer.from(FILES['windows-1252']!).toString('utf8')).toContain('\ufffd');
    expect(FILES['windows-1252']!.includes(0xa0)).toBe(true);
    expect(FILES['windows-1252']!.includes(0x9c)).toBe(true); // œ
  });

  it('stores the same dossiers, with byte-identical names and addresses, whatever the encoding', async () => {
    const stored: Record<string, unknown> = {};
    for (const [encoding, bytes] of Object.entries(FILES)) {
      const tenantId = await intake.newTenant();
      const report = await intake.ingest(tenantId, 'export.csv', bytes);
      expect(report, encoding).toMatchObject({ rows: 3, accepted: 3, rejected: [] });
      const dossiers = await intake.deps().repository.listDossiers(tenantId);
      stored[encoding] = dossiers
        .map((d) => ({ id: d.dossierId, debtor: d.debtor, invoices: d.invoices }))
        .sort((a, b) => a.id.localeCompare(b.id));
    }
    // toEqual on strings compares code units: the same bytes once written as UTF-8.
    const [first, ...others] = Object.values(stored) as Stored[][];
    for (const other of others) expect(other).toEqual(first);
    const dossiers = first!;
    expect(dossiers.map((d) => d.debtor.name).sort()).toEqual([...NAMES].sort());
    expect(dossiers.map((d) => d.invoices[0]!.amountCents).sort((a, b) => a - b)).toEqual([
      9_990, 123_456, 1_200_000,
    ]);
    expect(dossiers.map((d) => d.debtor.address.city)).toContain('Orléans');
    expect(dossiers.map((d) => d.debtor.address.line1)).toContain('3 allée des Chênes');
  });

  it('prints byte-identical names on the letters, whatever the encoding the file came in', async () => {
    const renderer = new PdfLetterRenderer();
    const letters: Record<string, Uint8Array[]> = {};
    for (const encoding of ['windows-1252', 'utf-8 with BOM'] as const) {
      const tenantId = await intake.newTenant();
      await intake.ingest(tenantId, 'export.csv', FILES[encoding]!);
      const dossiers = (await intake.deps().repository.listDossiers(tenantId)).sort((a, b) =>
        a.dossierId.localeCompare(b.dossierId),
      );
      letters[encoding] = await Promise.all(
        dossiers.map((d) =>
          renderer.render({
            language: 'fr',
            sender: {
              name: 'Créancier SAS',
              address: { line1: '1 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
            },
            recipient: { name: d.debtor.name, address: d.debtor.address },
            place: 'Paris',
            date: '2026-11-30',
            reference: d.dossierId,
            title: 'Mise en demeure',
            paragraphs: ['Madame, Monsieur,'],
            closing: ['Le service recouvrement'],
          }),
        ),
      );
    }
    const [cp1252, utf8] = [letters['windows-1252']!, letters['utf-8 with BOM']!];
    expect(cp1252.map((pdf) => Buffer.from(pdf).toString('base64'))).toEqual(
      utf8.map((pdf) => Buffer.from(pdf).toString('base64')),
    );
    const text = (await Promise.all(cp1252.map(extractPdfText))).join('\n');
    for (const name of NAMES) expect(text).toContain(name);
    expect(text).not.toContain('?');
  });

  it('names the encoding it read in the report', async () => {
    const tenantId = await intake.newTenant();
    expect((await intake.ingest(tenantId, 'a.csv', FILES['windows-1252']!)).encoding).toBe('windows-1252');
    expect((await intake.ingest(tenantId, 'b.csv', FILES['utf-16le with BOM']!)).encoding).toBe('utf-16le');
  });
});

describe('decodeIntakeFile', () => {
  it('never decodes a binary file: workbooks, PDFs and random bytes are unreadable', () => {
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(() => decodeIntakeFile(zip)).toThrow(UnreadableFileError);
    expect(() => decodeIntakeFile(zip)).toThrow(/workbook.*save it as CSV/);
    const noise = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256);
    expect(() => decodeIntakeFile(noise)).toThrow(UnreadableFileError);
  });

  it('keeps a text file with one stray control byte (its row is rejected, not the file)', () => {
    const text = `${HEADER}\n${row({ debtor_name: 'Alpha\u0001SAS' })}\n${row({ invoice_number: 'F-2' })}\n`;
    expect(decodeIntakeFile(Buffer.from(text, 'utf8')).text).toBe(text);
  });
});
