import type { Dossier } from '../../domain/dossier';
import { NotFoundError } from '../../domain/errors';
import type { TimelineEvent } from '../../domain/timeline';
import type { CallTask, DossierRepository } from '../ports';
import { type DossierTaskList, type HeldDocument, heldDocuments } from './debtor-documents';

/** What GET /debtors/{id}/export answers (RGPD art. 15 and 20): docs/personal-data.md, "Export". */
export interface DebtorExport {
  exportedAt: string;
  tenantId: string;
  /** The debtor's id in this API: its dossier's id (one dossier per creditor and debtor). */
  debtorId: string;
  debtor: Dossier['debtor'];
  dossier: Omit<Dossier, 'debtor' | 'invoices' | 'payments'>;
  invoices: Dossier['invoices'];
  payments: NonNullable<Dossier['payments']>;
  events: TimelineEvent[];
  tasks: CallTask[];
  /** Each stored document with its key and SHA-256 (GET /documents/{id} returns the bytes). */
  documents: HeldDocument[];
}

/**
 * Everything held on one debtor of a tenant.
 * 1. read the dossier (not found: 404, another tenant's id included);
 * 2. read its timeline and tasks;
 * 3. list the stored documents with their keys and SHA-256.
 */
export async function exportDebtorData(
  deps: { repository: DossierRepository; tasks: DossierTaskList },
  input: { tenantId: string; debtorId: string; now: string },
): Promise<DebtorExport> {
  const { tenantId, debtorId } = input;
  const dossier = await deps.repository.getDossier(tenantId, debtorId);
  if (!dossier) throw new NotFoundError(`debtor ${debtorId} not found`);
  const [events, tasks] = await Promise.all([
    deps.repository.listTimeline(tenantId, debtorId),
    deps.tasks.listDossierTasks(tenantId, debtorId),
  ]);
  const { debtor, invoices, payments = [], ...rest } = dossier;
  return {
    exportedAt: input.now,
    tenantId,
    debtorId,
    debtor,
    dossier: rest,
    invoices,
    payments,
    events,
    tasks,
    documents: heldDocuments(dossier, events),
  };
}
