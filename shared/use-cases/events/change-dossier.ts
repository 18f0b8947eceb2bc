import type { Dossier } from '../../domain/dossier';
import { ConflictError, NotFoundError } from '../../domain/errors';
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
  for (let attempt = 1; ; attempt++) {
    const dossier = await repository.getDossier(ref.tenantId, ref.dossierId);
    if (!dossier) throw new NotFoundError(`dossier ${ref.dossierId} not found`);
    await beforeSave?.(dossier);
    const changed = change(dossier);
    if (!changed) return { before: dossier, after: undefined };
    try {
      await repository.saveDossier({ ...changed, version: dossier.version + 1 });
      return { before: dossier, after: changed };
    } catch (error) {
      if (error instanceof ConflictError && attempt < ATTEMPTS) continue;
      throw error;
    }
  }
}
