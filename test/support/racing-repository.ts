import { DynamoDossierRepository } from '../../shared/adapters/dynamodb/dossier-repository';
import type { Dossier } from '../../shared/domain/dossier';
import type { CallTask, DossierWithTimeline } from '../../shared/use-cases/ports';

/**
 * The real repository, with a hook that lets a test slip a concurrent write in right after a read
 * of the dossier (alone, or with its timeline).
 */
export class RacingRepository extends DynamoDossierRepository {
  afterNextRead: (() => Promise<void>) | undefined;

  override async getDossier(tenantId: string, dossierId: string): Promise<Dossier | undefined> {
    return this.raced(await super.getDossier(tenantId, dossierId));
  }

  override async getDossierWithTimeline(
    tenantId: string,
    dossierId: string,
    taskId?: string,
  ): Promise<(DossierWithTimeline & { task?: CallTask }) | undefined> {
    return this.raced(await super.getDossierWithTimeline(tenantId, dossierId, taskId));
  }

  private async raced<T>(read: T): Promise<T> {
    const hook = this.afterNextRead;
    this.afterNextRead = undefined;
    await hook?.();
    return read;
  }
}
