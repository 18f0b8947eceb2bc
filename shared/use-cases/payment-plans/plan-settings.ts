import * as z from 'zod';
import {
  DEFAULT_PAYMENT_PLAN_SETTINGS,
  MAX_PLAN_MONTHS_SETTING,
  type PaymentPlanSettings,
} from '../../domain/payment-plan';
import { findTenant } from '../find-tenant';
import type { TenantDirectory } from '../ports';

/** A tenant's payment-plan settings as its profile may set them (tenant.json). */
export const paymentPlanSettingsSchema = z
  .object({
    maxMonths: z.number().int().min(1).max(MAX_PLAN_MONTHS_SETTING),
    reminderDaysBefore: z.number().int().min(0).max(30),
    graceDays: z.number().int().min(0).max(60),
    lapseNoticeDays: z.number().int().min(1).max(60),
    basis: z.enum(['principal', 'total']),
  })
  .partial();

export async function paymentPlanSettingsOf(
  tenants: TenantDirectory | undefined,
  tenantId: string,
): Promise<PaymentPlanSettings> {
  const tenant = await findTenant(tenants, tenantId);
  return { ...DEFAULT_PAYMENT_PLAN_SETTINGS, ...tenant?.paymentPlans };
}
