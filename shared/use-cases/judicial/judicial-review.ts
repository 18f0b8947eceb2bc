import { type LocalDate, parisDate } from '../../domain/calendar';
import { contestedClaim } from '../../domain/disputes';
import type { Dossier } from '../../domain/dossier';
import type {
  JudicialDecision,
  JudicialRecommendation,
  JudicialState,
} from '../../domain/judicial/judicial-state';
import {
  filesAutomatically,
  type JudicialSettings,
  recommendJudicialPath,
} from '../../domain/judicial/recommend-path';
import { dossierClaimStatement } from '../../domain/legal/dossier-claim';
import { DEFAULT_RATES } from '../../domain/legal/rates';
import type { JudicialSummary } from '../../domain/timeline';
import { findTenant } from '../find-tenant';
import type { DossierRepository, RateSource, TenantDirectory } from '../ports';

/**
 * The judicial review (docs/legal.md §10, "Judicial review"): the amicable ladder ended after the
 * formal notice's deadline, so the legal engine's recommendation is stored on the dossier for the
 * creditor to decide on (POST /dossiers/{id}/judicial-decision). The record step calls it
 * (record-step.ts) when the last level is reached; the insolvency route calls it again.
 */

export interface JudicialReviewDeps {
  repository: DossierRepository;
  /** The tenant's judicial settings; absent, none (every decision is the creditor's). */
  tenants?: TenantDirectory;
  /** The effective rate table (packaged + overrides); absent, the packaged one. */
  rates?: RateSource;
}

export async function judicialSettingsOf(
  tenants: TenantDirectory | undefined,
  tenantId: string,
): Promise<JudicialSettings> {
  return (await findTenant(tenants, tenantId))?.judicial ?? {};
}

/** A dispute open, rejected or partly upheld makes the claim contested (disputes.ts). */
const contested = contestedClaim;

/** The recommendation on `day`, from the dossier, its timeline, the tenant's settings and the rates. */
export async function computeRecommendation(
  deps: JudicialReviewDeps,
  dossier: Dossier,
  day: LocalDate,
  settings?: JudicialSettings,
): Promise<JudicialRecommendation> {
  const timeline = await deps.repository.listTimeline(dossier.tenantId, dossier.dossierId);
  const rates = deps.rates ? (await deps.rates.current()).table : DEFAULT_RATES;
  const statement = dossierClaimStatement(dossier, timeline, day, { rates });
  return recommendJudicialPath({
    dossier,
    statement,
    settings: settings ?? (await judicialSettingsOf(deps.tenants, dossier.tenantId)),
    rates,
    reviewedOn: day,
    disputed: contested(dossier, timeline),
  });
}

export function judicialSummary(
  recommendation: JudicialRecommendation,
  decision?: JudicialDecision['kind'],
): JudicialSummary {
  return {
    path: recommendation.path,
    ...(recommendation.court ? { court: recommendation.court } : {}),
    amount: recommendation.amount,
    ...(decision ? { decision } : {}),
  };
}

/**
 * The review's state for a dossier reaching the judicial-review level at `at`. Below the
 * tenant's `autoFileBelowCents`, a court path is decided at once (`file`, by `auto`), and the
 * judicial sweep looks at the dossier the same day to build the court file.
 */
export async function reviewJudicial(
  deps: JudicialReviewDeps,
  dossier: Dossier,
  at: string,
): Promise<JudicialState> {
  const day = parisDate(at);
  const settings = await judicialSettingsOf(deps.tenants, dossier.tenantId);
  const recommendation = await computeRecommendation(deps, dossier, day, settings);
  const auto = filesAutomatically(recommendation, settings);
  return {
    stage: 'review',
    recommendation,
    ...(auto ? { decision: { kind: 'file', decidedOn: day, by: 'auto' } as const, nextCheckOn: day } : {}),
    events: {},
    deadlines: [],
  };
}
