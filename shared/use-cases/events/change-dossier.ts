import type { Dossier } from '../../domain/dossier';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { TimelineEvent } from '../../domain/timeline';
import type { DossierRepository } from '../ports';

const ATTEMPTS = 6;

/**
 * Read, change, conditional write — again from a fresh read when someone else wrote in between
 * (a sweep step, a payment). `change` returns the new dossier, or undefined when nothing needs
 * writing; it may run more than once, so it only computes (side effects go in `beforeSave`, which
 * must be idempotent, like an `appendEvent` with a deterministic id).
 */
export async function changeDossier(
  repository: DossierRepository,
  ref: { tenantId: string; dossierId: string },
  change: (dossier: Dossier) => Dossier | undefined,
  beforeSave?: (dossier: Dossier) => Promise<void>,
): Promise<{ before: Dossier; after: Dossier | undefined }> {
  const { before, after } = await changeWithRead(
    repository,
    async () => {
      const dossier = await repository.getDossier(ref.tenantId, ref.dossierId);
      return dossier ? { dossier, timeline: [] } : undefined;
    },
    ref,
    (dossier) => change(dossier),
    beforeSave,
  );
  return { before, after };
}

/**
 * changeDossier for a change that needs the timeline too (a payment's imputation reads the formal
 * notices): the dossier and its timeline come from one Query of the partition on every attempt,
 * not a GetItem and a Query.
 */
export async function changeDossierWithTimeline(
  repository: DossierRepository,
  ref: { tenantId: string; dossierId: string },
  change: (dossier: Dossier, timeline: TimelineEvent[]) => Dossier | undefined,
): Promise<{ before: Dossier; after: Dossier | undefined; timeline: TimelineEvent[] }> {
  return changeWithRead(
    repository,
    () => repository.getDossierWithTimeline(ref.tenantId, ref.dossierId),
    ref,
    change,
  );
}

async function changeWithRead(
  repository: DossierRepository,
  read: () => Promise<{ dossier: Dossier; timeline: TimelineEvent[] } | undefined>,
  ref: { dossierId: string },
  change: (dossier: Dossier, timeline: TimelineEvent[]) => Dossier | undefined,
  beforeSave?: (dossier: Dossier) => Promise<void>,
): Promise<{ before: Dossier; after: Dossier | undefined; timeline: TimelineEvent[] }> {
  for (let attempt = 1; ; attempt++) {
    const found = await read();
    if (!found) throw new NotFoundError(`dossier ${ref.dossierId} not found`);
    const { dossier, timeline } = found;
    await beforeSave?.(dossier);
    const changed = change(dossier, timeline);
    if (!changed) return { before: dossier, after: undefined, timeline };
    try {
      await repository.saveDossier({ ...changed, version: dossier.version + 1 });
      return { before: dossier, after: changed, timeline };
    } catch (error) {
      if (error instanceof ConflictError && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}
