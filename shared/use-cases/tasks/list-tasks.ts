import * as z from 'zod';
import type { LocalDate } from '../../domain/calendar';
import type { Dossier } from '../../domain/dossier';
import type { PostalAddress } from '../../domain/parties';
import type { JudicialSummary } from '../../domain/timeline';
import type { DossierRepository, Logger, TaskKind } from '../ports';

/** `GET /tasks?kind=…`: calls by default (list-call-tasks.ts); the other kinds are listed here. */
export const taskKindQuerySchema = z.object({
  kind: z
    .enum([
      'call',
      'judicial-review',
      'registered-letter',
      'stuck-dossier',
      'lawyer',
      'enforceable-formula',
      'court-file-data',
      'claim-declaration',
    ])
    .default('call'),
});

export const taskListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

/** One task for a person, with what that kind of task needs and nothing else personal. */
export interface TaskItem {
  taskId: string;
  kind: TaskKind;
  dossierId: string;
  level: string;
  dueOn: LocalDate;
  createdAt: string;
  outstandingCents: number;
  currency: 'EUR';
  /** registered-letter: the letter, its PDF (documents bucket), where it stands, and where it goes. */
  letter?: {
    ref: string;
    documentKey?: string;
    stage: 'to-post' | 'awaiting-receipt';
    postedOn?: LocalDate;
    trackingNumber?: string;
    recipient: { name: string; address: PostalAddress };
  };
  /** stuck-dossier: the kind of error the steps kept failing with, and how many times. */
  stuck?: { errorKind: string; failures: number };
  /** judicial-review and lawyer: the recommendation (path, court, itemised amount) to decide on. */
  judicial?: JudicialSummary;
  /** court-file-data: what the court file lacks, each with its article. */
  missing?: string[];
}

/**
 * The tenant's open tasks of one kind (not calls: their queue filters on the debtor's phone),
 * highest outstanding amount first. A registered letter carries its recipient's name and postal
 * address (the person posts it; data minimisation, GDPR art. 5(1)(c)); a stuck dossier, the
 * error's kind only. A task of a dossier that left the ladder (paid, disputed, in court) is
 * cancelled on the way, as the call queue does, except a stuck dossier's: it stays until resumed.
 */
export async function listTasks(
  deps: { repository: DossierRepository; logger: Logger },
  input: { tenantId: string; kind: Exclude<TaskKind, 'call'>; query: TaskListQuery },
): Promise<{ items: TaskItem[] }> {
  const { tenantId, kind, query } = input;
  const tasks = (await deps.repository.listOpenTasks(tenantId)).filter((task) => task.kind === kind);
  const page = tasks.slice(0, query.limit);
  const dossiers = await deps.repository.getDossiers(
    tenantId,
    page.map((task) => task.dossierId),
  );
  const items: TaskItem[] = [];
  let cancelled = 0;
  for (const task of page) {
    const dossier: Dossier | undefined = dossiers.get(task.dossierId);
    if (kind === 'registered-letter' && dossier?.status !== 'open' && dossier?.status !== 'judicial') {
      const cancelledReason = dossier ? `dossier ${dossier.status}` : 'dossier deleted';
      await deps.repository.putTask({ ...task, status: 'cancelled', cancelledReason });
      cancelled++;
      continue;
    }
    items.push({
      taskId: task.taskId,
      kind: task.kind,
      dossierId: task.dossierId,
      level: task.level,
      dueOn: task.dueOn,
      createdAt: task.createdAt,
      outstandingCents: task.outstandingCents,
      currency: 'EUR',
      ...(kind === 'registered-letter' && dossier
        ? {
            letter: {
              ref: task.letterRef ?? '',
              ...(task.documentKey ? { documentKey: task.documentKey } : {}),
              stage: task.postedOn ? 'awaiting-receipt' : 'to-post',
              ...(task.postedOn ? { postedOn: task.postedOn } : {}),
              ...(task.postalTrackingNumber ? { trackingNumber: task.postalTrackingNumber } : {}),
              recipient: { name: dossier.debtor.name, address: dossier.debtor.address },
            },
          }
        : {}),
      ...(task.judicial ? { judicial: task.judicial } : {}),
      ...(task.missing ? { missing: task.missing } : {}),
      ...(kind === 'stuck-dossier'
        ? { stuck: { errorKind: task.errorKind ?? 'unknown', failures: task.failures ?? 0 } }
        : {}),
    });
  }
  deps.logger.info('tasks listed', { tenantId, kind, open: tasks.length, returned: items.length, cancelled });
  return { items };
}
