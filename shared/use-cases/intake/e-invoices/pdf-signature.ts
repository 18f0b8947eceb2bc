/**
 * Whether bytes are a PDF, without the PDF library: intake sniffs every file with it, and only
 * a PDF loads pdf-lib (factur-x-pdf.ts, imported lazily by read-e-invoice.ts), which would
 * otherwise be evaluated at every cold start of the intake and the API.
 */
export function isPdf(bytes: Uint8Array): boolean {
  // The header may follow a few bytes of garbage (ISO 32000-1 §7.5.2 tolerance in readers): first 1 kB.
  return Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');
}
