import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import type { Dossier } from '../../shared/domain/dossier';

/** The real repository, with a hook that lets a test slip a concurrent write in right after a read. */
export class RacingRepository extends DynamoDossierRepository {
  afterNextRead: (() => Promise<void>) | undefined;

  override async getDossier(tenantId: string, dossierId: string): Promise<Dossier | undefined> {
    const dossier = await super.getDossier(tenantId, dossierId);
    const hook = this.afterNextRead;
    this.afterNextRead = undefined;
    await hook?.();
    return dossier;
  }
}
