import { extractText, extractTextItems, getDocumentProxy, getMeta, type StructuredTextItem } from 'unpdf';

/**
 * What a reader (pdf.js, through unpdf) gets out of a PDF: text per page, positioned
 * text items, metadata. Tests assert on these rather than on the bytes a writer produced.
 * pdf.js may detach the buffer it is given, so each call hands it a copy.
 */

export async function extractPdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    return (await extractText(pdf, { mergePages: false })).text;
  } finally {
    await pdf.destroy();
  }
}

/** All pages' text, pages separated by a form feed. */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  return (await extractPdfPages(bytes)).join('\n\f\n');
}

/** Text runs with their position (PDF points, origin bottom-left), one array per page. */
export async function extractPdfItems(bytes: Uint8Array): Promise<StructuredTextItem[][]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    return (await extractTextItems(pdf)).items;
  } finally {
    await pdf.destroy();
  }
}

/** The document information dictionary (Title, Producer, CreationDate…). */
export async function extractPdfInfo(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    return (await getMeta(pdf)).info;
  } finally {
    await pdf.destroy();
  }
}

/** Collapses runs of white space, so wrapped lines compare as one sentence. */
export function flatText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
