import * as z from 'zod';
import { NotFoundError } from '../../domain/errors';
import type { TimelineEvent } from '../../domain/timeline';
import type { DossierRepository } from '../ports';

/**
 * The documents of a dossier: every timeline event that kept one (a letter's or a formal
 * notice's PDF, an e-mail's .eml evidence, a statement) or several (the court file: the request,
 * invitation or form A, and its bundle.zip), with the SHA-256 the timeline recorded.
 * A document's id names its dossier and event (and its place in the event's list), never a
 * storage key: `GET /documents/{id}` finds the key back through the caller's own timeline, so
 * another tenant's id is simply not found.
 */

/** Where the documents' bytes are: the documents bucket on AWS, the outbox folder embedded. */
export interface DocumentStore {
  read(key: string): Promise<Uint8Array>;
  /** A short-lived download link (S3 pre-signed URL), when the store hands links out. */
  link?(key: string, contentType: string): Promise<{ url: string; expiresAt: string }>;
}

export const documentSchema = z.object({
  documentId: z.string(),
  kind: z.enum(['formal-notice', 'letter', 'email', 'statement', 'court-file', 'other']),
  eventId: z.string(),
  eventType: z.string(),
  at: z.string(),
  day: z.string(),
  level: z.string().optional(),
  channel: z.enum(['email', 'sms', 'letter', 'call']).optional(),
  fileName: z.string(),
  contentType: z.string(),
  /** Of the bytes as stored when the event was recorded: the evidence's fingerprint. */
  sha256: z.string(),
  /** Where to fetch it (this API). */
  href: z.string(),
});

export type DossierDocument = z.infer<typeof documentSchema>;

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  eml: 'message/rfc822',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  // The court file's bundle (build-court-file.ts).
  zip: 'application/zip',
};

export function contentTypeOf(key: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** `index`: the document's place in an event that kept several (`documents`), absent for `document`. */
export function documentIdOf(dossierId: string, eventId: string, index?: number): string {
  const parts = index === undefined ? [dossierId, eventId] : [dossierId, eventId, String(index)];
  return Buffer.from(parts.join('\n')).toString('base64url');
}

function parseDocumentId(documentId: string): { dossierId: string; eventId: string; index?: number } {
  const [dossierId, eventId, index, ...rest] = Buffer.from(documentId, 'base64url')
    .toString('utf8')
    .split('\n');
  if (!dossierId || !eventId || rest.length > 0 || (index !== undefined && !/^\d{1,3}$/.test(index)))
    throw new NotFoundError(`document ${documentId} not found`);
  return { dossierId, eventId, ...(index === undefined ? {} : { index: Number(index) }) };
}

function kindOf(event: TimelineEvent, key: string): DossierDocument['kind'] {
  if (event.type === 'statement-sent') return 'statement';
  if (event.type === 'court-file-built') return 'court-file';
  if (event.channel === 'email' || key.endsWith('.eml')) return 'email';
  if (event.level?.includes('formal-notice')) return 'formal-notice';
  if (key.endsWith('.pdf')) return 'letter';
  return 'other';
}

type Stored = { key: string; sha256: string };

function describe(event: TimelineEvent, stored: Stored, index?: number): DossierDocument {
  const { key, sha256 } = stored;
  const documentId = documentIdOf(event.dossierId, event.eventId, index);
  return {
    documentId,
    kind: kindOf(event, key),
    eventId: event.eventId,
    eventType: event.type,
    at: event.at,
    day: event.day,
    ...(event.level ? { level: event.level } : {}),
    ...(event.channel ? { channel: event.channel } : {}),
    fileName: key.split('/').at(-1) ?? key,
    contentType: contentTypeOf(key),
    sha256,
    href: `/documents/${documentId}`,
  };
}

/** An event's documents: its list when it kept several (each with its index), else its one document. */
function documentsOf(event: TimelineEvent): { stored: Stored; index?: number }[] {
  if (event.documents?.length) return event.documents.map((stored, index) => ({ stored, index }));
  return event.document ? [{ stored: event.document }] : [];
}

export async function listDossierDocuments(
  deps: { repository: DossierRepository },
  input: { tenantId: string; dossierId: string },
): Promise<{ items: DossierDocument[] }> {
  const { tenantId, dossierId } = input;
  if (!(await deps.repository.getDossier(tenantId, dossierId)))
    throw new NotFoundError(`dossier ${dossierId} not found`);
  const timeline = await deps.repository.listTimeline(tenantId, dossierId);
  return {
    items: timeline.flatMap((event) =>
      documentsOf(event).map(({ stored, index }) => describe(event, stored, index)),
    ),
  };
}

/** The document's storage key and description, through the caller's own timeline (else not found). */
export async function findDocument(
  deps: { repository: DossierRepository },
  input: { tenantId: string; documentId: string },
): Promise<{ key: string; document: DossierDocument }> {
  const { dossierId, eventId, index } = parseDocumentId(input.documentId);
  const event = await deps.repository.getEvent(input.tenantId, dossierId, eventId);
  const found = event && documentsOf(event).find((d) => d.index === index);
  if (!event || !found) throw new NotFoundError(`document ${input.documentId} not found`);
  return { key: found.stored.key, document: describe(event, found.stored, found.index) };
}
