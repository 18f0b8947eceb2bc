import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { UnreadableFileError } from '../unreadable-file';
import { MAX_XML_BYTES } from './xml-document';

/** A Factur-X invoice PDF is tens to hundreds of kB; 20 MB leaves room for scanned annexes. */
export const MAX_PDF_BYTES = 20 * 1024 * 1024;
/** Name trees deeper than this are not what a PDF writer produces (and could loop). */
const MAX_TREE_DEPTH = 16;

/**
 * The names the XML part may carry: `factur-x.xml` (Factur-X 1.0), `zugferd-invoice.xml`
 * (ZUGFeRD 2.x, the same CII), `xrechnung.xml` (Factur-X/ZUGFeRD XRECHNUNG profile).
 */
export const EMBEDDED_INVOICE_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'] as const;

export { isPdf } from './pdf-signature';

/**
 * The CII XML embedded in a Factur-X PDF, found the way the standard places it (PDF/A-3
 * associated file): in the catalog's /Names /EmbeddedFiles name tree, or its /AF array, a file
 * specification whose /UF or /F is one of EMBEDDED_INVOICE_NAMES; its /EF /F stream decoded
 * (Flate…) by the PDF library, capped at MAX_XML_BYTES. A PDF without one is unreadable as an
 * e-invoice (a plain PDF invoice carries no structured data to read).
 */
export async function embeddedInvoiceXml(pdf: Uint8Array): Promise<{ name: string; xml: Uint8Array }> {
  if (pdf.byteLength > MAX_PDF_BYTES) throw new UnreadableFileError(`PDF larger than ${MAX_PDF_BYTES} bytes`);
  let document: PDFDocument;
  try {
    document = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: false });
  } catch (error) {
    throw new UnreadableFileError(
      `not a readable PDF (${(error as Error).name}${(error as Error).name === 'EncryptedPDFError' ? ': encrypted' : ''})`,
    );
  }
  const catalog = document.catalog;
  const specs: PDFDict[] = [];
  const names = catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  if (tree) collectNameTree(tree, specs, 0);
  const associated = catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  for (let i = 0; i < (associated?.size() ?? 0); i++) {
    const spec = associated!.lookup(i);
    if (spec instanceof PDFDict) specs.push(spec);
  }
  for (const wanted of EMBEDDED_INVOICE_NAMES) {
    const spec = specs.find((candidate) => fileName(candidate)?.toLowerCase() === wanted);
    if (spec) return { name: wanted, xml: streamBytes(spec) };
  }
  throw new UnreadableFileError(
    `PDF without an embedded ${EMBEDDED_INVOICE_NAMES.join(' / ')}: not a Factur-X invoice`,
  );
}

/** Leaves of the name tree: /Names [key1 spec1 key2 spec2 …]; intermediate nodes: /Kids. */
function collectNameTree(node: PDFDict, into: PDFDict[], depth: number): void {
  if (depth > MAX_TREE_DEPTH) throw new UnreadableFileError('PDF embedded-files tree too deep');
  const leaves = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let i = 1; i < (leaves?.size() ?? 0); i += 2) {
    const spec = leaves!.lookup(i);
    if (spec instanceof PDFDict) into.push(spec);
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let i = 0; i < (kids?.size() ?? 0); i++) {
    const kid = kids!.lookup(i);
    if (kid instanceof PDFDict) collectNameTree(kid, into, depth + 1);
  }
}

function textOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

/** A file specification's name: /UF (Unicode) first, then /F. */
function fileName(spec: PDFDict): string | undefined {
  return textOf(spec.lookup(PDFName.of('UF'))) ?? textOf(spec.lookup(PDFName.of('F')));
}

function streamBytes(spec: PDFDict): Uint8Array {
  const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
  const ref = ef?.get(PDFName.of('F')) ?? ef?.get(PDFName.of('UF'));
  const stream = ref instanceof PDFRef ? spec.context.lookup(ref) : ref;
  if (!(stream instanceof PDFRawStream))
    throw new UnreadableFileError('the embedded invoice file has no readable stream');
  // Read one byte past the cap: a decompression bomb stops there instead of filling the memory.
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(decodePDFRawStream(stream).getBytes(MAX_XML_BYTES + 1));
  } catch (error) {
    throw new UnreadableFileError(`the embedded invoice file cannot be decoded (${(error as Error).name})`);
  }
  if (bytes.byteLength > MAX_XML_BYTES)
    throw new UnreadableFileError(`the embedded invoice XML is larger than ${MAX_XML_BYTES} bytes`);
  return bytes;
}
