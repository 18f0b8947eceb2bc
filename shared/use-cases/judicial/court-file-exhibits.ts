/**
 * The court file's exhibits: the formal notice's PDF and its proof of delivery read back and
 * checked, the bordereau numbering every exhibit with its file and SHA-256, the timeline extract.
 * Apart from build-court-file.ts because they are the evidence, checked on their own terms.
 */
import type { Dossier } from '../../domain/dossier';
import { ConflictError } from '../../domain/errors';
import type { Exhibit, NoticeProof } from '../../domain/judicial/injonction-request';
import { EXHIBIT_TITLES_FR } from '../../domain/judicial/templates/court-fr';
import type { TimelineEvent } from '../../domain/timeline';
import type { CourtFileDeps } from './build-court-file';
import { type BundleFile, type courtFileParts, json, safeName, sha256 } from './court-file-parts';

/** The formal notice's PDF, checked against the SHA-256 the timeline recorded, and its proof of delivery. */
export async function noticeFiles(
  deps: CourtFileDeps,
  noticeEvent: TimelineEvent | undefined,
  proofEvents: TimelineEvent[],
  notice: NoticeProof | undefined,
): Promise<{ files: BundleFile[] }> {
  if (!noticeEvent || !notice) return { files: [] };
  const files: BundleFile[] = [];
  if (noticeEvent.document) {
    const { key, sha256: recorded } = noticeEvent.document;
    const bytes = deps.documentStore
      ? await deps.documentStore.read(key)
      : await deps.documents.get(deps.documentsBucket, key);
    if (sha256(bytes) !== recorded)
      throw new ConflictError(
        `formal notice ${key}: stored bytes differ from the SHA-256 the timeline recorded`,
      );
    files.push({
      name: '03-mise-en-demeure.pdf',
      bytes,
      contentType: 'application/pdf',
      description: `formal notice sent on ${noticeEvent.day} (timeline ${noticeEvent.eventId})`,
    });
  }
  files.push({
    name: '04-preuve-de-remise.json',
    bytes: json({
      notice,
      sent: noticeEvent,
      proof: proofEvents,
      basis: 'C.civ. 1344: the registered letter with acknowledgment proves the formal notice',
    }),
    contentType: 'application/json',
    description: 'proof of posting and delivery of the formal notice (registered letter events)',
  });
  return { files };
}

/** The bordereau: each invoice, the notice and its proof, the timeline — each pointing at its bundle file. */
export function numberExhibits(
  dossier: Dossier,
  parts: ReturnType<typeof courtFileParts>,
  noticeBundle: BundleFile[],
): Exhibit[] {
  const titles: { title: string; file?: string; bytes?: Uint8Array }[] = [];
  for (const line of parts.claim.lines) {
    const file =
      parts.invoiceFiles.find((f) => f.name.endsWith(`/${safeName(line.invoice)}.pdf`)) ??
      parts.invoiceFiles.find((f) => f.name.endsWith(`/${safeName(line.invoice)}.json`));
    const invoice = dossier.invoices.find((inv) => inv.number === line.invoice);
    titles.push({
      title: EXHIBIT_TITLES_FR.invoice(line.invoice, invoice?.issueDate ?? line.issueDate, line.amountCents),
      ...(file ? { file: file.name, bytes: file.bytes } : {}),
    });
  }
  if (parts.notice) {
    const pdf = noticeBundle.find((f) => f.name === '03-mise-en-demeure.pdf');
    titles.push({
      title: EXHIBIT_TITLES_FR.formalNotice(parts.notice.sentOn),
      ...(pdf ? { file: pdf.name, bytes: pdf.bytes } : {}),
    });
    const proof = noticeBundle.find((f) => f.name === '04-preuve-de-remise.json');
    titles.push({
      title: EXHIBIT_TITLES_FR.proof(parts.notice),
      ...(proof ? { file: proof.name, bytes: proof.bytes } : {}),
    });
  }
  titles.push({ title: EXHIBIT_TITLES_FR.timeline, file: '05-chronologie.json' });
  return titles.map((t, index) => ({
    number: index + 1,
    title: t.title,
    ...(t.file ? { file: t.file } : {}),
    ...(t.bytes ? { sha256: sha256(t.bytes) } : {}),
  }));
}

/** The timeline as a court reads it: every event in order, documents with their SHA-256; no free notes. */
export function timelineExtract(timeline: readonly TimelineEvent[]) {
  return timeline.map((e) => ({
    eventId: e.eventId,
    type: e.type,
    at: e.at,
    day: e.day,
    actor: e.actor,
    ...(e.level ? { level: e.level } : {}),
    ...(e.channel ? { channel: e.channel } : {}),
    ...(e.template ? { template: e.template } : {}),
    ...(e.document ? { document: e.document } : {}),
    ...(e.legalBasis ? { legalBasis: e.legalBasis } : {}),
    ...(e.amountCents !== undefined ? { amountCents: e.amountCents } : {}),
    ...(e.invoiceNumbers ? { invoiceNumbers: e.invoiceNumbers } : {}),
    ...(e.trackingRef ? { trackingRef: e.trackingRef } : {}),
    ...(e.postalTrackingNumber ? { postalTrackingNumber: e.postalTrackingNumber } : {}),
  }));
}
