import type { MessageKind } from './kpi-projection';

/**
 * What one action costs the creditor, in cents (tenant configuration `unitCosts`, these defaults
 * otherwise). The aggregates count actions, not euros: a tenant who corrects a price sees the whole
 * history priced again, with no rewrite. Indicative defaults, dated, to be replaced by the tenant's
 * own contracts (docs/kpis.md, "Cost of recovery").
 */
export interface UnitCosts {
  email: number;
  sms: number;
  letter: number;
  registeredLetter: number;
  /** A call task: an agent's few minutes. */
  call: number;
  /** A court file built: the registry's fee for an injonction de payer at the commercial court. */
  courtFile: number;
}

export const UNIT_COSTS_AS_OF = '2026-01-01';

export const DEFAULT_UNIT_COSTS: UnitCosts = {
  // SES: USD 0.10 per 1,000 e-mails, rounded up to a cent with the sending platform's share.
  email: 1,
  // SNS SMS to a French mobile: ≈ USD 0.075 per segment (AWS SMS pricing, France).
  sms: 8,
  // La Poste lettre verte ≤ 20 g plus printing and envelope.
  letter: 180,
  // La Poste lettre recommandée avec avis de réception (R1) plus printing.
  registeredLetter: 750,
  // Five minutes of an agent at ≈ EUR 30 an hour.
  call: 250,
  // Commercial court registry's fee for an injonction de payer, ≈ EUR 33.47 (none at the tribunal judiciaire): verify.
  courtFile: 3347,
};

export const COST_KINDS: readonly (MessageKind | 'courtFile')[] = [
  'email',
  'sms',
  'letter',
  'registeredLetter',
  'call',
  'courtFile',
];

export function unitCostsOf(overrides: Partial<UnitCosts> | undefined): UnitCosts {
  return { ...DEFAULT_UNIT_COSTS, ...overrides };
}
