import type { LocalDate } from '../calendar';
import type { Dossier } from '../dossier';
import type { ClaimStatement } from '../legal/claim-statement';
import { type Reason, recommendProcedure } from '../legal/procedure';
import type { RateTable } from '../legal/rates';
import type { InsolvencyKind } from '../parties';
import type { JudicialAmount, JudicialPath, JudicialRecommendation } from './judicial-state';

/**
 * The judicial review (docs/legal.md §10, "Judicial review"): once the formal notice's deadline
 * has passed unpaid, what the pipeline recommends to the creditor. Pure: the caller gives the
 * dossier, the claim statement as of the review day (dossierClaimStatement), the tenant's
 * judicial settings and the effective rate table. Rules, in order (the first that applies wins):
 * 1. the debtor is in insolvency proceedings → write-off (individual actions stop, the claim is
 *    declared to the mandataire instead);
 * 2. nothing claimable is left but time-barred invoices → write-off;
 * 3. the debtor contests the claim → lawyer (no injonction on a contested claim);
 * 4. the total claimed is below the tenant's `writeOffBelowCents` → write-off (creditor policy);
 * 5. otherwise the legal engine's procedure (procedure.ts, §4): injonction de payer, petites
 *    créances (≤ 5,000 EUR principal + interest), European order (debtor in another EU state),
 *    with the competent court; a claim the engine cannot route (debtor outside the EU, a claim
 *    already under a judgment) goes to a lawyer.
 */

export interface JudicialSettings {
  /** Below this total (cents, indemnity included), the review recommends writing the claim off. */
  writeOffBelowCents?: number;
  /** Below this total, a court path is filed without asking the creditor (review use case). */
  autoFileBelowCents?: number;
}

export interface RecommendPathInput {
  dossier: Dossier;
  /** The legal engine's statement of the dossier on `reviewedOn`. */
  statement: ClaimStatement;
  settings?: JudicialSettings;
  rates: RateTable;
  reviewedOn: LocalDate;
  /** The debtor contests the claim (a dispute on the timeline, or the dossier's status). */
  disputed?: boolean;
}

/** The paths that go to a court (the court file of build-court-file.ts); the others go to a person or stop. */
export const COURT_PATHS: ReadonlySet<JudicialPath> = new Set([
  'injonction-de-payer',
  'petites-creances',
  'european-order',
]);

/** Individual actions stop once proceedings open: the article of each kind. */
const INSOLVENCY_BASIS: Record<InsolvencyKind, Reason> = {
  safeguard: {
    text: 'safeguard proceedings opened: individual actions and enforcement stop; declare the claim to the mandataire judiciaire within 2 months of the BODACC publication',
    article: 'C.com. L622-21, L622-24, R622-24',
  },
  receivership: {
    text: 'receivership (redressement judiciaire) opened: individual actions stop; declare the claim to the mandataire judiciaire within 2 months of the BODACC publication',
    article: 'C.com. L631-14, L622-21, L622-24, R622-24',
  },
  liquidation: {
    text: 'judicial liquidation opened: individual actions stop; declare the claim to the liquidator within 2 months of the BODACC publication',
    article: 'C.com. L641-3, L622-21, L622-24, R622-24',
  },
  'over-indebtedness': {
    text: "the debtor's over-indebtedness file was declared admissible: enforcement is suspended; the claim is handled in the commission's plan",
    article: 'C.conso L722-2, L722-5',
  },
};

export function judicialAmount(statement: ClaimStatement): JudicialAmount {
  const { totals } = statement;
  return {
    currency: 'EUR',
    principalCents: totals.principalDueCents,
    interestCents: totals.interestCents,
    indemnityCents: totals.indemnityCents,
    totalCents: totals.totalDueCents,
    computedThrough: statement.interestComputedThrough,
  };
}

export function recommendJudicialPath(input: RecommendPathInput): JudicialRecommendation {
  const { dossier, statement, settings = {}, rates, reviewedOn } = input;
  const amount = judicialAmount(statement);
  const result = (
    path: JudicialPath,
    reasons: Reason[],
    court?: JudicialRecommendation['court'],
  ): JudicialRecommendation => ({ path, ...(court ? { court } : {}), amount, reasons, reviewedOn });

  // 1. C.com. L622-21 (and L631-14, L641-3; C.conso L722-2): no individual action once proceedings open.
  const insolvency = dossier.debtor.insolvency;
  if (insolvency && insolvency.openedOn <= reviewedOn)
    return result('write-off', [
      {
        ...INSOLVENCY_BASIS[insolvency.kind],
        text: `${INSOLVENCY_BASIS[insolvency.kind].text} (opened ${insolvency.openedOn})`,
      },
    ]);

  // 2. C.civ. 2219: a time-barred claim cannot be enforced; nothing else is left to claim.
  const barred = statement.prescribedTotals.totalDueCents > 0;
  if (barred && amount.totalCents === 0)
    return result('write-off', [
      {
        text: 'every unpaid invoice is time-barred: the claim can no longer be pursued in court',
        article: 'C.civ. 2219; C.com. L110-4; C.civ. 2224',
      },
    ]);

  // 3. CPC 1405, 1416–1417: an injonction is for an uncontested claim; a contested one goes to the merits.
  if (input.disputed)
    return result('lawyer', [
      {
        text: 'the debtor contests the claim: an injonction de payer would meet an opposition; a lawyer brings an action on the merits (or negotiates)',
        article: 'CPC 1405, 1416, 1417',
      },
    ]);

  // 4. Creditor policy: court costs (commissaire de justice, fees) outweigh a small claim.
  if (settings.writeOffBelowCents !== undefined && amount.totalCents < settings.writeOffBelowCents)
    return result('write-off', [
      {
        text: `total claimed ${amount.totalCents} cents is below the creditor's write-off threshold (${settings.writeOffBelowCents} cents)`,
        article: 'creditor policy (tenant setting judicial.writeOffBelowCents)',
      },
    ]);

  // 5. The legal engine (procedure.ts, docs/legal.md §4): CPC 1405–1406, CPCE L125-1, Reg. 1896/2006.
  const address = dossier.debtor.address;
  const procedure = recommendProcedure(
    {
      asOf: reviewedOn,
      nature: statement.nature,
      debtorType: dossier.debtor.type,
      debtor: { country: address.country, postalCode: address.postalCode, city: address.city },
      claimableCents: amount.principalCents + amount.interestCents,
      prescribed: false,
    },
    rates,
  );
  if (procedure.recommended === 'none') return result('lawyer', procedure.reasons);
  const court =
    procedure.court && procedure.territorial
      ? {
          kind: procedure.court,
          country: procedure.territorial.country,
          postalCode: procedure.territorial.postalCode,
          city: procedure.territorial.city,
        }
      : undefined;
  const reasons = procedure.territorial
    ? [
        ...procedure.reasons,
        {
          text: `territorial competence: the court of the debtor's domicile (${[address.postalCode, address.city].join(' ')})`,
          article: procedure.territorial.article,
        },
      ]
    : procedure.reasons;
  return result(procedure.recommended, reasons, court);
}

/** Whether the tenant's setting files this recommendation without asking (a court path below the amount). */
export function filesAutomatically(
  recommendation: JudicialRecommendation,
  settings: JudicialSettings = {},
): boolean {
  return (
    COURT_PATHS.has(recommendation.path) &&
    settings.autoFileBelowCents !== undefined &&
    recommendation.amount.totalCents < settings.autoFileBelowCents
  );
}
