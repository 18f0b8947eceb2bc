import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../shared/domain/errors';
import { findTenant } from '../../shared/use-cases/find-tenant';
import type { TenantDirectory } from '../../shared/use-cases/ports';
import { aTenant } from '../support/builders';

const directory = (getTenant: TenantDirectory['getTenant']) => ({ getTenant }) as TenantDirectory;

describe('findTenant', () => {
  it('returns the profile, or undefined when the tenant has none', async () => {
    expect(
      await findTenant(
        directory(async (id) => aTenant(id)),
        't1',
      ),
    ).toMatchObject({ tenantId: 't1' });
    const missing = directory(async (id) => {
      throw new NotFoundError(`tenant ${id} has no profile`);
    });
    expect(await findTenant(missing, 't1')).toBeUndefined();
    expect(await findTenant(undefined, 't1')).toBeUndefined();
  });

  it('lets a failed read through, so no step runs on defaults instead of the creditor’s settings', async () => {
    const throttled = directory(async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    });
    await expect(findTenant(throttled, 't1')).rejects.toThrow('Rate exceeded');
  });
});
