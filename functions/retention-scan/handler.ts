import middy from '@middy/core';
import { parseInput } from '../../shared/use-cases/parse-input';
import type { ErasureDeps } from '../../shared/use-cases/personal-data/erase-personal-data';
import type { TenantDirectory } from '../../shared/use-cases/ports';
import {
  erasePastRetention,
  type RetentionPageResult,
  retentionInputSchema,
  retentionTenants,
} from '../../shared/use-cases/sweeps/erase-past-retention';

/**
 * Tasks `ListTenants` (no tenant: the tenants to sweep) and `ErasePastRetentionPage` (one page of a
 * tenant's dossiers) of the daily retention sweep (statemachines/retention-sweep.asl.json).
 */
export function makeHandler(deps: ErasureDeps & { tenants: TenantDirectory }) {
  return middy<unknown, RetentionPageResult | { tenants: string[] }>().handler((event) => {
    const input = parseInput(retentionInputSchema, event);
    if (input.tenantId === undefined) return retentionTenants(deps);
    return erasePastRetention(deps, { ...input, tenantId: input.tenantId });
  });
}
