import { UnreadableFileError } from '../unreadable-file';
import { isCii, readCii } from './cii-reader';
import type { EInvoice } from './e-invoice';
import { isPdf } from './pdf-signature';
import { isUbl, readUbl } from './ubl-reader';
import { readXml } from './xml-document';

export interface ReadEInvoice {
  invoice: EInvoice;
  /** The bytes kept as the invoice document (the PDF a court reads, or the XML itself). */
  document: { bytes: Uint8Array; contentType: 'application/pdf' | 'application/xml' };
}

/** Whether bytes look like an e-invoice (a PDF, or XML): sniffed, whatever the name or content type. */
export function looksLikeEInvoice(bytes: Uint8Array): boolean {
  if (isPdf(bytes)) return true;
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 256))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<');
}

/**
 * Reads an e-invoice from its bytes, the syntax decided by the content, not the file name:
 * a PDF is read as Factur-X (its embedded CII), XML by its root element's namespace (UBL 2.1
 * Invoice / CreditNote, or CII CrossIndustryInvoice). Anything else is unreadable.
 */
export async function readEInvoice(bytes: Uint8Array): Promise<ReadEInvoice> {
  if (isPdf(bytes)) {
    // pdf-lib is most of the intake's and the API's bundle: loaded with the first PDF, not at cold start.
    const { embeddedInvoiceXml } = await import('./factur-x-pdf');
    const { xml } = await embeddedInvoiceXml(bytes);
    const root = readXml(xml);
    if (!isCii(root))
      throw new UnreadableFileError('the PDF embeds an XML that is not a CII CrossIndustryInvoice');
    return { invoice: readCii(root, 'factur-x'), document: { bytes, contentType: 'application/pdf' } };
  }
  const root = readXml(bytes);
  if (isUbl(root)) return { invoice: readUbl(root), document: { bytes, contentType: 'application/xml' } };
  if (isCii(root)) return { invoice: readCii(root), document: { bytes, contentType: 'application/xml' } };
  throw new UnreadableFileError(
    `XML root {${root.ns}}${root.local} is neither a UBL 2.1 Invoice/CreditNote nor a CII CrossIndustryInvoice`,
  );
}
