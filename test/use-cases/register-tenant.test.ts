import { describe, expect, it } from 'vitest';
import { DEFAULT_B2B_SCENARIO } from '../../shared/domain/scenario';
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
  address: { line1: '3 place Bellecour', postalCode: '69002', city: 'Lyon' },
  email: 'recouvrement@martin.example',
};

const register = (tenantId: string, body: unknown) =>
  registerTenant(deps, { tenantId, body: JSON.stringify(body) });

describe('registerTenant (tenant.json in the intake bucket)', () => {
  it('stores the profile with its scenarios, segment choices and contact policy', async () => {
    const short = {
      ...DEFAULT_B2B_SCENARIO,
      id: 'martin-b2b',
      name: 'Martin',
      levels: DEFAULT_B2B_SCENARIO.levels.slice(1),
    };
    await register('t-ok', {
      ...profile,
      scenarios: [short],
      scenarioBySegment: { 'b2b:recurrent-late-payer': 'martin-b2b' },
      contactPolicy: { windowStartHour: 9 },
      prescriptionWarningDays: [60, 15],
    });
    const stored = await deps.repository.getTenant('t-ok');
    expect(stored).toMatchObject({
      tenantId: 't-ok',
      mode: 'creditor',
      scenarioBySegment: { 'b2b:recurrent-late-payer': 'martin-b2b' },
      contactPolicy: { windowStartHour: 9 },
      prescriptionWarningDays: [60, 15],
    });
    expect(stored.scenarios?.[0]?.levels).toHaveLength(5);
  });

  it('stores the payment policy, and names the field of a bad one', async () => {
    await register('t-pay', { ...profile, paymentPolicy: { waiveAccessoriesWhenPrincipalPaid: false } });
    expect((await deps.repository.getTenant('t-pay')).paymentPolicy).toEqual({
      waiveAccessoriesWhenPrincipalPaid: false,
    });
    await expect(
      register('t-pay-bad', { ...profile, paymentPolicy: { waiveAccessoriesWhenPrincipalPaid: 'no' } }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'paymentPolicy.waiveAccessoriesWhenPrincipalPaid',
    });
  });

  it('names the field of an unlawful scenario', async () => {
    const noticeFirst = {
      ...DEFAULT_B2B_SCENARIO,
      id: 'bad-one',
      levels: DEFAULT_B2B_SCENARIO.levels.slice(4),
    };
    await expect(register('t-bad', { ...profile, scenarios: [noticeFirst] })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'scenarios.0.levels',
    });
  });

  it('refuses a segment mapped to an unknown scenario or to one for the other debtor type', async () => {
    await expect(
      register('t-x', { ...profile, scenarioBySegment: { 'b2b:new-customer': 'nope' } }),
    ).rejects.toMatchObject({ field: 'scenarioBySegment.b2b:new-customer' });
    await expect(
      register('t-y', { ...profile, scenarioBySegment: { 'b2c:new-customer': 'fr-b2b-default' } }),
    ).rejects.toThrow(/not meant for consumers/);
  });

  it('refuses a name too long for the SMS reminders (2 GSM-7 segments), naming the field', async () => {
    // The longest SMS template with a 64-character reference leaves room for ~130 characters of name.
    const fits = 'Société Coopérative de Distribution '.padEnd(120, 'x');
    await register('t-name-ok', { ...profile, name: fits });
    expect((await deps.repository.getTenant('t-name-ok')).name).toBe(fits);

    const error = await register('t-name-long', { ...profile, name: 'N'.repeat(160) }).catch(
      (caught) => caught,
    );
    expect(error).toMatchObject({ name: 'ValidationError', field: 'name' });
    expect(error.message).toMatch(/SMS reminders.*2 SMS segments/);
    await expect(deps.repository.getTenant('t-name-long')).rejects.toThrow(/no profile/);
  });

  it('requires the represented creditor in agency mode (CPCE R124-4)', async () => {
    await expect(register('t-agency', { ...profile, mode: 'agency' })).rejects.toMatchObject({
      field: 'principal',
    });
  });

  describe('dossier ids (docs/personal-data.md, "Dossier ids")', () => {
    it('gives a new tenant keyed ids with a generated secret, kept when the file is sent again', async () => {
      await register('t-new', profile);
      const first = await deps.repository.getTenant('t-new');
      expect(first.dossierIds).toBe('keyed');
      expect(first.dossierIdKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await register('t-new', { ...profile, name: 'Atelier Martin SA' });
      expect((await deps.repository.getTenant('t-new')).dossierIdKey).toBe(first.dossierIdKey);
    });

    it('keeps readable ids for a tenant registered before, and for a file that asks for them', async () => {
      await deps.repository.putTenant({
        tenantId: 't-old',
        ...profile,
        address: { ...profile.address, country: 'FR' },
      } as never);
      await register('t-old', profile);
      expect((await deps.repository.getTenant('t-old')).dossierIds).toBe('ref');
      await register('t-ref', { ...profile, dossierIds: 'ref' });
      expect((await deps.repository.getTenant('t-ref')).dossierIds).toBe('ref');
    });

    it('refuses to replace the secret every keyed id derives from', async () => {
      await register('t-key', { ...profile, dossierIdKey: 'a'.repeat(32) });
      await expect(register('t-key', { ...profile, dossierIdKey: 'b'.repeat(32) })).rejects.toMatchObject({
        field: 'dossierIdKey',
      });
      expect((await deps.repository.getTenant('t-key')).dossierIdKey).toBe('a'.repeat(32));
    });
  });
});
