import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/domain/errors';
import { DEFAULT_UNIT_COSTS, unitCostsOf } from '../../shared/domain/kpi/unit-costs';
import { registerTenant } from '../../shared/use-cases/intake/register-tenant';
import { useDynalite } from '../support/dynalite';
import { pipelineOn, type TestPipeline } from '../support/recording-ports';

let deps: TestPipeline;
useDynalite((dynamo) => {
  deps = pipelineOn(dynamo);
});

const profile = {
  creditorType: 'professional',
  name: 'Atelier Martin SAS',
  address: { line1: '3 place Bellecour', postalCode: '69002', city: 'Lyon', country: 'FR' },
  email: 'recouvrement@martin.example',
  mode: 'creditor',
};

describe("a tenant's unit costs", () => {
  it('are kept from tenant.json, the defaults filling the kinds it leaves out', async () => {
    const saved = await registerTenant(deps, {
      tenantId: 'costs-a',
      body: JSON.stringify({ ...profile, unitCosts: { sms: 6, registeredLetter: 820 } }),
    });
    expect(unitCostsOf(saved.unitCosts)).toEqual({ ...DEFAULT_UNIT_COSTS, sms: 6, registeredLetter: 820 });
  });

  it('refuses a cost that is not whole cents, naming the field', async () => {
    const bad = registerTenant(deps, {
      tenantId: 'costs-b',
      body: JSON.stringify({ ...profile, unitCosts: { sms: 0.07 } }),
    });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({ field: 'unitCosts.sms' });
  });
});
