import { AFRelationship, PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * A Factur-X-shaped PDF built with pdf-lib: a visible page (what a person reads) and the CII XML
 * attached as an embedded file with AFRelationship (Data for MINIMUM/BASIC WL, Alternative for
 * EN16931 and above: Factur-X 1.0 §6), which pdf-lib lists in both the /EmbeddedFiles name tree
 * and the catalog's /AF array. Not a validated PDF/A-3 (no XMP, no OutputIntent): enough to
 * test the reading, which only relies on the embedded file.
 */
export async function buildFacturX(
  xml: string | Uint8Array,
  options: { lines: string[]; fileName?: string; relationship?: AFRelationship },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Fixed dates: the same fixture bytes on every run.
  const date = new Date('2026-09-01T00:00:00Z');
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  pdf.setProducer('recouvrement test fixtures');
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  options.lines.forEach((line, index) => {
    page.drawText(line, { x: 50, y: 780 - index * 18, size: 11, font });
  });
  await pdf.attach(
    typeof xml === 'string' ? new TextEncoder().encode(xml) : xml,
    options.fileName ?? 'factur-x.xml',
    {
      mimeType: 'text/xml',
      description: 'Factur-X invoice',
      creationDate: date,
      modificationDate: date,
      afRelationship: options.relationship ?? AFRelationship.Alternative,
    },
  );
  return pdf.save({ useObjectStreams: false });
}
