import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import type { DocumentKind } from '../../domain/personal-data';
import type { TimelineEvent } from '../../domain/timeline';
import type { CallTask } from '../ports';

/** A stored document held on a debtor: its key, fingerprint, and what it is. */
export interface HeldDocument {
  key: string;
  sha256: string;
  kind: DocumentKind;
  /** The timeline event that recorded it (absent for an invoice's own file). */
  eventId?: string;
  /** The day it was made or received: an invoice's issue date, an event's day. */
  on: LocalDate;
  invoiceNumber?: string;
}

/** The tasks of one dossier, whatever their status (the table's TASK# items under the dossier). */
export interface DossierTaskList {
  listDossierTasks(tenantId: string, dossierId: string): Promise<CallTask[]>;
}

/** Deletes a stored document by the key the timeline recorded; a missing one is already deleted. */
export interface DocumentEraser {
  delete(key: string): Promise<void>;
}

function kindOf(event: TimelineEvent, key: string): DocumentKind {
  if (event.type === 'statement-sent') return 'statement';
  if (event.type === 'court-file-built') return 'court-file';
  if (event.level?.includes('formal-notice') || event.template?.includes('formal-notice'))
    return 'formal-notice';
  if (event.channel === 'email' || key.endsWith('.eml')) return 'email';
  if (key.endsWith('.pdf')) return 'letter';
  return 'other';
}

/**
 * Every document the pipeline holds on a dossier's debtor, once each: what the timeline recorded
 * (letters, e-mails, statements, the court file) and the invoices' own files (e-invoices).
 */
export function heldDocuments(dossier: Dossier, timeline: TimelineEvent[]): HeldDocument[] {
  const byKey = new Map<string, HeldDocument>();
  for (const inv of dossier.invoices) {
    const doc = inv.eInvoice?.document;
    if (doc)
      byKey.set(doc.key, {
        key: doc.key,
        sha256: doc.sha256,
        kind: 'invoice',
        on: inv.issueDate,
        invoiceNumber: inv.number,
      });
  }
  for (const event of timeline) {
    const stored = event.documents?.length ? event.documents : event.document ? [event.document] : [];
    for (const { key, sha256 } of stored)
      if (!byKey.has(key))
        byKey.set(key, { key, sha256, kind: kindOf(event, key), eventId: event.eventId, on: event.day });
  }
  return [...byKey.values()];
}
