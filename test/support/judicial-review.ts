import { expect } from 'vitest';
import type { Dossier } from '../../shared/domain/dossier';
import type { StepDecision } from '../../shared/domain/escalation';
import { recordStep } from '../../shared/use-cases/escalation/record-step';
import type { TenantProfile } from '../../shared/use-cases/ports';
import { aDossier, morningOf } from './builders';
import type { TestPipeline } from './recording-ports';

/** The day the record step takes the dossiers below to their judicial review (level index 5). */
export const REVIEW_DAY = '2026-04-07';

/** A dossier at the formal notice's level (index 4), due for its judicial review, for `tenant` (stored first). */
export async function dossierDueForReview(
  deps: TestPipeline,
  tenant: TenantProfile,
  overrides: Partial<Dossier> = {},
): Promise<Dossier> {
  await deps.repository.putTenant(tenant);
  const dossier = aDossier({
    tenantId: tenant.tenantId,
    levelIndex: 4,
    lastActionOn: '2026-03-25',
    nextActionOn: REVIEW_DAY,
    ...overrides,
  });
  expect(await deps.repository.createDossier(dossier)).toBe(true);
  return dossier;
}

const reviewDecision: StepDecision = {
  kind: 'act',
  day: REVIEW_DAY,
  levelIndex: 5,
  level: 'judicial-review',
  levelKind: 'judicial-review',
  actions: [],
  skipped: [],
};

/** Runs the record step's judicial review of `dossier` on REVIEW_DAY, and reads the dossier back. */
export async function recordJudicialReview(deps: TestPipeline, dossier: Dossier): Promise<Dossier> {
  await recordStep(deps, {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    asOf: morningOf(REVIEW_DAY),
    decision: reviewDecision,
  });
  return (await deps.repository.getDossier(dossier.tenantId, dossier.dossierId))!;
}
