import { readFile, writeFile } from 'node:fs/promises';
import { AFRelationship } from 'pdf-lib';
import { buildFacturX } from './factur-x';

/**
 * Writes the Factur-X fixtures and samples from their CII XML: `npx tsx test/support/write-e-invoice-fixtures.ts`.
 * The PDFs are kept in the repo (a reader opens them like a client would); this says how they were made.
 */
const FIXTURES = new URL('../fixtures/e-invoices/', import.meta.url);
const SAMPLES = new URL('../../samples/', import.meta.url);

async function main() {
  const cii = await readFile(new URL('factur-x-invoice.xml', FIXTURES));
  await writeFile(
    new URL('factur-x-invoice.pdf', FIXTURES),
    await buildFacturX(cii, {
      lines: [
        'FACTURE FX-2026-0100',
        'Atelier Martin SAS -> Transports Garnier SAS',
        'Net a payer : 3 600,00 EUR',
        'Echeance : 30/09/2026',
      ],
    }),
  );
  // Broken: the XML is attached under another name, so no e-invoice is found in it.
  await writeFile(
    new URL('factur-x-broken.pdf', FIXTURES),
    await buildFacturX(cii, {
      lines: ['FACTURE sans XML Factur-X'],
      fileName: 'notes.xml',
      relationship: AFRelationship.Supplement,
    }),
  );
  const sample = await readFile(new URL('e-invoices/factur-x-invoice.xml', SAMPLES));
  await writeFile(
    new URL('e-invoices/factur-x-invoice.pdf', SAMPLES),
    await buildFacturX(sample, {
      lines: [
        'FACTURE FX-2025-0501',
        'SAS Distribution Exemple -> Garage du Centre SARL',
        'Net a payer : 1 440,00 EUR',
      ],
    }),
  );
}

await main();
