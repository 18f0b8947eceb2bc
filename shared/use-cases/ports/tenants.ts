/**
 * The tenant's profile and settings (scenarios, contact policy, payment plans, judicial
 * settings) and where they are read. Apart because nearly every use case asks for them, read-only.
 */
import type { ContactPolicy } from '../../domain/contact-policy';
import type { DossierIdScheme } from '../../domain/dossier';
import type { JudicialSettings } from '../../domain/judicial/recommend-path';
import type { UnitCosts } from '../../domain/kpi/unit-costs';
import type { PostalAddress } from '../../domain/parties';
import type { PaymentPlanSettings } from '../../domain/payment-plan';
import type { PaymentPolicy } from '../../domain/payment-settlement';
import type { ScenarioSettings } from '../../domain/scenario-catalog';

export interface TenantProfile extends ScenarioSettings {
  tenantId: string;
  creditorType: 'professional' | 'individual';
  name: string;
  address: PostalAddress;
  email: string;
  /** 'agency' when collecting for a creditor under a mandate (CPCE R124-4 mentions apply). */
  mode: 'creditor' | 'agency';
  /** Creditor represented, in agency mode. */
  principal?: { name: string; address: PostalAddress };
  siren?: string;
  /** The establishment that issues the e-invoices (14 digits): when set, an e-invoice's seller SIRET must be it. */
  siret?: string;
  /** Days before a prescription deadline the creditor is warned (default 90, 30, 7). */
  prescriptionWarningDays?: number[];
  /** Overrides of the contact guards' safe defaults (docs/legal.md §8), e.g. a later window start. */
  contactPolicy?: Partial<ContactPolicy>;
  /** How payments close a dossier (docs/legal.md §13); absent: DEFAULT_PAYMENT_POLICY (waive on principal paid). */
  paymentPolicy?: Partial<PaymentPolicy>;
  /** Failed escalation steps in a row before the dossier is parked for a person (default: the deployment's). */
  stuckAfterFailures?: number;
  /** Payment plans (docs/legal.md §14): longest plan, reminder days, grace days, notice delay, basis; absent: DEFAULT_PAYMENT_PLAN_SETTINGS. */
  paymentPlans?: Partial<PaymentPlanSettings>;
  /** Days after a promised date the ladder still waits for the payment (default DEFAULT_PROMISE_GRACE_DAYS). */
  promiseGraceDays?: number;
  /** The judicial review's thresholds (recommend-path.ts): write off below one, file without asking below the other. */
  judicial?: JudicialSettings;
  /** What each action costs this creditor, in cents (cost of recovery, docs/kpis.md); absent: DEFAULT_UNIT_COSTS. */
  unitCosts?: Partial<UnitCosts>;
  /** Years after a dossier ended before its personal data are erased (default 5, C.civ. 2224; docs/personal-data.md). */
  personalDataRetentionYears?: number;
  /** How intake names dossiers: 'keyed' (HMAC of the debtor ref, never readable) or 'ref' (default; docs/personal-data.md). */
  dossierIds?: DossierIdScheme;
  /** The secret of keyed dossier ids (32+ characters, never shown): intake/dossier-id.ts. */
  dossierIdKey?: string;
}

export interface TenantDirectory {
  getTenant(tenantId: string): Promise<TenantProfile>;
  /** Every registered tenant: the jobs that run per tenant (monthly statements) walk them. */
  listTenantIds(): Promise<string[]>;
}
