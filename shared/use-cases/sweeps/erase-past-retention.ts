import * as z from 'zod';
import { parisDate } from '../../domain/calendar';
import { DEFAULT_RETENTION_YEARS, pastRetention } from '../../domain/personal-data';
import { type ErasureDeps, erasePersonalData } from '../personal-data/erase-personal-data';
import type { TenantDirectory } from '../ports';
import type { SweepPageResult } from './dispatch-due';

/** Dossiers read per page: one page is one task of the state machine, well inside its timeout. */
const PAGE = 200;

/** The retention sweep's task input: without a tenant, list the tenants; with one, erase a page of its dossiers. */
export const retentionInputSchema = z.object({
  asOf: z.iso.datetime({ offset: true }),
  tenantId: z.string().min(1).optional(),
  cursor: z.string().min(1).nullable().default(null),
});

export type RetentionInput = z.infer<typeof retentionInputSchema>;

export interface RetentionPageResult extends SweepPageResult {
  erased: number;
  /** Dossiers whose erasure failed: left for tomorrow's sweep (ids only in the logs). */
  failed: number;
}

/** Every tenant: the state machine maps over them (statemachines/retention-sweep.asl.json). */
export async function retentionTenants(deps: { tenants: TenantDirectory }): Promise<{ tenants: string[] }> {
  return { tenants: await deps.tenants.listTenantIds() };
}

/**
 * One page of a tenant's dossiers through the daily retention sweep (docs/personal-data.md, "Retention").
 * 1. read the tenant's retention (default 5 years after the dossier ended, C.civ. 2224);
 * 2. read one page of its dossiers;
 * 3. erase the personal data of each one ended longer ago than that (RGPD art. 5(1)(e)), keeping
 *    the documents a legal obligation holds; a dossier that fails is left for tomorrow.
 * Re-running the sweep is safe: an erased dossier is skipped, an erasure is idempotent.
 */
export async function erasePastRetention(
  deps: ErasureDeps & { tenants: TenantDirectory },
  input: RetentionInput & { tenantId: string },
): Promise<RetentionPageResult> {
  const today = parisDate(input.asOf);
  const tenant = await deps.tenants.getTenant(input.tenantId);
  const years = tenant.personalDataRetentionYears ?? DEFAULT_RETENTION_YEARS;
  const page = await deps.repository.pageTenantDossiers(input.tenantId, {
    limit: PAGE,
    ...(input.cursor ? { after: input.cursor } : {}),
  });
  let erased = 0;
  let failed = 0;
  for (const dossier of page.items.filter((d) => pastRetention(d, today, years))) {
    try {
      await erasePersonalData(deps, {
        tenantId: input.tenantId,
        debtorId: dossier.dossierId,
        reason: 'retention',
        at: input.asOf,
      });
      erased += 1;
    } catch (error) {
      failed += 1;
      deps.logger.warn('retention erasure failed', {
        tenantId: input.tenantId,
        dossierId: dossier.dossierId,
        errorKind: (error as Error).name,
      });
    }
  }
  return { processed: page.items.length, erased, failed, cursor: page.last ?? null };
}
