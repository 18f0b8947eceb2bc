import { NotFoundError } from '../domain/errors';
import type { TenantDirectory, TenantProfile } from './ports';

/**
 * The tenant's profile, or undefined when it has none (each caller then uses its defaults).
 * Only a missing profile is absorbed: a failed read (throttling, the table unreachable) throws,
 * so no step or payment quietly runs with defaults instead of the creditor's settings.
 */
export async function findTenant(
  tenants: TenantDirectory | undefined,
  tenantId: string,
): Promise<TenantProfile | undefined> {
  if (!tenants) return undefined;
  try {
    return await tenants.getTenant(tenantId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
