import { expect } from 'vitest';
import type { LocalDate } from '../../shared/domain/calendar';
import type { Dossier } from '../../shared/domain/dossier';
import type { TimelineEvent } from '../../shared/domain/timeline';
import { decideStep } from '../../shared/use-cases/escalation/decide-step';
import type { PipelineDeps } from '../../shared/use-cases/escalation/deps';
import { performAction } from '../../shared/use-cases/escalation/perform-action';
import { recordStep } from '../../shared/use-cases/escalation/record-step';
import type { CallTask, DossierRepository, TenantProfile } from '../../shared/use-cases/ports';
import { aDossier, anInvoice, aTenant, morningOf } from './builders';

/** Stored dossiers for the tests on the real repository (dynalite), and the escalation steps they go through. */

/**
 * The default B2B dossier (due 2026-03-03) just past its call level: the call task went out on
 * D+15 (03-18) and the formal notice is due on D+22 (03-25).
 */
export const PAST_CALL: Partial<Dossier> = {
  levelIndex: 3,
  lastActionOn: '2026-03-18',
  nextActionOn: '2026-03-25',
};

/** The open call task a dossier past its call level has (due 2026-03-18, for 1 200 EUR). */
export function aCallTask(dossier: Dossier, overrides: Partial<CallTask> = {}): CallTask {
  return {
    tenantId: dossier.tenantId,
    dossierId: dossier.dossierId,
    taskId: '2026-03-18-call',
    createdAt: morningOf('2026-03-18'),
    dueOn: '2026-03-18',
    priority: 120_000,
    level: 'call',
    status: 'open',
    kind: 'call',
    outstandingCents: 120_000,
    ...overrides,
  };
}

/** B2B, 1 200 EUR due 3 March and 300 EUR due 10 March 2026, next action on 13 March (fresh invoices each call). */
export const twoInvoices = (): Partial<Dossier> => ({
  invoices: [
    anInvoice({ number: 'F-001', amountCents: 120_000, dueDate: '2026-03-03' }),
    anInvoice({ number: 'F-002', amountCents: 30_000, dueDate: '2026-03-10' }),
  ],
  nextActionOn: '2026-03-13',
});

/** A tenant of its own, stored, and one new dossier in it (`aDossier` with the overrides). */
export async function storedDossier(
  repository: Pick<DossierRepository, 'putTenant' | 'createDossier'>,
  tenantId: string,
  overrides: Partial<Dossier> = {},
  tenant: Partial<TenantProfile> = {},
): Promise<Dossier> {
  await repository.putTenant(aTenant(tenantId, tenant));
  const dossier = aDossier({ tenantId, ...overrides });
  expect(await repository.createDossier(dossier)).toBe(true);
  return dossier;
}

/** One whole escalation step on a day's morning (decide, act on each action, record), as the state machine runs it. */
export async function runStep(deps: PipelineDeps, dossier: Dossier, day: LocalDate) {
  const input = { tenantId: dossier.tenantId, dossierId: dossier.dossierId, asOf: morningOf(day) };
  const decision = await decideStep(deps, input);
  if (decision.kind === 'act')
    for (const action of decision.actions) await performAction(deps, { ...input, action });
  await recordStep(deps, { ...input, decision });
  return decision;
}

/** The dossier's formal notice as its timeline records it sent (with the letter's tracking reference). */
export async function formalNoticeEvent(
  repository: Pick<DossierRepository, 'listTimeline'>,
  dossier: Dossier,
): Promise<TimelineEvent | undefined> {
  return (await repository.listTimeline(dossier.tenantId, dossier.dossierId)).find(
    (event) => event.type === 'action-sent' && event.level === 'formal-notice',
  );
}
