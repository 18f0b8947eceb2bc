import * as z from 'zod';
import { ValidationError } from '../../domain/errors';
import { creditorNameFitsSms, MAX_SMS_SEGMENTS } from '../../domain/messages/sms-budget';
import { BUILT_IN_SCENARIOS } from '../../domain/scenario-catalog';
import { scenarioSchema } from '../../domain/scenario-schema';
import { findTenant } from '../find-tenant';
import { parseInput } from '../parse-input';
import { paymentPlanSettingsSchema } from '../payment-plans/plan-settings';
import type { DossierRepository, Logger, TenantDirectory, TenantProfile } from '../ports';
import { idSchemeOnRegistration } from './dossier-id';

const address = z.object({
  line1: z.string().trim().min(1),
  line2: z.string().trim().min(1).optional(),
  postalCode: z.string().trim().min(2).max(10),
  city: z.string().trim().min(1),
  country: z.string().length(2).default('FR'),
});

/** A tenant's profile: who the creditor (or agency) is, printed on every letter. */
export const tenantProfileSchema = z.object({
  creditorType: z.enum(['professional', 'individual']),
  name: z.string().trim().min(1),
  address,
  email: z.email(),
  mode: z.enum(['creditor', 'agency']).default('creditor'),
  principal: z.object({ name: z.string().trim().min(1), address }).optional(),
  siren: z
    .string()
    .regex(/^\d{9}$/, 'a SIREN has 9 digits')
    .optional(),
  /** E-invoices: the issuing establishment (README, "E-invoices"); its first 9 digits are the SIREN. */
  siret: z
    .string()
    .regex(/^\d{14}$/, 'a SIRET has 14 digits')
    .optional(),
  scenarios: z.array(scenarioSchema).max(20).optional(),
  scenarioBySegment: z
    .partialRecord(
      z.enum([
        'b2b:new-customer',
        'b2b:good-payer-late-once',
        'b2b:recurrent-late-payer',
        'b2c:new-customer',
        'b2c:good-payer-late-once',
        'b2c:recurrent-late-payer',
      ]),
      z.string().min(1),
    )
    .optional(),
  prescriptionWarningDays: z.array(z.number().int().min(1).max(730)).min(1).max(10).optional(),
  contactPolicy: z
    .object({
      windowStartHour: z.number().int().min(0).max(23),
      windowEndHour: z.number().int().min(1).max(24),
      restOnSundaysAndHolidays: z.boolean(),
      alsaceMoselle: z.boolean(),
      maxContactDaysPer7Days: z.number().int().min(1).max(7),
      minDaysBetweenContacts: z.number().int().min(1).max(30),
    })
    .partial()
    .optional(),
  /** docs/legal.md §13: absent, the dossier closes once the principal is paid, accessories waived. */
  paymentPolicy: z.object({ waiveAccessoriesWhenPrincipalPaid: z.boolean() }).partial().optional(),
  /** Failed escalation steps in a row before a dossier is parked (record-step-failure.ts). */
  stuckAfterFailures: z.number().int().min(1).max(30).optional(),
  /** Payment plans (payment-plan.ts, docs/legal.md §14); absent: 24 months, reminder 3 days before, 5 grace days, 15-day notice, principal. */
  paymentPlans: paymentPlanSettingsSchema.optional(),
  /** Days after a promised date the ladder still waits for the transfer (promises.ts; default 3). */
  promiseGraceDays: z.number().int().min(0).max(30).optional(),
  /** Years after a dossier ended before the retention sweep erases its personal data (docs/personal-data.md). */
  personalDataRetentionYears: z.number().int().min(1).max(30).optional(),
  /** 'keyed' (a new tenant's default): dossier ids are an HMAC of the debtor ref (intake/dossier-id.ts); the secret is generated when absent. */
  dossierIds: z.enum(['ref', 'keyed']).optional(),
  dossierIdKey: z.string().min(32).optional(),
  /** What each action costs this creditor, in cents (cost of recovery, docs/kpis.md); absent: the defaults. */
  unitCosts: z
    .object({
      email: z.number().int().min(0).max(100_000),
      sms: z.number().int().min(0).max(100_000),
      letter: z.number().int().min(0).max(100_000),
      registeredLetter: z.number().int().min(0).max(100_000),
      call: z.number().int().min(0).max(100_000),
      courtFile: z.number().int().min(0).max(1_000_000),
    })
    .partial()
    .optional(),
  /** docs/legal.md §10 "Judicial review": write off below, file without asking below (cents, indemnity included). */
  judicial: z
    .object({
      writeOffBelowCents: z.number().int().min(0).max(100_000_000),
      autoFileBelowCents: z.number().int().min(0).max(100_000_000),
    })
    .partial()
    .optional(),
});

/**
 * Onboarding through the intake bucket: `<tenantId>/tenant.json` creates or replaces the
 * tenant's profile. Agency mode needs the represented creditor (CPCE R124-4 mentions).
 */
export async function registerTenant(
  deps: { repository: DossierRepository; logger: Logger; tenants?: TenantDirectory },
  input: { tenantId: string; body: string },
): Promise<TenantProfile> {
  let json: unknown;
  try {
    json = JSON.parse(input.body);
  } catch {
    json = undefined;
  }
  const data = parseInput(tenantProfileSchema, json);
  // Every SMS template carries the creditor's name: one too long for MAX_SMS_SEGMENTS would fail
  // each SMS step, for every debtor; refused here, once, by name.
  if (!creditorNameFitsSms(data.name))
    throw new ValidationError(
      'name',
      `too long for the SMS reminders, which carry it: they must fit ${MAX_SMS_SEGMENTS} SMS segments (shorten it)`,
    );
  if (data.mode === 'agency' && !data.principal)
    throw new ValidationError('principal', 'an agency must name the creditor it represents (CPCE R124-4)');
  for (const [key, id] of Object.entries(data.scenarioBySegment ?? {})) {
    const custom = data.scenarios?.find((scenario) => scenario.id === id);
    if (!custom && !BUILT_IN_SCENARIOS[id])
      throw new ValidationError(`scenarioBySegment.${key}`, `unknown scenario ${id}`);
    const consumer = key.startsWith('b2c:');
    const types = (custom ?? BUILT_IN_SCENARIOS[id])!.debtorTypes;
    if (consumer !== types.includes('consumer'))
      throw new ValidationError(
        `scenarioBySegment.${key}`,
        `scenario ${id} is not meant for ${consumer ? 'consumers' : 'professionals'}`,
      );
  }
  // A debtor ref may carry a name: a new tenant's dossier ids are keyed (docs/personal-data.md).
  const ids = idSchemeOnRegistration(data, await findTenant(deps.tenants, input.tenantId));
  const profile = { tenantId: input.tenantId, ...data, ...ids } as TenantProfile;
  await deps.repository.putTenant(profile);
  deps.logger.info('tenant registered', {
    tenantId: input.tenantId,
    mode: profile.mode,
    dossierIds: profile.dossierIds,
  });
  return profile;
}
